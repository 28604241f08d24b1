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
  Matches,
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

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

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
    example: ['43'],
    description: 'GB/T 2260 prefixes; empty = everywhere',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[0-9]{2,6}$/, {
    each: true,
    message: 'each must be a GB/T 2260 code prefix (2–6 digits)',
  })
  regions?: string[];

  @ApiPropertyOptional({ type: [String], example: ['C34', 'C39'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-T][0-9]{0,4}$/, { each: true, message: 'each must be a GB/T 4754 code prefix' })
  sectors?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsUUID('all', { each: true, message: 'each must be a chain id' })
  chainIds?: string[];

  @ApiPropertyOptional({ nullable: true })
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
    description: 'supply-chain products: core enterprise firm ids',
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

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @nullable()
  @IsYuan()
  creditQuota?: number | null;
}

export class UpdateProductDto extends PartialType(CreateProductDto) {}
