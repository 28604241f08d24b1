import { type ApiErrorBody, type ErrorDetail } from '@lianrong/matching/vocabulary';
import { HttpStatus, type Type, applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOperation,
  ApiProperty,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { reasonPhrase } from './api-error';

export class ErrorDetailDto implements ErrorDetail {
  @ApiProperty({ example: 'amount' })
  field: string;

  @ApiProperty({ example: 'must be a whole number of yuan' })
  problem: string;
}

/** The one error body of the API, declared once so every 4xx of the document points at it. */
export class ApiErrorDto implements ApiErrorBody {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  @ApiProperty({ example: 'amount: must be a whole number of yuan' })
  message: string;

  @ApiProperty({ type: [ErrorDetailDto] })
  details: ErrorDetailDto[];
}

/** A reference to another record by id, with its display name. */
export class IdNameDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

type ErrorStatus =
  | HttpStatus.BAD_REQUEST
  | HttpStatus.UNAUTHORIZED
  | HttpStatus.FORBIDDEN
  | HttpStatus.NOT_FOUND
  | HttpStatus.CONFLICT
  | HttpStatus.TOO_MANY_REQUESTS;

const SUCCESS: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.OK]: 'OK',
  [HttpStatus.CREATED]: 'Created',
  [HttpStatus.ACCEPTED]: 'Accepted',
  [HttpStatus.NO_CONTENT]: 'No Content',
};

export interface ApiDocOptions {
  summary: string;
  description?: string;
  /** The success body; omitted only for a 204. */
  response?: Type<unknown>;
  /** The body is a bare array of `response` (a short history, not a page of a list). */
  isArray?: boolean;
  /** A file answered instead of JSON: its media type (the body is documented as binary). */
  file?: string;
  /** Server-sent events instead of JSON: the shape of each event's data. */
  stream?: Type<unknown>;
  /** The success status when it is not 200 (Nest answers 201 to a POST unless told otherwise). */
  status?: HttpStatus;
  /** The route's own refusals; 401 and 403 are added for every route that needs a token. */
  errors?: ErrorStatus[];
  /** No bearer token needed: the operation says so with an empty security list. */
  public?: boolean;
}

/**
 * Summary, success schema, refusals with the error schema and security of one operation,
 * so that a generated client knows what each route answers (redocly's recommended rules
 * check the document for all four).
 */
export function ApiDoc(options: ApiDocOptions): MethodDecorator {
  const status = options.status ?? HttpStatus.OK;
  const errors = new Set<HttpStatus>(options.errors ?? []);
  if (!options.public) {
    errors.add(HttpStatus.UNAUTHORIZED);
    errors.add(HttpStatus.FORBIDDEN);
  }
  return applyDecorators(
    ApiOperation({
      summary: options.summary,
      ...(options.description ? { description: options.description } : {}),
      ...(options.public ? { security: [] } : {}),
    }),
    ApiResponse({
      status,
      description: SUCCESS[status] ?? 'Success',
      ...(options.response ? { type: options.response } : {}),
      ...(options.isArray ? { isArray: true } : {}),
      ...(options.file
        ? { content: { [options.file]: { schema: { type: 'string', format: 'binary' } } } }
        : {}),
      ...(options.stream
        ? { content: { 'text/event-stream': { schema: { $ref: getSchemaPath(options.stream) } } } }
        : {}),
    }),
    ...(options.stream ? [ApiExtraModels(options.stream)] : []),
    ...[...errors]
      .sort((a, b) => a - b)
      .map((s) => ApiResponse({ status: s, description: reasonPhrase(s), type: ApiErrorDto })),
  );
}
