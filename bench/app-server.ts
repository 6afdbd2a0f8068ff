/** Child process: our application exactly as served (createApp), on the bench schema. */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.factory.js';
import { serveAsChild } from './child.js';

await serveAsChild(async ({ databaseUrl, schema, poolSize }) => {
  const app = await createApp({
    port: 0,
    host: '127.0.0.1',
    database: { kind: 'postgres', url: databaseUrl, poolSize, schema },
    logLevel: 'error',
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { port, close: () => app.close() };
});
