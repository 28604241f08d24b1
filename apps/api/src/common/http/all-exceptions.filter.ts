import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { type Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { type ApiErrorBody, type ErrorDetail, reasonPhrase } from './api-error';
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
    const res = host.switchToHttp().getResponse<Response>();
    if (
      exception instanceof HttpException &&
      isHealthCheckFailure(exception.getStatus(), exception.getResponse())
    ) {
      if (!res.headersSent) res.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    let result: ApiErrorBody | null = null;
    if (exception instanceof HttpException) result = fromHttpException(exception);
    else if (exception instanceof QueryFailedError) result = fromPostgres(exception);
    else result = fromBodyParser(exception);
    // PostgreSQL or Redis away (a restart, a full pool, a statement timeout): retry later.
    if (!result && isDependencyFailure(exception)) {
      this.logger.warn(`dependency unavailable: ${summarize(exception)}`);
      result = UNAVAILABLE_BODY;
      if (!res.headersSent) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    }

    if (!result) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
      result = body(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error', []);
    }
    if (res.headersSent) return;
    res.status(result.statusCode).json(result);
  }
}
