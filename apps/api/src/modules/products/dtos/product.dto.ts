import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  COLLATERALS,
  PRODUCT_KINDS,
  PRODUCT_STATUSES,
  PURPOSES,
  TIERS,
  type Collateral,
  type ProductKind,
  type ProductStatus,
  type Purpose,
  type Tier,
} from '../../../common/domain-enums';
import { IsIndustryPrefix, IsRegionPrefix } from '../../../common/validation/division-prefixes';
import { IsBps, IsCount, IsYuan } from '../../../common/validation/money';

const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` });
const nullable = () => ValidateIf((_, v) => v !== null);

export class CreateProductDto {
  @ApiProperty({ example: '小巨人贷' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiProperty({ enum: PRODUCT_KINDS })
  @IsIn(PRODUCT_KINDS, oneOf(PRODUCT_KINDS))
  kind: ProductKind;

  @ApiPropertyOptional({ enum: PRODUCT_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(PRODUCT_STATUSES, oneOf(PRODUCT_STATUSES))
  status?: ProductStatus;

  @IsYuan({ example: 5_000_000 }) amountMin: number;
  @IsYuan({ example: 50_000_000 }) amountMax: number;

  @ApiProperty({ example: 12 })
  @IsInt()
  @Min(1)
  @Max(360)
  termMin: number;

  @ApiProperty({ example: 36 })
  @IsInt()
  @Min(1)
  @Max(360)
  termMax: number;

  @IsBps(10_000, 365) rateMinBps: number;
  @IsBps(10_000, 450) rateMaxBps: number;

  @ApiPropertyOptional({ enum: TIERS, default: 'none' })
  @IsOptional()
  @IsIn(TIERS, oneOf(TIERS))
  minTier?: Tier;

  @ApiPropertyOptional({
    type: [String],
    example: ['43', '4402'],
    description:
      'GB/T 2260 division prefixes (43 = 湖南省, 4301 = 长沙市, 430104 = 岳麓区); empty = everywhere',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsRegionPrefix()
  regions?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['C34', 'C39'],
    description:
      'GB/T 4754-2017 codes at any level; with chainIds, empty = every sector. A firm qualifies by its sector or by belonging to one of the chains.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsIndustryPrefix()
  sectors?: string[];

  @ApiPropertyOptional({ type: [String], description: 'industrial chains (GET /products/chains)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsUUID('all', { each: true, message: 'each must be a chain id' })
  chainIds?: string[];

  @ApiPropertyOptional({ nullable: true, description: 'minimum revenue of the latest year' })
  @IsOptional()
  @nullable()
  @IsYuan()
  minRevenue?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'minimum R&D intensity in bps of revenue (500 = 5%)',
  })
  @IsOptional()
  @nullable()
  @IsBps()
  minRdIntensityBps?: number | null;

  @ApiPropertyOptional({ nullable: true, description: 'maximum debt ratio in bps (7000 = 70%)' })
  @IsOptional()
  @nullable()
  @IsBps(100_000)
  maxDebtRatioBps?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @nullable()
  @IsCount(100_000)
  minInventionPatents?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @nullable()
  @IsCount(200)
  minYearsInNiche?: number | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  requiresWhitelist?: boolean;

  @ApiPropertyOptional({ enum: COLLATERALS, isArray: true, description: 'empty = any' })
  @IsOptional()
  @IsArray()
  @IsIn(COLLATERALS, { each: true, ...oneOf(COLLATERALS) })
  collateralAccepted?: Collateral[];

  @ApiPropertyOptional({
    type: [String],
    description:
      'supply-chain products: firm ids of core enterprises (GET /supply-links/core-enterprises)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'each must be a firm id' })
  coreEnterpriseIds?: string[];

  @ApiPropertyOptional({ enum: PURPOSES, isArray: true, description: 'empty = any' })
  @IsOptional()
  @IsArray()
  @IsIn(PURPOSES, { each: true, ...oneOf(PURPOSES) })
  purposes?: Purpose[];

  @ApiPropertyOptional({
    nullable: true,
    description: 'total credit earmarked for the product; not below amountMin',
  })
  @IsOptional()
  @nullable()
  @IsYuan()
  creditQuota?: number | null;
}

/** An edit names only what changes; the merged product must still hold together. */
export class UpdateProductDto extends PartialType(CreateProductDto) {}
