import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent.js';
import { createApp } from '../../src/app.factory.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { MEMORY_DATA_DIR } from '../../src/database/data-source-options.js';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  database: 'postgres' | 'pglite';
  /** Runs SQL directly against the test database (for checks that bypass the API). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The PostgreSQL URL for tests, if any; refuses a database whose name does not say "test". */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return undefined;
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!/test/i.test(name)) {
    throw new Error(`TEST_DATABASE_URL names database "${name}": tests only run against a database whose name contains "test".`);
  }
  return url;
}

/**
 * Starts the real application over real HTTP. On PostgreSQL (TEST_DATABASE_URL) each call gets a
 * schema of its own, dropped on close, so test files can run in parallel; otherwise a fresh
 * in-memory PGlite database. `forcePglite` and `dataDir` are for tests about the embedded database itself.
 */
export async function startTestApp(options: { forcePglite?: boolean; dataDir?: string } = {}): Promise<TestApp> {
  const url = options.forcePglite || options.dataDir ? undefined : testDatabaseUrl();
  let database: AppConfig['database'];
  let dropSchema = async () => {};
  if (url) {
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
  const app = await createApp({ port: 0, host: '127.0.0.1', database, logLevel: 'error' });
  const { DataSource } = await import('typeorm');
  const dataSource = app.get(DataSource);
  return {
    app,
    http: request(app.getHttpServer()),
    database: database.kind,
    sql: (text, params) => dataSource.query(text, params),
    close: async () => {
      await app.close();
      await dropSchema();
    },
  };
}
