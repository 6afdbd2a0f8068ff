import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What every log line and audit record of a request carries without being told: its id and the
 * client's address. Who acts is not here: it is passed explicitly (access/actor.ts).
 */
export interface RequestContext {
  requestId: string | null;
  clientAddress: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The current request's context; outside a request (CLI, start-up, timers) both are null. */
export function currentContext(): RequestContext {
  return storage.getStore() ?? { requestId: null, clientAddress: null };
}
