import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiResponse } from '@nestjs/swagger';
import { ROLE_PERMISSIONS, ROLES, type Permission } from './permissions.js';

export const ACCESS_KEY = 'access';

/** What a route declares. A route that declares nothing is refused to everyone. */
export type AccessDeclaration =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'permission'; permissions: readonly Permission[] };

const problem = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
};

/** Anyone, signed in or not, may call this route. */
export function Public() {
  return applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessDeclaration),
    ApiExtension('x-access', { public: true }),
  );
}

/** Any signed-in user may call this route (their own account, tokens, sign-out). */
export function Authenticated() {
  return applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'authenticated' } satisfies AccessDeclaration),
    ApiBearerAuth(),
    ApiExtension('x-access', { roles: [...ROLES] }),
    ApiResponse({ status: 401, description: 'No valid token.', content: problem }),
  );
}

/** Signed-in users whose role grants one of `permissions` may call this route; documented in OpenAPI. */
export function Allow(...permissions: Permission[]) {
  const roles = ROLES.filter((r) => permissions.some((p) => ROLE_PERMISSIONS[r].includes(p)));
  return applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'permission', permissions } satisfies AccessDeclaration),
    ApiBearerAuth(),
    ApiExtension('x-access', { permissions, roles }),
    ApiResponse({ status: 401, description: 'No valid token.', content: problem }),
    ApiResponse({
      status: 403,
      description: `Requires ${permissions.join(' or ')} (roles: ${roles.join(', ')}).`,
      content: problem,
    }),
  );
}

export const RESTRICTED_SESSION_KEY = 'access:restricted-session';

/**
 * A restricted session (after an admin's password reset, or without a second factor the role
 * requires) may call this route too: it is what lets the account finish what it needs.
 */
export function OpenToRestrictedSessions() {
  return applyDecorators(
    SetMetadata(RESTRICTED_SESSION_KEY, true),
    ApiExtension('x-restricted-session', true),
  );
}
