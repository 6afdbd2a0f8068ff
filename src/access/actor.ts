import { UnauthorizedError } from '../errors/domain-errors.js';
import { can, type Permission, type Role } from './permissions.js';

/**
 * Who acts. Controllers take it from the request (@CurrentActor()) and hand it to services, which
 * pass it on to every rule and to the transaction they open (UnitOfWork.run), so that the audit
 * trail records the same actor the rules saw. Nothing reads it from ambient context.
 */
export interface Actor {
  /** null: nobody is signed in (start-up, command-line tools, timers, anonymous callers). */
  readonly userId: string | null;
  readonly role: Role | null;
  readonly email: string | null;
  /** The token the request came with, so that sign-out revokes exactly it. */
  readonly tokenId: string | null;
  /** As the audit trail records it: "board:alice@example.org", or "system". */
  readonly label: string;
  /** A restricted session may only change its password and enrol a second factor. */
  readonly restricted?: boolean;
}

/** The service itself, or a caller who is not signed in. */
export const SYSTEM_ACTOR: Actor = Object.freeze({
  userId: null,
  role: null,
  email: null,
  tokenId: null,
  label: 'system',
});

export function userActor(
  user: { id: string; email: string; role: Role },
  tokenId: string | null,
): Actor {
  return {
    userId: user.id,
    role: user.role,
    email: user.email,
    tokenId,
    label: `${user.role}:${user.email}`,
  };
}

export type SignedIn = Actor & { userId: string; role: Role; email: string };

/** The signed-in user, or a 401 when nobody is. */
export function requireSignedIn(actor: Actor): SignedIn {
  if (actor.userId === null || actor.role === null || actor.email === null)
    throw new UnauthorizedError();
  return actor as SignedIn;
}

/** Whether the actor's role grants the permission; nobody signed in has none. */
export function actorCan(actor: Actor, permission: Permission): boolean {
  return actor.role !== null && can(actor.role, permission);
}
