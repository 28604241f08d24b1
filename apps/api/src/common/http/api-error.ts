import { type ApiErrorBody, type ErrorDetail } from '@lianrong/matching/vocabulary';
import { HttpException, HttpStatus } from '@nestjs/common';

// The web reads the same shape, so it is declared once, in the shared vocabulary.
export type { ApiErrorBody, ErrorDetail };

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function reasonPhrase(status: number): string {
  return REASON[status] ?? 'Error';
}

/** Throw to answer with the error shape and field-level details. */
export class ApiException extends HttpException {
  constructor(status: HttpStatus, message: string, details: ErrorDetail[] = []) {
    super(
      { statusCode: status, error: reasonPhrase(status), message, details } satisfies ApiErrorBody,
      status,
    );
  }
}

export const badRequest = (field: string, problem: string, message = `${field}: ${problem}`) =>
  new ApiException(HttpStatus.BAD_REQUEST, message, [{ field, problem }]);

export const notFound = (what: string) =>
  new ApiException(HttpStatus.NOT_FOUND, `${what} not found`);

export const conflict = (message: string, details: ErrorDetail[] = []) =>
  new ApiException(HttpStatus.CONFLICT, message, details);
