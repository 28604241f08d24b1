import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MATCH_STATUSES, TIERS, type MatchStatus, type Tier } from '../../../common/domain-enums';
import { QUEUE_SORTS, type QueueSort } from '../queue-cursor';

export const QUEUE_PAGE_MAX = 100;
export const QUEUE_PAGE_DEFAULT = 50;

// Query values arrive as text. A list may be repeated (status=a&status=b) or comma-separated
// (status=a,b); a flag is exactly true or false, anything else stays text and fails IsBoolean
// with the field named.
const toList = ({ value }: { value: unknown }): unknown =>
  (Array.isArray(value) ? value : [value]).flatMap((v) =>
    typeof v === 'string' ? v.split(',').filter(Boolean) : [v],
  );
const toFlag = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** The filters of the officer's queue, shared by its JSON pages and its Excel export. */
export class BankQueueFilterQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "One of the bank's products" })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  productId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Firms that belong to this chain' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  chainId?: string;

  @ApiPropertyOptional({
    enum: TIERS,
    isArray: true,
    description: 'One or several tiers (repeat the parameter or separate with commas)',
  })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(TIERS.length)
  @IsIn(TIERS, { each: true, message: `must be one of ${TIERS.join(', ')}` })
  tier?: Tier[];

  @ApiPropertyOptional({
    example: '430100',
    description:
      'GB/T 2260 code; covers the divisions within it (430000 the province, 430100 the city)',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'must be a six-digit GB/T 2260 code' })
  regionCode?: string;

  @ApiPropertyOptional({
    enum: MATCH_STATUSES,
    isArray: true,
    description: 'One or several statuses (repeat the parameter or separate with commas)',
  })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(MATCH_STATUSES.length)
  @IsIn(MATCH_STATUSES, { each: true, message: `must be one of ${MATCH_STATUSES.join(', ')}` })
  status?: MatchStatus[];

  @ApiPropertyOptional({ description: 'true: only matches the firm applied for' })
  @IsOptional()
  @Transform(toFlag)
  @IsBoolean({ message: 'must be true or false' })
  appliedOnly?: boolean;

  @ApiPropertyOptional({
    description:
      "true: applications unanswered past the bank's response days (working days); false: all but those",
  })
  @IsOptional()
  @Transform(toFlag)
  @IsBoolean({ message: 'must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'true: white-listed firms only; false: the others' })
  @IsOptional()
  @Transform(toFlag)
  @IsBoolean({ message: 'must be true or false' })
  whitelisted?: boolean;

  @ApiPropertyOptional({
    enum: QUEUE_SORTS,
    default: 'score',
    description: 'score: best first; waiting: longest-waiting application first',
  })
  @IsOptional()
  @IsIn(QUEUE_SORTS, { message: `must be one of ${QUEUE_SORTS.join(', ')}` })
  sort?: QueueSort;
}

export class BankQueueQuery extends BankQueueFilterQuery {
  @ApiPropertyOptional({ description: "The previous page's nextCursor" })
  @IsOptional()
  @IsString()
  @MaxLength(400, { message: 'is not a cursor of this list: start again without it' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: QUEUE_PAGE_MAX, default: QUEUE_PAGE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: `must be between 1 and ${QUEUE_PAGE_MAX}` })
  @Max(QUEUE_PAGE_MAX, { message: `must be between 1 and ${QUEUE_PAGE_MAX}` })
  limit?: number;
}
