// class-transformer's decorators below read metadata as this module loads.
import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
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

/** Known to everyone who reads the repo: fine on a laptop, never in production. */
export const DEV_JWT_SECRET = 'lianrong-dev-secret-change-me-in-production';

/** HS256 keys shorter than the hash output weaken the signature (RFC 7518 §3.2). */
export const MIN_PRODUCTION_SECRET_BYTES = 32;

const TRUE = (value: unknown) => value === true || value === 'true' || value === '1';

/** Every environment variable the API and worker read, validated once at boot (fail fast). */
export class AppConfig {
  @IsString()
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/lianrong';

  /** Connections per pool; an API process has two (the ORM's and PreparedStatements'). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  DATABASE_POOL_SIZE = 10;

  /**
   * How long a query waits for a pooled connection (or for a new one to open) before it
   * fails — a request then answers 503 instead of waiting on a database that is away.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  DATABASE_CONNECT_TIMEOUT_MS = 5_000;

  /** The API's bound on any one SQL statement (PostgreSQL `statement_timeout`); 0: none. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  DATABASE_STATEMENT_TIMEOUT_MS = 30_000;

  /** The worker's bound: its bulk statements grow with the data, so by default none. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  WORKER_STATEMENT_TIMEOUT_MS = 0;

  @IsString()
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  API_PORT = 3000;

  /**
   * Which HTTP server Nest runs on. Both serve the same routes, headers, cookies and errors
   * (the integration suite runs under either); `npm run bench:api` measures them side by side.
   * Fastify by default: on this kind of 2-core box it served about twice Express's requests
   * per second on a bare route, and only on it did the gov overview keep p99 ≤ 100 ms at 50
   * connections with 1M firms (`npm run bench:gov`).
   */
  @IsIn(['express', 'fastify'])
  HTTP_ADAPTER: 'express' | 'fastify' = 'fastify';

  @IsString()
  @MinLength(16)
  JWT_SECRET = DEV_JWT_SECRET;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  JWT_ACCESS_TTL_SECONDS = 15 * 60;

  /**
   * A session ends after this many minutes without a refresh (OWASP ASVS L3, 3.3.2); the web
   * refreshes ahead of the access token's expiry only while its user is active.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SESSION_IDLE_MINUTES = 15;

  /** …and this many hours after sign-in, however active (ASVS L3, 3.3.4). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SESSION_ABSOLUTE_HOURS = 12;

  /**
   * A refresh token presented again this soon after it was spent is a second tab or a reload
   * racing the first, not a thief: it gets a token of the same family instead of revoking it.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  REFRESH_REUSE_GRACE_SECONDS = 20;

  /** The refresh cookie's Secure flag; off only for plain-http development hosts. */
  @Transform(({ value }) => TRUE(value))
  @IsBoolean()
  COOKIE_SECURE = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Hash tag keeps every key of a queue in one Redis Cluster slot. */
  @IsString()
  BULL_PREFIX = '{lianrong}';

  /** Login attempts per account in the login window, from any address. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  LOGIN_RATE_WINDOW_MS = 60_000;

  /** Logins per client address in the login window, across all accounts (an office's NAT). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_IP_RATE_LIMIT = 60;

  /** Firm registrations per client address in the registration window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  REGISTRATION_RATE_LIMIT = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  REGISTRATION_RATE_WINDOW_MS = 3_600_000;

  /** Writes (POST, PUT, PATCH, DELETE) per signed-in user per minute, over all routes. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WRITE_RATE_LIMIT = 120;

  /**
   * Which proxies' X-Forwarded-For to believe (Express `trust proxy`, Fastify `trustProxy`,
   * read the same way): by default the
   * loopback and private networks the bundled nginx talks from, never the open internet.
   */
  @IsString()
  TRUST_PROXY = 'loopback, linklocal, uniquelocal';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  MATCH_TOP_K = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  MATCH_TOP_M = 1000;

  /** Run the outbox relay in this process (any number may; they share the work). */
  @Transform(({ value }) => TRUE(value))
  @IsBoolean()
  OUTBOX_RELAY = true;

  /**
   * The demo organisations and logins exist (`npm start`, `npm test`): the seed loads
   * them only then, and `GET /meta` tells the login page whether to list them.
   */
  @Transform(({ value }) => TRUE(value))
  @IsBoolean()
  SEED_DEMO = false;

  /**
   * How long a dry run (POST /products/dry-run) waits for the open needs being read again
   * after a change before it answers from the previous read.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  DRY_RUN_FRESH_WAIT_MS = 250;

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

  /**
   * How long a chain's re-match waits after a lead-bank change; every further change within
   * it pushes the run back, so an agency trying out banks costs one re-match, not one each.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  CHAIN_REMATCH_DELAY_MS = 10_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  BACKGROUND_CONCURRENCY = 1;

  /** How often the worker looks for applications a bank has left unanswered past its limit. */
  @Type(() => Number)
  @IsInt()
  @Min(10_000)
  OVERDUE_CHECK_EVERY_MS = 10 * 60_000;

  /**
   * Where the government dashboard reads its figures: 'facts', the tables the worker sums
   * them into (fast at any size), or 'live', summed from the records on every request (the
   * benchmark's baseline; also what answers before the worker's first build).
   */
  @IsIn(['facts', 'live'])
  GOV_DASHBOARD_SOURCE: 'facts' | 'live' = 'facts';

  /** The worker sums the dashboard's figures again at least this often… */
  @Type(() => Number)
  @IsInt()
  @Min(60_000)
  GOV_FACTS_REFRESH_EVERY_MS = 30 * 60_000;

  /** …and this long after a change to the records they sum (changes meanwhile join the run)… */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  GOV_FACTS_DEBOUNCE_MS = 5_000;

  /** …but never sooner than this after the previous build, so a burst of writes costs few builds. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  GOV_FACTS_MIN_INTERVAL_MS = 30_000;

  /**
   * A build waits while a full rematch runs (its figures would describe views half
   * rewritten, and it would take the CPU the rematch needs), for at most this long; 0: never.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  GOV_FACTS_REMATCH_HOLD_MS = 20 * 60_000;

  /** Comment lines on open notification streams, so proxies (nginx: 60–120 s) never see them idle. */
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  NOTIFICATION_HEARTBEAT_MS = 20_000;

  /**
   * Days the official calendar package does not know yet (the State Council publishes each
   * year's holidays and make-up workdays, 调休, around November): `2027-01-01:off,2027-02-07:work`.
   */
  @IsOptional()
  @Matches(/^(\d{4}-\d{2}-\d{2}:(off|work))(,\d{4}-\d{2}-\d{2}:(off|work))*$/, {
    message:
      'WORKING_CALENDAR_OVERRIDES must be a comma-separated list of YYYY-MM-DD:off or YYYY-MM-DD:work',
  })
  WORKING_CALENDAR_OVERRIDES?: string;

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
  const lines = errors.map(
    (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`,
  );
  const secretProblem = productionSecretProblem(config.NODE_ENV, defined.JWT_SECRET);
  if (secretProblem) lines.push(`JWT_SECRET: ${secretProblem}`);
  if (lines.length > 0) throw new Error(`Invalid environment:\n  ${lines.join('\n  ')}`);
  return config;
}

/**
 * Anyone holding the signing key can mint an admin token, so a production process
 * refuses to start on a key it did not set, a short one, or the one in this repo.
 */
export function productionSecretProblem(
  nodeEnv: string | undefined,
  secret: string | undefined,
): string | null {
  if (nodeEnv !== 'production') return null;
  if (!secret) return 'must be set when NODE_ENV=production';
  if (secret === DEV_JWT_SECRET)
    return 'must not be the development default when NODE_ENV=production';
  if (Buffer.byteLength(secret, 'utf8') < MIN_PRODUCTION_SECRET_BYTES)
    return `must be at least ${MIN_PRODUCTION_SECRET_BYTES} bytes when NODE_ENV=production`;
  return null;
}

/**
 * For the entry points: an invalid environment ends the process before Nest starts,
 * with the variables named on stderr rather than buried in a stack trace.
 */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
