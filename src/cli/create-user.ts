/**
 * npm run user:create -- --email a@example.org --role admin [--name "A. Admin"]
 * Creates a user on the configured database; the password comes from NEW_USER_PASSWORD or,
 * when that is not set, from the first line of standard input. For the first admin of a new
 * installation, and for recovery when no admin can sign in.
 */
import 'reflect-metadata';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../access/permissions.js';
import { createApp } from '../app.factory.js';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { DataDirectoryLockedError } from '../database/pglite/data-dir-lock.js';
import { DomainError } from '../errors/domain-errors.js';
import { UsersService } from '../users/users.service.js';
import { SYSTEM_ACTOR } from '../access/actor.js';

async function readPassword(): Promise<string> {
  if (process.env.NEW_USER_PASSWORD) return process.env.NEW_USER_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  process.stderr.write('Password (at least 12 characters): ');
  const line = await rl[Symbol.asyncIterator]().next();
  rl.close();
  return String(line.value ?? '').trim();
}

async function main() {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
  });
  if (!values.email || !values.role || !ROLES.includes(values.role as Role)) {
    throw new ConfigError(
      `Usage: npm run user:create -- --email <address> --role <${ROLES.join('|')}> [--name <display name>]`,
    );
  }
  const password = await readPassword();
  const app = await createApp({ ...loadConfig(), logLevel: 'error' });
  try {
    const user = await app.get(UsersService).create(SYSTEM_ACTOR, {
      email: values.email,
      role: values.role as Role,
      displayName: values.name ?? values.email,
      password,
    });
    console.log(`Created ${user.role} ${user.email} (${user.id}).`);
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  if (err instanceof DomainError) {
    console.error(
      `${err.message}${err.errors ? ` ${err.errors.map((e) => `${e.field} ${e.message}`).join('; ')}` : ''}`,
    );
  } else {
    console.error(
      err instanceof ConfigError || err instanceof DataDirectoryLockedError ? err.message : err,
    );
  }
  process.exit(1);
});
