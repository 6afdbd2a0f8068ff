/**
 * npm run seed:demo: loads the demo cases into the configured database (DATABASE_URL, or the
 * embedded PGlite in DATA_DIR) through the API in-process, without listening on a port.
 */
import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../app.factory.js';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { DataDirectoryLockedError } from '../database/pglite/data-dir-lock.js';
import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '../access/permissions.js';
import { AuthService } from '../auth/auth.service.js';
import { UsersService } from '../users/users.service.js';
import { DemoLoadError, injectInto, loadDemoData } from './demo-loader.js';
import { SYSTEM_ACTOR } from '../access/actor.js';

type DemoAccounts = Record<Role, { id: string; email: string; password: string | null }>;

/**
 * One user per role, so that a newcomer can try every view. Passwords are random unless
 * DEMO_PASSWORD is set; they are printed once. Existing demo users keep their passwords.
 */
async function ensureDemoUsers(
  users: UsersService,
  fixedPassword: string | undefined,
): Promise<DemoAccounts> {
  const existing = new Map((await users.list()).items.map((u) => [u.email as string, u.id]));
  const accounts = {} as DemoAccounts;
  for (const role of ROLES) {
    const email = `${role}@demo.example`;
    const id = existing.get(email);
    if (id) {
      accounts[role] = { id, email, password: null };
      continue;
    }
    const password = fixedPassword ?? randomBytes(12).toString('base64url');
    const created = await users.create(SYSTEM_ACTOR, {
      email,
      role,
      displayName: `Demo ${role}`,
      password,
    });
    accounts[role] = { id: created.id, email, password };
  }
  return accounts;
}

function printAccounts(accounts: DemoAccounts) {
  console.log('Demo users (sign in with POST /auth/sign-in):');
  for (const [role, a] of Object.entries(accounts)) {
    console.log(
      `  ${role.padEnd(8)} ${a.email.padEnd(22)} ${a.password ?? '(existing: password unchanged)'}`,
    );
  }
}

async function main(): Promise<number> {
  const config = loadConfig();
  const where =
    config.database.kind === 'postgres'
      ? 'PostgreSQL'
      : `embedded PGlite in ${config.database.dataDir}`;
  const app: NestFastifyApplication = await createApp(config);
  try {
    const accounts = await ensureDemoUsers(app.get(UsersService), process.env.DEMO_PASSWORD);
    const token = await app.get(AuthService).issueToolSession(accounts.board.id, 'seed:demo');
    // The organisation's units are managed by admins: they are created with the admin's session.
    const adminToken = await app.get(AuthService).issueToolSession(accounts.admin.id, 'seed:demo');
    const result = await loadDemoData(
      injectInto(app.getHttpAdapter().getInstance(), token),
      injectInto(app.getHttpAdapter().getInstance(), adminToken),
    );
    printAccounts(accounts);
    const list = Object.entries(result.cases).map(([reference, id]) => `  ${reference}  ${id}`);
    if (result.alreadyLoaded) {
      console.log(`Demo data already loaded (database: ${where}); nothing written.`);
      console.log(list.join('\n'));
      if (result.missing.length) {
        console.log(
          `Not found: ${result.missing.join(', ')} (an earlier load stopped half-way, or another case has that reference).`,
        );
      }
    } else {
      console.log(
        `Demo data loaded (database: ${where}): ${Object.keys(result.cases).length} cases, ` +
          `${result.authoritiesCreated} authorities and ${result.inventoryCreated} inventory items created.`,
      );
      console.log(list.join('\n'));
    }
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof DemoLoadError) {
      console.error(`Loading the demo data failed: ${err.message}`);
    } else if (err instanceof ConfigError || err instanceof DataDirectoryLockedError) {
      console.error(err.message);
    } else {
      console.error('Loading the demo data failed:', err);
    }
    process.exit(1);
  },
);
