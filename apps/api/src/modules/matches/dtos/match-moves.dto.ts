import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  Equals,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  DECLINE_REASONS,
  MATCH_STATUSES,
  type DeclineReason,
  type MatchStatus,
} from '../../../common/domain-enums';
import { IsBps, IsYuan } from '../../../common/validation/money';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The version the client last read: a move made on an older one is refused (409). */
function IsVersion() {
  return applyDecorators(
    ApiProperty({ type: 'integer', minimum: 1, description: 'the version last read' }),
    IsInt({ message: 'must be an integer' }),
    Min(1, { message: 'must be at least 1' }),
    Max(2_147_483_647, { message: 'must not exceed 2147483647' }),
  );
}

/**
 * One move along the review pipeline. Which fields a move needs depends on `to`:
 * approving takes amount, rateBps and termMonths; disbursing takes amount and disbursedOn;
 * declining takes reasonCode (and a note when the reason is 'other'); applying takes
 * creditCheckConsent. A field a move does not use is refused, so a client never believes
 * it set terms that were ignored.
 */
export class TransitionDto {
  @ApiProperty({ enum: MATCH_STATUSES })
  @IsIn(MATCH_STATUSES, { message: `must be one of ${MATCH_STATUSES.join(', ')}` })
  to: MatchStatus;

  @IsVersion()
  version: number;

  @ApiPropertyOptional({ description: 'approved credit, or this drawdown (whole yuan)' })
  @IsOptional()
  @IsYuan({ min: 1, example: 3_000_000 })
  amount?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBps(10_000, 385)
  rateBps?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 360, example: 12 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of months' })
  @Min(1, { message: 'must be at least 1 month' })
  @Max(360, { message: 'must not exceed 360 months' })
  termMonths?: number;

  @ApiPropertyOptional({ enum: DECLINE_REASONS })
  @IsOptional()
  @IsIn(DECLINE_REASONS, { message: `must be one of ${DECLINE_REASONS.join(', ')}` })
  reasonCode?: DeclineReason;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'must be text' })
  @MaxLength(1000, { message: 'must not exceed 1000 characters' })
  note?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-11-20',
    description: '放款日 (Asia/Shanghai), not in the future',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a real calendar date' })
  disbursedOn?: string;

  @ApiPropertyOptional({
    description: '征信查询授权: required (true) when the firm applies through this route',
  })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  creditCheckConsent?: boolean;
}

/** 补充材料: the bank asks the firm for more documents; the status stays. */
export class DocumentRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 1000, example: '请补充近三个月增值税纳税申报表' })
  @Transform(trim)
  @IsString({ message: 'must be text' })
  @MinLength(1, { message: 'must say which documents are needed' })
  @MaxLength(1000, { message: 'must not exceed 1000 characters' })
  note: string;

  @IsVersion()
  version: number;
}

/** A firm applies to a product its need is eligible for. */
export class ApplicationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a product id' })
  productId: string;

  @ApiProperty({
    type: Boolean,
    description: '征信查询授权: the firm lets the bank check its credit record; must be true',
  })
  @Equals(true, { message: 'must be true: a bank reviews an application only with consent' })
  creditCheckConsent: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The declined match whose referral led here',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a match id' })
  referredFromMatchId?: string;
}
