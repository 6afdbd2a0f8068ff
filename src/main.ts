import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { TemplateError } from './documents/template-renderer.js';
import { DataDirectoryLockedError, assertDataDirectoryFree } from './database/pglite/data-dir-lock.js';
import { UsersService } from './users/users.service.js';

async function main() {
  const config = loadConfig();
  if (config.database.kind === 'pglite') await assertDataDirectoryFree(config.database.dataDir);
  const app = await createApp(config);
  if (config.bootstrapAdmin) {
    const outcome = await app
      .get(UsersService)
      .createFirstAdmin(config.bootstrapAdmin.email, config.bootstrapAdmin.password);
    if (outcome === 'created')
      console.log(`Created the first admin, ${config.bootstrapAdmin.email}.`);
  }
  await app.listen(config.port, config.host);
  const where =
    config.database.kind === 'postgres'
      ? 'PostgreSQL'
      : `embedded PGlite in ${config.database.dataDir}`;
  console.log(
    `Case tracker listening on http://${config.host}:${config.port} (database: ${where}); API docs at /docs`,
  );
}

main().catch((err: unknown) => {
  if (
    err instanceof ConfigError ||
    err instanceof DataDirectoryLockedError ||
    err instanceof TemplateError
  ) {
    console.error(err.message);
  } else {
    console.error('Start-up failed:', err);
  }
  process.exit(1);
});
