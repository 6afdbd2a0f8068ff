import { isIP } from 'node:net';
import { ROLES, type Role } from '../access/permissions.js';
import type { Env, Problems } from './problems.js';

/**
 * Which proxies may set X-Forwarded-For (Fastify's trustProxy): off (the default: the address of
 * the TCP peer counts), a number of proxy hops, or a list of proxy addresses / CIDR ranges.
 */
export type TrustProxy = false | number | string[];

export interface SecondFactorPolicy {
  requiredRoles: readonly Role[];
  /** Hours an account of such a role may sign in without one, from its first such sign-in. */
  graceHours: number;
}

/** The default: admins and the board need a second factor, after 72 hours of grace. */
export const DEFAULT_SECOND_FACTOR_POLICY: SecondFactorPolicy = {
  requiredRoles: ['admin', 'board'],
  graceHours: 72,
};

export interface AccountsConfig {
  trustProxy: TrustProxy;
  secondFactor: SecondFactorPolicy;
}

/** Parses TRUST_PROXY; returns an error message for a value that is none of the three forms. */
export function parseTrustProxy(value: string | undefined): TrustProxy | { error: string } {
  const text = (value ?? '').trim();
  if (text === '' || text === 'off' || text === 'false') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 1 && hops <= 10 ? hops : { error: 'a hop count must be between 1 and 10' };
  }
  const entries = text.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  return bad.length
    ? {
        error: `must be off, a hop count (1-10) or a comma-separated list of addresses or CIDR ranges; not ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
      }
    : entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY, SECOND_FACTOR_REQUIRED_ROLES and SECOND_FACTOR_GRACE_HOURS. */
export function accountsSettings(env: Env, problems: Problems): AccountsConfig {
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  if (typeof trustProxy === 'object' && !Array.isArray(trustProxy)) {
    problems.bad('TRUST_PROXY', env.TRUST_PROXY, trustProxy.error);
  }
  let requiredRoles = DEFAULT_SECOND_FACTOR_POLICY.requiredRoles;
  const roles = env.SECOND_FACTOR_REQUIRED_ROLES?.trim();
  if (roles === 'none') {
    requiredRoles = [];
  } else if (roles) {
    const list = roles.split(',').map((r) => r.trim());
    const unknown = list.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length) {
      problems.bad(
        'SECOND_FACTOR_REQUIRED_ROLES',
        env.SECOND_FACTOR_REQUIRED_ROLES,
        `must be "none" or a comma-separated list of roles (${ROLES.join(', ')})`,
      );
    } else {
      requiredRoles = list as Role[];
    }
  }
  let graceHours = DEFAULT_SECOND_FACTOR_POLICY.graceHours;
  if (env.SECOND_FACTOR_GRACE_HOURS !== undefined) {
    const hours = Number(env.SECOND_FACTOR_GRACE_HOURS);
    if (!/^\d+$/.test(env.SECOND_FACTOR_GRACE_HOURS.trim()) || hours > 24 * 90) {
      problems.bad(
        'SECOND_FACTOR_GRACE_HOURS',
        env.SECOND_FACTOR_GRACE_HOURS,
        `must be a whole number of hours from 0 to ${24 * 90}`,
      );
    } else {
      graceHours = hours;
    }
  }
  return {
    trustProxy: typeof trustProxy === 'object' && !Array.isArray(trustProxy) ? false : trustProxy,
    secondFactor: { requiredRoles, graceHours },
  };
}
