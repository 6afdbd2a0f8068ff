import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { prepareDatabase, type PreparedDatabase } from './data-source-options.js';
import { UnitOfWork } from './unit-of-work.js';

const PREPARED = Symbol('PREPARED_DATABASE');

/** Opens the database (PostgreSQL or embedded PGlite), applies pending migrations, closes it on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: PREPARED,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => prepareDatabase(config.database),
    },
    {
      provide: DataSource,
      inject: [PREPARED],
      useFactory: async (prepared: PreparedDatabase) => {
        const dataSource = new DataSource(prepared.options);
        await dataSource.initialize();
        await dataSource.runMigrations({ transaction: 'each' });
        return dataSource;
      },
    },
    UnitOfWork,
  ],
  exports: [DataSource, UnitOfWork],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PREPARED) private readonly prepared: PreparedDatabase,
  ) {}

  async onApplicationShutdown() {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.prepared.dispose();
  }
}
