import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { TemplateError } from './documents/template-renderer.js';
import {
  DataDirectoryLockedError,
  assertDataDirectoryFree,
  dataDirectoryLockEvents,
} from './database/pglite/data-dir-lock.js';
import { UsersService } from './users/users.service.js';

/** Start-up messages, in the configured log format (read before the configuration is validated). */
const logger = new ConsoleLogger('Main', { json: process.env.LOG_FORMAT === 'json' });

async function main() {
  const config = loadConfig();
  // Another process took the data directory: stop before two writers corrupt it.
  dataDirectoryLockEvents.once('lost', () => process.exit(1));
  if (config.database.kind === 'pglite') await assertDataDirectoryFree(config.database.dataDir);
  const app = await createApp(config);
  if (config.bootstrapAdmin) {
    const outcome = await app
      .get(UsersService)
      .createFirstAdmin(config.bootstrapAdmin.email, config.bootstrapAdmin.password);
    if (outcome === 'created')
      logger.log(`Created the first admin, ${config.bootstrapAdmin.email}.`);
  }
  await app.listen(config.port, config.host);
  const where =
    config.database.kind === 'postgres'
      ? 'PostgreSQL'
      : `embedded PGlite in ${config.database.dataDir}`;
  logger.log(
    `Case tracker listening on http://${config.host}:${config.port} (database: ${where}); API docs at /docs`,
  );
}

main().catch((err: unknown) => {
  if (
    err instanceof ConfigError ||
    err instanceof DataDirectoryLockedError ||
    err instanceof TemplateError
  ) {
    logger.error(err.message);
  } else {
    logger.error(
      `Start-up failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
  }
  process.exit(1);
});
