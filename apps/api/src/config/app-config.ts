import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** Every environment variable the API and worker read, validated once at boot (fail fast). */
export class AppConfig {
  @IsString()
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/lianrong';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  DATABASE_POOL_SIZE = 10;

  @IsString()
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  API_PORT = 3000;

  @IsString()
  @MinLength(16)
  JWT_SECRET = 'lianrong-dev-secret-change-me-in-production';

  @Type(() => Number)
  @IsInt()
  @Min(60)
  JWT_ACCESS_TTL_SECONDS = 15 * 60;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  JWT_REFRESH_TTL_DAYS = 30;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Hash tag keeps every key of a queue in one Redis Cluster slot. */
  @IsString()
  BULL_PREFIX = '{lianrong}';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  LOGIN_RATE_WINDOW_MS = 60_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  MATCH_TOP_K = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  MATCH_TOP_M = 1000;

  /** Run the outbox relay in this process (any number may; they share the work). */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  OUTBOX_RELAY = true;

  /** Needs per fan-out shard. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  MATCH_SHARD_SIZE = 25_000;

  /** Products per shard of the officer's view in a full rematch. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MATCH_PRODUCT_SHARD_SIZE = 250;

  /** Needs ranked and written between two yields to the event loop in background jobs. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  MATCH_BACKGROUND_SLICE = 2_000;

  /** Rows per statement when a view is written. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  MATCH_WRITE_CHUNK = 5_000;

  /** A worker's hold on a job; a long CPU step must stay well under it. Stall checks run as often. */
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  WORKER_LOCK_MS = 30_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  WORKER_CONCURRENCY = 1;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  BACKGROUND_CONCURRENCY = 1;

  @IsOptional()
  @IsString()
  NODE_ENV?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const config = plainToInstance(AppConfig, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`,
    );
    throw new Error(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  return config;
}
