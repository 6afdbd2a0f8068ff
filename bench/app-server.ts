/** Child process: our application exactly as served (createApp), on the bench schema. */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import { AuthService } from '../src/auth/auth.service.js';
import { UsersService } from '../src/users/users.service.js';
import { serveAsChild } from './child.js';
import { SYSTEM_ACTOR } from '../src/access/actor.js';
import { BENCH_USER_EMAIL } from './seed.js';

await serveAsChild(async ({ databaseUrl, schema, poolSize, env, embeddedDir }) => {
  const config = {
    // No access log: the raw baseline writes none either, and a line per request is not what is compared.
    ...loadConfig({ LOG_LEVEL: 'error', ACCESS_LOG: 'off', ...env }),
    port: 0,
    database: embeddedDir
      ? { kind: 'pglite' as const, dataDir: embeddedDir }
      : { kind: 'postgres' as const, url: databaseUrl, poolSize, schema },
  };
  const app = await createApp(config);
  // The load signs in like a board member would; the token check is part of what is measured.
  const users = app.get(UsersService);
  const email = BENCH_USER_EMAIL;
  const known = (await users.list()).items.find((u) => u.email === email);
  const userId =
    known?.id ??
    (
      await users.create(SYSTEM_ACTOR, {
        email,
        displayName: 'Benchmark',
        role: 'board',
        password: randomBytes(18).toString('base64url'),
      })
    ).id;
  const token = await app.get(AuthService).issueToolSession(userId, 'bench');
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { port, token, userId, close: () => app.close() };
});
