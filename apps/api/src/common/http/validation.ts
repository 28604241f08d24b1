import {
  type ArgumentMetadata,
  HttpStatus,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import { ApiException, type ErrorDetail } from './api-error';
import { findUnsafeInput } from './unsafe-input';

/** Flattens class-validator's tree into `{ field: 'financials.0.revenue', problem }` pairs. */
export function toErrorDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const problem of Object.values(error.constraints ?? {})) {
      details.push({
        field,
        problem: problem.replace(/^property (\S+) should not exist$/, 'is not allowed'),
      });
    }
    if (error.children?.length) details.push(...toErrorDetails(error.children, field));
  }
  return details;
}

const refuse = (details: ErrorDetail[]) =>
  new ApiException(
    HttpStatus.BAD_REQUEST,
    details.map((d) => `${d.field} ${d.problem}`).join('; ') || 'invalid request',
    details,
  );

/**
 * Class-validator's pipe, preceded by the checks it cannot make itself: every body and
 * query is refused before class-transformer sees it when it is too deep, holds a NUL or
 * a prototype key (see findUnsafeInput) — whether or not the route declares a DTO.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      // @Body('x') hands over only x: its problems are named from x.
      const unsafe = findUnsafeInput(value, metadata.data ?? metadata.type, metadata.data ?? '');
      if (unsafe) throw refuse([unsafe]);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Strings must stay strings: "100" is not an amount.
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => refuse(toErrorDetails(errors)),
  });
}
