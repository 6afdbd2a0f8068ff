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
  ValidationError,
} from 'class-validator';

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

/** Environment variables the service reads. Validated once at boot; see README "Configuration". */
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
  @Min(1)
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
}

export interface AppConfig {
  port: number;
  host: string;
  database:
    | { kind: 'postgres'; url: string; poolSize: number; schema?: string }
    | { kind: 'pglite'; dataDir: string };
  logLevel: (typeof LOG_LEVELS)[number];
  /** Creates the first admin at start-up when the installation has no users yet. */
  bootstrapAdmin?: { email: string; password: string };
  /** Origins allowed to call the API from a browser; none by default. */
  corsOrigins: string[];
  /** json: one JSON object per log line, for log collectors. */
  logFormat?: 'text' | 'json';
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = plainToInstance(EnvironmentVariables, raw, { excludeExtraneousValues: false });
  const errors = validateSync(parsed, { skipMissingProperties: false });
  if (!!parsed.BOOTSTRAP_ADMIN_EMAIL !== !!parsed.BOOTSTRAP_ADMIN_PASSWORD) {
    errors.push(
      Object.assign(new ValidationError(), {
        property: 'BOOTSTRAP_ADMIN_EMAIL',
        value: parsed.BOOTSTRAP_ADMIN_EMAIL,
        constraints: {
          pair: 'BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD must be set together',
        },
      }),
    );
  }
  if (errors.length > 0) {
    // Never echo a password back, not even into a start-up log.
    const shown = (e: ValidationError) =>
      /PASSWORD/.test(e.property) ? '(hidden)' : JSON.stringify(e.value);
    const lines = errors.map(
      (e) => `  ${e.property}=${shown(e)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    port: parsed.PORT ?? 3000,
    host: parsed.HOST ?? '127.0.0.1',
    database: parsed.DATABASE_URL
      ? { kind: 'postgres', url: parsed.DATABASE_URL, poolSize: parsed.DB_POOL_SIZE ?? 10 }
      : { kind: 'pglite', dataDir: parsed.DATA_DIR ?? './data/pglite' },
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
    corsOrigins: (parsed.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  };
}
