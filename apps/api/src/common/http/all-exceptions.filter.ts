import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { type ApiErrorBody, type ErrorDetail, reasonPhrase } from './api-error';
import { type HttpReply, replySent, sendJson, setReplyHeader } from './http-reply';
import { isDependencyFailure, RETRY_AFTER_SECONDS, UNAVAILABLE_BODY } from './unavailable';

interface PgError {
  code?: string;
  constraint?: string;
  column?: string;
  detail?: string;
}

/** Postgres refusals that client input can cause are the client's fault, never a 500. */
function fromPostgres(error: QueryFailedError): ApiErrorBody | null {
  const pg = error.driverError as PgError;
  const field = pg.column ?? pg.constraint ?? 'body';
  switch (pg.code) {
    case '23505':
      return body(HttpStatus.CONFLICT, 'already exists', [
        { field: pg.constraint ?? 'id', problem: 'already exists' },
      ]);
    case '23503':
      return body(HttpStatus.NOT_FOUND, 'referenced resource not found', [
        { field, problem: 'does not exist' },
      ]);
    case '23514':
    case '23502':
    case '22P02':
    case '22003':
    case '22001':
    case '22021': // a NUL in text: the validation pipe refuses it first, this is the backstop
      return body(HttpStatus.BAD_REQUEST, 'value rejected by a constraint', [
        { field, problem: 'is not allowed' },
      ]);
    case '40001':
    case '40P01':
      return body(HttpStatus.CONFLICT, 'concurrent update, retry', []);
    default:
      return null;
  }
}

function body(statusCode: number, message: string, details: ErrorDetail[]): ApiErrorBody {
  return { statusCode, error: reasonPhrase(statusCode), message, details };
}

/**
 * A failed readiness check (Terminus): its body is the probe's own, naming each dependency
 * and its state — nothing more, since the indicators leave the drivers' messages out.
 */
export interface HealthCheckFailure {
  status: 'error';
  info?: Record<string, unknown>;
  error: Record<string, unknown>;
  details: Record<string, unknown>;
}

function isHealthCheckFailure(status: number, response: unknown): response is HealthCheckFailure {
  if (status !== HttpStatus.SERVICE_UNAVAILABLE) return false;
  const r = response as Partial<HealthCheckFailure> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.status === 'error' &&
    typeof r.details === 'object' &&
    r.details !== null &&
    !Array.isArray(r.details)
  );
}

function isApiErrorBody(response: unknown): response is ApiErrorBody {
  const r = response as Partial<ApiErrorBody> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.statusCode === 'number' &&
    Array.isArray(r.details)
  );
}

function fromHttpException(exception: HttpException): ApiErrorBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (isApiErrorBody(response)) return response;
  const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
  // Nest maps body-parser's SyntaxError (bad JSON) and URIError (bad %-encoding) to a bare 400.
  if (status === HttpStatus.BAD_REQUEST) {
    const json = /JSON/i.test(message);
    return body(status, json ? 'malformed JSON body' : message, [
      json ? { field: 'body', problem: 'is not valid JSON' } : { field: 'path', problem: message },
    ]);
  }
  return body(status, message, []);
}

/** Body-parser's own errors carry a `type` and a status. */
function fromBodyParser(exception: unknown): ApiErrorBody | null {
  const e = exception as { type?: string; status?: number };
  if (typeof e?.type !== 'string' || typeof e.status !== 'number') return null;
  if (e.type === 'entity.parse.failed') {
    return body(HttpStatus.BAD_REQUEST, 'malformed JSON body', [
      { field: 'body', problem: 'is not valid JSON' },
    ]);
  }
  if (e.type === 'entity.too.large') {
    return body(HttpStatus.PAYLOAD_TOO_LARGE, 'request body too large', [
      { field: 'body', problem: 'is too large' },
    ]);
  }
  if (e.status >= 400 && e.status < 500) {
    return body(e.status, 'unreadable request body', [{ field: 'body', problem: e.type }]);
  }
  return null;
}

/**
 * Fastify's own refusals of a body (FST_ERR_CTP_*, and the JSON parser's SyntaxError, which
 * carries a 400), in the same words as body-parser's under Express.
 */
function fromFastify(exception: unknown): ApiErrorBody | null {
  const e = exception as { code?: unknown; statusCode?: unknown };
  if (typeof e?.statusCode !== 'number' || e.statusCode < 400 || e.statusCode >= 500) return null;
  const code = typeof e.code === 'string' ? e.code : '';
  if (!code.startsWith('FST_') && !(exception instanceof SyntaxError)) return null;
  if (e.statusCode === HttpStatus.PAYLOAD_TOO_LARGE) {
    return body(HttpStatus.PAYLOAD_TOO_LARGE, 'request body too large', [
      { field: 'body', problem: 'is too large' },
    ]);
  }
  if (exception instanceof SyntaxError || code.startsWith('FST_ERR_CTP_INVALID_JSON')) {
    return body(HttpStatus.BAD_REQUEST, 'malformed JSON body', [
      { field: 'body', problem: 'is not valid JSON' },
    ]);
  }
  return body(e.statusCode, 'unreadable request body', [{ field: 'body', problem: code }]);
}

/** The log line of a dependency failure: what went wrong, without a stack. */
function summarize(exception: unknown): string {
  if (!(exception instanceof Error)) return String(exception);
  const code = (exception as { code?: unknown }).code;
  return `${exception.name}${typeof code === 'string' ? ` ${code}` : ''}: ${exception.message}`;
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    // Express's response, Fastify's reply, or Node's when Fastify's middleware failed.
    const res = host.switchToHttp().getResponse<HttpReply>();
    if (
      exception instanceof HttpException &&
      isHealthCheckFailure(exception.getStatus(), exception.getResponse())
    ) {
      if (!replySent(res)) sendJson(res, exception.getStatus(), exception.getResponse());
      return;
    }
    let result: ApiErrorBody | null = null;
    if (exception instanceof HttpException) result = fromHttpException(exception);
    else if (exception instanceof QueryFailedError) result = fromPostgres(exception);
    else result = fromBodyParser(exception) ?? fromFastify(exception);
    // PostgreSQL or Redis away (a restart, a full pool, a statement timeout): retry later.
    if (!result && isDependencyFailure(exception)) {
      this.logger.warn(`dependency unavailable: ${summarize(exception)}`);
      result = UNAVAILABLE_BODY;
      if (!replySent(res)) setReplyHeader(res, 'Retry-After', String(RETRY_AFTER_SECONDS));
    }

    if (!result) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
      result = body(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error', []);
    }
    if (replySent(res)) return;
    sendJson(res, result.statusCode, result);
  }
}
