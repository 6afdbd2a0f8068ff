import { Global, Module } from '@nestjs/common';
import type { AppConfig } from './app-config.js';

export const APP_CONFIG = Symbol('APP_CONFIG');
/** The sections of AppConfig, injectable on their own. */
export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');
export const REPORT_CONFIG = Symbol('REPORT_CONFIG');
export const DOCUMENTS_CONFIG = Symbol('DOCUMENTS_CONFIG');
export const ACCOUNTS_CONFIG = Symbol('ACCOUNTS_CONFIG');
export const DEADLINES_CONFIG = Symbol('DEADLINES_CONFIG');
export const FILES_CONFIG = Symbol('FILES_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig) {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: AUDIT_CONFIG, useValue: config.audit },
        { provide: REPORT_CONFIG, useValue: config.reports },
        { provide: DOCUMENTS_CONFIG, useValue: config.documents },
        { provide: ACCOUNTS_CONFIG, useValue: config.accounts },
        { provide: DEADLINES_CONFIG, useValue: config.deadlines },
        { provide: FILES_CONFIG, useValue: config.files },
      ],
      exports: [
        APP_CONFIG,
        AUDIT_CONFIG,
        REPORT_CONFIG,
        DOCUMENTS_CONFIG,
        ACCOUNTS_CONFIG,
        DEADLINES_CONFIG,
        FILES_CONFIG,
      ],
    };
  }
}
