import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent.js';
import { createApp } from '../../src/app.factory.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { MEMORY_DATA_DIR } from '../../src/config/database.settings.js';
import { ROLES, type Role } from '../../src/access/permissions.js';
import { UsersService } from '../../src/users/users.service.js';
import { SYSTEM_ACTOR } from '../../src/access/actor.js';
import { buildOpenApiDocument } from '../../src/common/openapi.js';
import { ResponseValidator, type OpenApiDocument } from './openapi-responses.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export type TestRole = Role;

/** A JSON response body, as loosely typed as supertest's own. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors supertest's `body: any`
type ResponseBody = Record<string, any>;

export interface TestApp {
  app: NestFastifyApplication;
  /** Signed in as a board member (the role that logs cases). */
  http: TestAgent;
  /** Signed in as the given role; `as('anonymous')` sends no token. */
  as(role: Role | 'anonymous'): TestAgent;
  /** User ids of the signed-in test users. */
  userIds: Record<Role, string>;
  /** PATCH with the current version as If-Match (read first), as a careful client does. */
  update(
    path: string,
    body: object,
    agent?: TestAgent,
  ): Promise<{ status: number; body: ResponseBody; headers: Record<string, string> }>;
  /** DELETE with the current version as If-Match. */
  remove(path: string, agent?: TestAgent): Promise<{ status: number; body: ResponseBody }>;
  database: 'postgres' | 'pglite';
  /** The configuration the app was started with. */
  config: AppConfig;
  /** Runs SQL directly against the test database (for checks that bypass the API). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

let validator: ResponseValidator | undefined;

/**
 * An agent whose every response must be the documented one (route, status and JSON body, see
 * openapi-responses.ts): a response that differs from the OpenAPI document fails the test.
 */
export function checkedAgent(app: NestFastifyApplication): TestAgent {
  validator ??= new ResponseValidator(buildOpenApiDocument(app) as unknown as OpenApiDocument);
  const checker = validator;
  return request.agent(app.getHttpServer()).use((test: request.Test) => {
    test.expect((res) => {
      const problem = checker.check(test.method, test.url, res);
      if (problem) throw new Error(`Undocumented response: ${problem}`);
    });
  }) as unknown as TestAgent;
}

/** The PostgreSQL URL for tests, if any; refuses a database whose name does not say "test". */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return undefined;
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!/test/i.test(name)) {
    throw new Error(
      `TEST_DATABASE_URL names database "${name}": tests only run against a database whose name contains "test".`,
    );
  }
  return url;
}

/**
 * Starts the real application over real HTTP. On PostgreSQL (TEST_DATABASE_URL) each call gets a
 * schema of its own, dropped on close, so test files can run in parallel; otherwise a fresh
 * in-memory PGlite database. `forcePglite` and `dataDir` are for tests about the embedded database itself.
 */
export async function startTestApp(
  options: {
    forcePglite?: boolean;
    dataDir?: string;
    /** Settings as environment variables (REPORT_COUNTS, ORG_NAME, …), read by the one config loader. */
    env?: Record<string, string>;
    /** A second instance on the first one's database (PostgreSQL only); the first one drops it. */
    shareDatabaseWith?: TestApp;
  } = {},
): Promise<TestApp> {
  const url = options.forcePglite || options.dataDir ? undefined : testDatabaseUrl();
  let database: AppConfig['database'];
  let dropSchema = async () => {};
  if (options.shareDatabaseWith) {
    database = options.shareDatabaseWith.config.database;
  } else if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    database = { kind: 'postgres', url, poolSize: 5, schema };
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    };
  } else {
    database = { kind: 'pglite', dataDir: options.dataDir ?? MEMORY_DATA_DIR };
  }
  const config: AppConfig = {
    // The reminder worker stays off unless a test turns it on: a background job writing rows
    // would make the "changes nothing" checks depend on timing.
    ...loadConfig({
      LOG_LEVEL: 'error',
      ACCESS_LOG: 'off',
      REMINDER_INTERVAL_SECONDS: '0',
      FILE_TEXT_INTERVAL_SECONDS: '0',
      ...options.env,
    }),
    port: 0,
    host: '127.0.0.1',
    database,
  };
  const app = await createApp(config);
  const { DataSource } = await import('typeorm');
  const dataSource = app.get(DataSource);
  const agents = {} as Record<Role | 'anonymous', TestAgent>;
  const userIds = {} as Record<Role, string>;
  agents.anonymous = checkedAgent(app);
  const users = app.get(UsersService);
  const existing = new Map((await users.list()).items.map((u) => [u.email as string, u.id]));
  for (const role of ROLES) {
    const email = `${role}@test.example`;
    userIds[role] =
      existing.get(email) ??
      (
        await users.create(SYSTEM_ACTOR, {
          email,
          displayName: `Test ${role}`,
          role,
          password: TEST_PASSWORD,
        })
      ).id;
    const res = await checkedAgent(app)
      .post('/auth/sign-in')
      .send({ email, password: TEST_PASSWORD });
    if (res.status !== 200)
      throw new Error(`test sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
    agents[role] = checkedAgent(app).set(
      'Authorization',
      `Bearer ${res.body.token}`,
    ) as unknown as TestAgent;
  }
  const versioned = async (agent: TestAgent, path: string) => {
    const current = await agent.get(path);
    return current.headers.etag ?? '"0"';
  };
  return {
    app,
    http: agents.board,
    as: (role) => agents[role],
    userIds,
    update: async (path, body, agent = agents.board) => {
      const res = await agent
        .patch(path)
        .set('If-Match', await versioned(agent, path))
        .send(body);
      return { status: res.status, body: res.body, headers: res.headers as Record<string, string> };
    },
    remove: async (path, agent = agents.board) => {
      const res = await agent.delete(path).set('If-Match', await versioned(agent, path));
      return { status: res.status, body: res.body };
    },
    database: database.kind,
    config,
    sql: (text, params) => dataSource.query(text, params),
    close: async () => {
      await app.close();
      await dropSchema();
    },
  };
}
