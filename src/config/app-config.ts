import { Type, plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { accountsSettings, type AccountsConfig } from './accounts.settings.js';
import { auditSettings, type AuditConfig } from './audit.settings.js';
import { deadlinesSettings, type DeadlinesConfig } from './deadlines.settings.js';
import { DEFAULT_DATA_DIR, type DatabaseSettings } from './database.settings.js';
import { documentsSettings, type DocumentsConfig } from './documents.settings.js';
import { filesSettings, type FilesConfig } from './files.settings.js';
import { Problems, type Env } from './problems.js';
import { reportSettings, type ReportConfig } from './report.settings.js';
import { timeZoneSetting } from './time-zone.settings.js';

export { ConfigError } from './problems.js';

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

/** The service's basic environment variables (the sections have parsers of their own). */
class EnvironmentVariables {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  // Signing a checkpoint holds one connection for its lock while it reads the trail on another.
  @Min(2, { message: 'must be at least 2: checkpoint signing holds one connection for its lock' })
  @Max(200)
  DB_POOL_SIZE?: number;

  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL?: (typeof LOG_LEVELS)[number];

  @IsOptional()
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'must be an e-mail address' })
  BOOTSTRAP_ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsOptional()
  @IsIn(['text', 'json'])
  LOG_FORMAT?: 'text' | 'json';

  @IsOptional()
  @IsIn(['on', 'off'])
  ACCESS_LOG?: 'on' | 'off';

  @IsOptional()
  @IsString()
  BACKUP_DIR?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(10_080)
  BACKUP_INTERVAL_MINUTES?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  BACKUP_KEEP?: number;
}

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseSettings;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Creates the first admin at start-up when the installation has no users yet. */
  bootstrapAdmin?: { email: string; password: string };
  /** Origins allowed to call the API from a browser; none by default. */
  corsOrigins: string[];
  /** json: one JSON object per log line, for log collectors. */
  logFormat: 'text' | 'json';
  /** One structured line per request (ACCESS_LOG, on by default). */
  accessLog: boolean;
  /** The organisation's IANA time zone: report periods and every printed date. */
  timeZone: string;
  audit: AuditConfig;
  reports: ReportConfig;
  documents: DocumentsConfig;
  /** Sign-in: which proxies to trust for the client address, who needs a second factor. */
  accounts: AccountsConfig;
  /** Legal clocks, reminders (mail, digest, worker) and the warrant canary. */
  deadlines: DeadlinesConfig;
  /** Uploaded files: size and image limits. */
  files: FilesConfig;
  /** Where `npm run backup` writes; with `scheduled`, the service also backs itself up there. */
  backup: { dir: string; scheduled: boolean; intervalMinutes: number; keep: number };
}

/**
 * The one place settings are read: validates every environment variable the service knows (see
 * README "Configuration") and throws one ConfigError naming every bad one. Tests and tools pass
 * their own `env` instead of changing process.env.
 */
export function loadConfig(environment: Env = process.env): AppConfig {
  const env: Env = Object.fromEntries(
    Object.entries(environment).filter(([, v]) => v !== undefined && v !== ''),
  );
  const problems = new Problems();
  const parsed = plainToInstance(EnvironmentVariables, env, { excludeExtraneousValues: false });
  for (const e of validateSync(parsed, { skipMissingProperties: false })) {
    problems.bad(e.property, env[e.property], Object.values(e.constraints ?? {}).join('; '));
  }
  if (!!parsed.BOOTSTRAP_ADMIN_EMAIL !== !!parsed.BOOTSTRAP_ADMIN_PASSWORD) {
    problems.bad(
      'BOOTSTRAP_ADMIN_EMAIL',
      parsed.BOOTSTRAP_ADMIN_EMAIL,
      'BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD must be set together',
    );
  }
  const database: DatabaseSettings = parsed.DATABASE_URL
    ? { kind: 'postgres', url: parsed.DATABASE_URL, poolSize: parsed.DB_POOL_SIZE ?? 10 }
    : { kind: 'pglite', dataDir: parsed.DATA_DIR ?? DEFAULT_DATA_DIR };
  const timeZone = timeZoneSetting(env, problems);
  const config: AppConfig = {
    port: parsed.PORT ?? 3000,
    host: parsed.HOST ?? '127.0.0.1',
    database,
    logLevel: parsed.LOG_LEVEL ?? 'warn',
    ...(parsed.BOOTSTRAP_ADMIN_EMAIL && parsed.BOOTSTRAP_ADMIN_PASSWORD
      ? {
          bootstrapAdmin: {
            email: parsed.BOOTSTRAP_ADMIN_EMAIL,
            password: parsed.BOOTSTRAP_ADMIN_PASSWORD,
          },
        }
      : {}),
    logFormat: parsed.LOG_FORMAT ?? 'text',
    accessLog: (parsed.ACCESS_LOG ?? 'on') === 'on',
    backup: {
      dir: parsed.BACKUP_DIR ?? './backups',
      scheduled: !!parsed.BACKUP_DIR,
      intervalMinutes: parsed.BACKUP_INTERVAL_MINUTES ?? 1440,
      keep: parsed.BACKUP_KEEP ?? 7,
    },
    corsOrigins: (parsed.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    timeZone,
    audit: auditSettings(env, database, problems),
    reports: reportSettings(env, timeZone, problems),
    documents: documentsSettings(env, timeZone, problems),
    accounts: accountsSettings(env, problems),
    deadlines: deadlinesSettings(env, timeZone, problems),
    files: filesSettings(env, problems),
  };
  problems.throwIfAny();
  return config;
}
