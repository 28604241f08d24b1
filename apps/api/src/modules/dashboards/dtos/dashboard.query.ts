import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { TIERS, type Tier } from '../../../common/domain-enums';

const MONTH = /^(20\d\d|2100)-(0[1-9]|1[0-2])$/;

/** The filters of the government dashboard, shared by its pages and its exports. */
export class DashboardFilterQuery {
  @ApiPropertyOptional({
    example: '2026-01',
    description: 'First month of the period (YYYY-MM, China time); default: 11 months before `to`',
  })
  @IsOptional()
  @IsString()
  @Matches(MONTH, { message: 'must be a month as YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-11',
    description: 'Last month of the period (YYYY-MM, China time); default: the current month',
  })
  @IsOptional()
  @IsString()
  @Matches(MONTH, { message: 'must be a month as YYYY-MM' })
  to?: string;

  @ApiPropertyOptional({
    enum: TIERS,
    description: 'Only firms whose certified tier counts as this',
  })
  @IsOptional()
  @IsIn(TIERS, { message: `must be one of ${TIERS.join(', ')}` })
  tier?: Tier;

  @ApiPropertyOptional({
    example: '430100',
    description: "A city (市州) within the agency's region: only its firms count",
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'must be a six-digit GB/T 2260 code' })
  city?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Only this bank in the loan figures (applications, credit, disbursement, response times, first-time borrowers, coverage); the needs are the firms’ whatever the bank',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a bank id' })
  bank?: string;
}

/** A chain's page: the filters and a page of its member firms. */
export class ChainDetailQuery extends DashboardFilterQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(200, { message: 'must be at most 200' })
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must not be negative' })
  offset?: number;
}

/** Filters that may also narrow to one chain (responsiveness, exports). */
export class ChainFilterQuery extends DashboardFilterQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the firms of this chain' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a chain id' })
  chain?: string;
}

/** GET /gov/blockers: needs open now, so no period and no bank. */
export class BlockersQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the needs of this chain’s firms' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a chain id' })
  chain?: string;

  @ApiPropertyOptional({ enum: TIERS })
  @IsOptional()
  @IsIn(TIERS, { message: `must be one of ${TIERS.join(', ')}` })
  tier?: Tier;

  @ApiPropertyOptional({
    example: '430100',
    description: "A city (市州) within the agency's region",
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'must be a six-digit GB/T 2260 code' })
  city?: string;
}

export const EXPORT_TABLES = ['chains', 'cities', 'blockers', 'banks', 'roadshows'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export class CsvExportQuery extends ChainFilterQuery {
  @ApiPropertyOptional({ enum: EXPORT_TABLES, default: 'chains' })
  @IsOptional()
  @IsIn(EXPORT_TABLES, { message: `must be one of ${EXPORT_TABLES.join(', ')}` })
  table?: ExportTable;
}
