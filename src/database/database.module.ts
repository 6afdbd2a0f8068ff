import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { prepareDatabase, type PreparedDatabase } from './data-source-options.js';
import { UnitOfWork } from './unit-of-work.js';

/** The prepared database (for snapshots of the embedded one); see PreparedDatabase. */
export const PREPARED = Symbol('PREPARED_DATABASE');
const ENTITIES = Symbol('ENTITIES');

/** Opens the database (PostgreSQL or embedded PGlite), applies pending migrations, closes it on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: PREPARED,
      inject: [APP_CONFIG, ENTITIES],
      useFactory: (config: AppConfig, entities: DataSourceOptions['entities']) =>
        prepareDatabase(config.database, entities),
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
  exports: [DataSource, UnitOfWork, PREPARED],
})
export class DatabaseModule implements OnApplicationShutdown {
  /** The entities come from the composition root, so that this layer knows no feature. */
  static forRoot(entities: DataSourceOptions['entities']): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: ENTITIES, useValue: entities }],
    };
  }

  constructor(
    private readonly dataSource: DataSource,
    @Inject(PREPARED) private readonly prepared: PreparedDatabase,
  ) {}

  async onApplicationShutdown() {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.prepared.dispose();
  }
}
