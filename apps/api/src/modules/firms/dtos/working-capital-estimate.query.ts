import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';

// Query values arrive as text; "abc" becomes NaN and fails the number checks with the field named.
export class WorkingCapitalEstimateQuery {
  @ApiPropertyOptional({
    description: 'Financial year; default the latest one reported',
    minimum: 1990,
    maximum: 2100,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1990, { message: 'must be between 1990 and 2100' })
  @Max(2100, { message: 'must be between 1990 and 2100' })
  year?: number;

  @ApiPropertyOptional({
    description:
      "Expected revenue growth as a fraction (0.1 = 10 %); default the year's own growth over the year before",
    minimum: -1,
    maximum: 10,
  })
  @IsOptional()
  @Type(() => Number)
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: 'must be a number (a fraction: 0.1 = 10 %)' },
  )
  @Min(-1, { message: 'must be between -1 and 10 (a fraction: 0.1 = 10 %)' })
  @Max(10, { message: 'must be between -1 and 10 (a fraction: 0.1 = 10 %)' })
  growth?: number;

  @ApiPropertyOptional({
    description: 'Working capital funded by other channels, whole yuan',
    minimum: 0,
    default: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of yuan' })
  @Min(0, { message: 'must not be negative' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'is too large' })
  otherFunding?: number;
}
