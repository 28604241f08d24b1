import { HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiException, type ErrorDetail } from './api-error';

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

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Strings must stay strings: "100" is not an amount.
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = toErrorDetails(errors);
      const message = details.map((d) => `${d.field} ${d.problem}`).join('; ') || 'invalid request';
      return new ApiException(HttpStatus.BAD_REQUEST, message, details);
    },
  });
}
