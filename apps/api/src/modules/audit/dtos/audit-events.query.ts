import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsISO8601,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export const AUDIT_PAGE_MAX = 200;
export const AUDIT_PAGE_DEFAULT = 50;

/** The filters of the audit trail, shared by its JSON pages and its CSV export. */
export class AuditEventsFilterQuery {
  @ApiPropertyOptional({
    description: "Who acted: a user's id, or part of their email or name (case-insensitive)",
    example: 'gov@lianrong.demo',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'must be at most 100 characters' })
  actor?: string;

  @ApiPropertyOptional({
    description: "An action or the start of one: 'session.login_failed', or 'session.' for all",
    example: 'session.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_.]{1,60}$/, { message: 'must be letters a–z, dots and underscores' })
  action?: string;

  @ApiPropertyOptional({ description: 'The kind of entity acted on', example: 'need' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,40}$/, { message: 'must be letters a–z and underscores' })
  entityType?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Events concerning this firm' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  firmId?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'From this instant on (ISO 8601 with an offset, e.g. 2026-05-01T00:00:00+08:00)',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this instant (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  to?: string;
}

export class AuditEventsQuery extends AuditEventsFilterQuery {
  @ApiPropertyOptional({ description: "The previous page's nextCursor" })
  @IsOptional()
  @IsString()
  @Matches(/^[1-9]\d{0,18}$/, { message: 'is not a cursor of this list: start again without it' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: AUDIT_PAGE_MAX, default: AUDIT_PAGE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: `must be between 1 and ${AUDIT_PAGE_MAX}` })
  @Max(AUDIT_PAGE_MAX, { message: `must be between 1 and ${AUDIT_PAGE_MAX}` })
  limit?: number;
}
