import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { CHAIN_ROLES, TIERS, type ChainRole, type Tier } from '../../../common/domain-enums';
import { IsIndustryClass } from '../../../common/validation/is-industry-class';
import { type FirmClaimKind } from '../claim-kinds';

/** A tier is certified, never claimed as "none". */
const CLAIMABLE_TIERS = TIERS.filter((t) => t !== 'none');
const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
const kindOf = (kind: FirmClaimKind) => [
  ApiProperty({ enum: [kind] }),
  IsIn([kind], { message: `must be ${kind}` }),
];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((d) => d(target, key));

export class TierClaimDto {
  @apply(kindOf('tier')) kind: 'tier';

  @ApiProperty({ enum: CLAIMABLE_TIERS })
  @IsIn(CLAIMABLE_TIERS, { message: `must be one of ${CLAIMABLE_TIERS.join(', ')}` })
  tier: Exclude<Tier, 'none'>;

  @ApiProperty({ type: 'integer', example: 2025, minimum: 2011, description: 'Year of certification' })
  @IsInt({ message: 'must be an integer year' })
  @Min(2011, { message: 'must not be before 2011' })
  @Max(2100, { message: 'must not be after 2100' })
  tierYear: number;

  @ApiProperty({ example: '湘工信认〔2025〕第0123号', minLength: 3, maxLength: 64 })
  @trim
  @IsString({ message: 'must be text' })
  @MinLength(3, { message: 'must be at least 3 characters' })
  @MaxLength(64, { message: 'must be at most 64 characters' })
  certificateNo: string;
}

export class ChainClaimDto {
  @apply(kindOf('chain')) kind: 'chain';

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a chain id' })
  chainId: string;

  @ApiProperty({ enum: CHAIN_ROLES, description: '`core` makes the firm a core enterprise (链主)' })
  @IsIn(CHAIN_ROLES, { message: `must be one of ${CHAIN_ROLES.join(', ')}` })
  chainRole: ChainRole;
}

export class RegionClaimDto {
  @apply(kindOf('region')) kind: 'region';

  @ApiProperty({ example: '430104', description: 'GB/T 2260 code' })
  @IsString({ message: 'must be a six-digit GB/T 2260 region code' })
  @Matches(/^[1-9][0-9]{5}$/, { message: 'must be a six-digit GB/T 2260 region code' })
  regionCode: string;
}

export class IndustryClaimDto {
  @apply(kindOf('industry')) kind: 'industry';

  @ApiProperty({ example: 'C3912', description: 'GB/T 4754-2017 class (小类)' })
  @IsIndustryClass()
  industryCode: string;
}

export class YearsInNicheClaimDto {
  @apply(kindOf('years_in_niche')) kind: 'years_in_niche';

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 200, example: 8 })
  @IsInt({ message: 'must be an integer' })
  @Min(0, { message: 'must not be negative' })
  @Max(200, { message: 'must be at most 200' })
  yearsInNiche: number;
}

export type CreateClaimDto =
  | TierClaimDto
  | ChainClaimDto
  | RegionClaimDto
  | IndustryClaimDto
  | YearsInNicheClaimDto;

/** The body class of each kind: the pipe validates a claim against its own kind's class. */
export const CLAIM_DTO_BY_KIND = {
  tier: TierClaimDto,
  chain: ChainClaimDto,
  region: RegionClaimDto,
  industry: IndustryClaimDto,
  years_in_niche: YearsInNicheClaimDto,
} as const satisfies Record<FirmClaimKind, new () => CreateClaimDto>;

export class RejectClaimDto {
  @ApiProperty({ minLength: 2, maxLength: 500, example: '证书编号与工信部公示名单不符' })
  @trim
  @IsString({ message: 'must be text' })
  @MinLength(2, { message: 'must be at least 2 characters' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  reason: string;
}
