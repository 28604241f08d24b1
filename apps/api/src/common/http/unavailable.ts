import { HttpStatus } from '@nestjs/common';
import { type ApiErrorBody, reasonPhrase } from './api-error';

/**
 * How long a client is asked to wait before retrying a request refused because PostgreSQL
 * or Redis did not answer (RFC 9110 §10.2.3 Retry-After, §15.6.4 503).
 */
export const RETRY_AFTER_SECONDS = 5;

/** The whole answer: no driver text, no host, no port — the log has those. */
export const UNAVAILABLE_BODY: ApiErrorBody = {
  statusCode: HttpStatus.SERVICE_UNAVAILABLE,
  error: reasonPhrase(HttpStatus.SERVICE_UNAVAILABLE),
  message: 'the service is temporarily unavailable, try again shortly',
  details: [],
};

/** A dependency took longer than the request may wait for it. */
export class DependencyTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'DependencyTimeoutError';
  }
}

/**
 * Bounds a call to a dependency whose client waits for it indefinitely (BullMQ queues
 * keep commands until Redis is back), so a request answers 503 instead of hanging.
 */
export function withinDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DependencyTimeoutError(what, ms)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * SQLSTATEs of a server that is going away, starting up, full or too slow
 * (PostgreSQL manual, appendix A "PostgreSQL Error Codes"): class 08 connection
 * exception, 53300 too_many_connections, 57014 query_canceled (statement_timeout),
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now,
 * 57P05 idle_session_timeout, 25P03 idle_in_transaction_session_timeout.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '53300',
  '57014',
  '57P01',
  '57P02',
  '57P03',
  '57P05',
  '25P03',
]);

/** Socket errors of a peer that is not there (Node's `error.code`). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * node-postgres, pg-pool and ioredis report a lost or refused connection by message only.
 * Each pattern is pinned by unavailable.spec.ts against the libraries' real errors where
 * one can be provoked without a server.
 */
const UNAVAILABLE_MESSAGES: RegExp[] = [
  // node-postgres: the server closed the socket, a connect timed out, a dead client reused.
  /^Connection terminated/,
  /^timeout expired$/,
  /is not queryable$/,
  /^Query read timeout$/,
  // pg-pool: no client free within connectionTimeoutMillis; a pool closing on shutdown.
  /^timeout exceeded when trying to connect$/,
  /^Cannot use a pool after calling end on the pool$/,
  // ioredis: disconnected with the offline queue off, closed, slow, or out of retries.
  /^Stream isn't writeable and enableOfflineQueue options is false$/,
  /^Connection is closed\.?$/,
  /^Command timed out$/,
  /^Reached the max retries per request limit/,
  // Redis replies while it loads its data after a restart, is busy, or fails over.
  /^(LOADING|BUSY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|READONLY) /,
];

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function unavailableItself(e: ErrorLike): boolean {
  if (e.name === 'DependencyTimeoutError' || e.name === 'MaxRetriesPerRequestError') return true;
  if (typeof e.code === 'string') {
    if (UNREACHABLE_CODES.has(e.code) || UNAVAILABLE_SQLSTATES.has(e.code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(e.code)) return true;
  }
  return (
    typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(e.message as string))
  );
}

/**
 * Whether an error means PostgreSQL or Redis could not serve the request — not that the
 * request was wrong, nor that our code is: the request may succeed if retried shortly.
 * Follows TypeORM's `driverError`, `cause` and an AggregateError's `errors` (Node's
 * happy-eyeballs connect reports each address it tried).
 */
export function isDependencyFailure(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const e = error as ErrorLike;
  if (unavailableItself(e)) return true;
  if (isDependencyFailure(e.driverError, depth + 1)) return true;
  if (isDependencyFailure(e.cause, depth + 1)) return true;
  return Array.isArray(e.errors) && e.errors.some((inner) => isDependencyFailure(inner, depth + 1));
}
