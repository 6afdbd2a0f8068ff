import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '../access/permissions.js';

/** The signed-in user of a request. */
export interface CurrentUser {
  id: string;
  email: string;
  role: Role;
  /** The token this request came with, so sign-out can revoke exactly it. */
  tokenId: string;
}

export interface RequestContext {
  requestId: string | null;
  clientAddress: string | null;
  user: CurrentUser | null;
}

/** Who acted, as recorded in the audit trail. */
export interface Actor {
  userId: string | null;
  label: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The current request's context; outside a request (CLI, start-up, timers) nobody is signed in. */
export function currentContext(): RequestContext {
  return storage.getStore() ?? { requestId: null, clientAddress: null, user: null };
}

export function currentUser(): CurrentUser | null {
  return currentContext().user;
}

export function currentActor(): Actor {
  const user = currentUser();
  return user
    ? { userId: user.id, label: `${user.role}:${user.email}` }
    : { userId: null, label: 'system' };
}

/** Called by the access guard once the token is checked. */
export function setCurrentUser(user: CurrentUser | null) {
  const store = storage.getStore();
  if (store) store.user = user;
}
