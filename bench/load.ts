/** One autocannon scenario: a short warm-up (discarded), then the measured run. */
import autocannon from 'autocannon';

export interface Scenario {
  name: string;
  baseUrl: string;
  /** Fixed path, or a function giving the path of each request (e.g. random ids). */
  path: string | (() => string);
}

export interface ScenarioResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  errors: number;
  non2xx: number;
}

async function fire(scenario: Scenario, connections: number, seconds: number) {
  const { path } = scenario;
  return autocannon({
    url: scenario.baseUrl,
    connections,
    duration: seconds,
    requests: [
      typeof path === 'string'
        ? { method: 'GET', path }
        : { method: 'GET', setupRequest: (request) => ({ ...request, path: path() }) },
    ],
  });
}

export async function runScenario(scenario: Scenario, connections: number, seconds: number, warmupSeconds: number): Promise<ScenarioResult> {
  await fire(scenario, connections, warmupSeconds);
  const result = await fire(scenario, connections, seconds);
  return {
    name: scenario.name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
