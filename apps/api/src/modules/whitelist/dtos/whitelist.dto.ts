import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IdNameDto } from '../../../common/http/api-doc';
import {
  MATCH_STATUSES,
  type MatchStatus,
  PURPOSES,
  type Purpose,
  TIERS,
  type Tier,
} from '../../../common/domain-enums';
import {
  type GovFirmMatch,
  type GovFirmMatches,
  type GovFirmRow,
  type ProductRef,
  type WhitelistChange,
  type WhitelistChangeEvent,
  type WhitelistEffect,
  type WhitelistEntry,
  type WhitelistView,
} from '../whitelist.service';

const trimmed = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value,
);

/** Putting a firm on the list and taking it off both say why (audited, shown on the page). */
export class WhitelistDto {
  @ApiProperty({ example: '省级专精特新白名单 2025 第一批' })
  @trimmed
  @IsString({ message: 'must give a reason' })
  @MinLength(2, { message: 'must give a reason' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  reason: string;
}

export class WhitelistRemovalQuery extends WhitelistDto {}

export class GovFirmSearchQuery {
  @ApiPropertyOptional({ description: 'Part of the name; empty lists the first firms.' })
  @IsOptional()
  @trimmed
  @IsString({ message: 'must be text' })
  @MaxLength(50, { message: 'must be at most 50 characters' })
  q?: string;
}

export class WhitelistEntryDto implements WhitelistEntry {
  @ApiProperty({ type: IdNameDto })
  firm: IdNameDto;

  @ApiProperty({ example: '430181' })
  regionCode: string;

  @ApiProperty({ enum: TIERS })
  tier: Tier;

  @ApiProperty({ type: [String], description: 'Names of the chains the firm belongs to.' })
  chains: string[];

  @ApiProperty({ type: 'integer' })
  openNeeds: number;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  whitelistedAt: Date | null;

  @ApiProperty({ type: IdNameDto, nullable: true })
  agency: IdNameDto | null;

  @ApiProperty({ type: String, nullable: true, description: 'The officer, when known.' })
  by: string | null;
}

export class WhitelistChangeEventDto implements WhitelistChangeEvent {
  @ApiProperty({ type: String, format: 'date-time' })
  at: Date;

  @ApiProperty({ enum: ['added', 'removed'] })
  action: 'added' | 'removed';

  @ApiProperty({ type: IdNameDto })
  firm: IdNameDto;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  @ApiProperty({ type: String, nullable: true })
  by: string | null;
}

export class WhitelistViewDto implements WhitelistView {
  @ApiProperty({ type: [WhitelistEntryDto] })
  items: WhitelistEntryDto[];

  @ApiProperty({ type: 'integer' })
  total: number;

  @ApiProperty({ type: [WhitelistChangeEventDto] })
  changes: WhitelistChangeEventDto[];
}

export class ProductRefDto implements ProductRef {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  bankName: string;
}

export class WhitelistEffectDto implements WhitelistEffect {
  @ApiProperty({ type: 'integer' })
  openNeeds: number;

  @ApiProperty({ type: 'integer', description: 'Products eligible for an open need before.' })
  eligibleBefore: number;

  @ApiProperty({ type: 'integer', description: 'Products eligible for an open need after.' })
  eligibleAfter: number;

  @ApiProperty({ type: [ProductRefDto] })
  opened: ProductRefDto[];

  @ApiProperty({ type: [ProductRefDto] })
  closed: ProductRefDto[];
}

export class WhitelistChangeDto implements WhitelistChange {
  @ApiProperty({ type: IdNameDto })
  firm: IdNameDto;

  @ApiProperty()
  whitelisted: boolean;

  @ApiProperty()
  reason: string;

  @ApiProperty({ type: WhitelistEffectDto })
  effect: WhitelistEffectDto;
}

export class GovFirmRowDto implements GovFirmRow {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: '430181' })
  regionCode: string;

  @ApiProperty({ enum: TIERS })
  tier: Tier;

  @ApiProperty()
  whitelisted: boolean;

  @ApiProperty({ type: 'integer' })
  openNeeds: number;
}

export class GovFirmListDto {
  @ApiProperty({ type: [GovFirmRowDto] })
  items: GovFirmRowDto[];
}

export class GovFirmMatchProductDto extends ProductRefDto {
  @ApiProperty()
  requiresWhitelist: boolean;
}

export class GovFirmMatchDto implements GovFirmMatch {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: MATCH_STATUSES })
  status: MatchStatus;

  @ApiProperty({ type: Number, nullable: true })
  score: number | null;

  @ApiProperty({ type: GovFirmMatchProductDto })
  product: GovFirmMatchProductDto;
}

export class GovFirmNeedDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: 'integer', description: 'Whole yuan.' })
  amount: number;

  @ApiProperty({ type: 'integer' })
  termMonths: number;

  @ApiProperty({ enum: PURPOSES })
  purpose: Purpose;

  @ApiProperty({ type: [GovFirmMatchDto] })
  matches: GovFirmMatchDto[];
}

export class GovFirmMatchesDto implements GovFirmMatches {
  @ApiProperty({ type: IdNameDto })
  firm: IdNameDto;

  @ApiProperty()
  whitelisted: boolean;

  @ApiProperty({ type: [GovFirmNeedDto] })
  needs: GovFirmNeedDto[];
}
