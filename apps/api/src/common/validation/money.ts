import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** 1e15 yuan is far beyond any loan and safely inside 2^53. */
export const MAX_YUAN = 1_000_000_000_000_000;

/** Whole yuan: an integer, never a float, a string or (unless allowed) negative. */
export function IsYuan(opts: { allowNegative?: boolean; min?: number; example?: number } = {}) {
  const min = opts.allowNegative ? -MAX_YUAN : (opts.min ?? 0);
  return applyDecorators(
    ApiProperty({
      type: 'integer',
      description: 'whole yuan',
      minimum: min,
      maximum: MAX_YUAN,
      example: opts.example,
    }),
    IsInt({ message: 'must be a whole number of yuan (integer)' }),
    Min(min, { message: min === 0 ? 'must not be negative' : `must be at least ${min}` }),
    Max(MAX_YUAN, { message: `must not exceed ${MAX_YUAN}` }),
  );
}

/** Basis points: an integer in [0, max]. */
export function IsBps(max = 10_000, example?: number) {
  return applyDecorators(
    ApiProperty({
      type: 'integer',
      description: 'basis points (1% = 100)',
      minimum: 0,
      maximum: max,
      example,
    }),
    IsInt({ message: 'must be an integer number of basis points' }),
    Min(0, { message: 'must not be negative' }),
    Max(max, { message: `must not exceed ${max} bps` }),
  );
}

export function IsCount(max = 10_000_000, example?: number) {
  return applyDecorators(
    ApiProperty({ type: 'integer', minimum: 0, maximum: max, example }),
    IsInt({ message: 'must be an integer' }),
    Min(0, { message: 'must not be negative' }),
    Max(max, { message: `must not exceed ${max}` }),
  );
}
