/** Drives one scenario with autocannon and condenses the result. */
import autocannon from 'autocannon';

export interface Scenario {
  name: string;
  baseUrl: string;
  /** Fixed path, or a function giving the path of each request (e.g. random ids). */
  path: string | (() => string);
  headers?: Record<string, string>;
  /** A POST with this JSON body per request (default: a GET). */
  body?: () => unknown;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  errors: number;
  non2xx: number;
}

export async function drive(
  scenario: Scenario,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const { path, body } = scenario;
  const pathOf = typeof path === 'string' ? () => path : path;
  const result = await autocannon({
    url: scenario.baseUrl,
    connections,
    duration: seconds,
    headers: {
      ...(scenario.headers ?? {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    // Slow scenarios queue up to `connections` requests behind the pool; only a real hang should time out.
    timeout: 30,
    requests: [
      body
        ? {
            method: 'POST',
            setupRequest: (request) => ({
              ...request,
              path: pathOf(),
              body: JSON.stringify(body()),
            }),
          }
        : typeof path === 'string'
          ? { method: 'GET', path }
          : { method: 'GET', setupRequest: (request) => ({ ...request, path: pathOf() }) },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    // autocannon counts timeouts among the errors.
    errors: result.errors,
    non2xx: result.non2xx,
  };
}
