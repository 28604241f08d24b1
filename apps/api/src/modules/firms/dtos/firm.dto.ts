import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
import { CHAIN_ROLES, TIERS, type ChainRole, type Tier } from '../../../common/domain-enums';
import { IsCount, IsYuan } from '../../../common/validation/money';

export class UpdateFirmDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: '430100' })
  @IsOptional()
  @IsString()
  @Matches(/^[1-9][0-9]{5}$/, { message: 'must be a six-digit GB/T 2260 region code' })
  regionCode?: string;

  @ApiPropertyOptional({ example: 'C3484' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-T][0-9]{2,4}$/, { message: 'must be a GB/T 4754-2017 code such as C3484' })
  industryCode?: string;

  @ApiPropertyOptional({ enum: TIERS })
  @IsOptional()
  @IsIn(TIERS, { message: `must be one of ${TIERS.join(', ')}` })
  tier?: Tier;

  @ApiPropertyOptional({ type: 'integer', example: 2023, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(2011)
  @Max(2100)
  tierYear?: number | null;

  @ApiPropertyOptional({ example: 12 })
  @IsOptional()
  @IsInt({ message: 'must be an integer' })
  @Min(0, { message: 'must not be negative' })
  @Max(200)
  yearsInNiche?: number;

  @ApiPropertyOptional({ enum: CHAIN_ROLES, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(CHAIN_ROLES, { message: `must be one of ${CHAIN_ROLES.join(', ')}` })
  chainRole?: ChainRole | null;

  @ApiPropertyOptional({ type: [String], description: 'chains the firm belongs to' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'each must be a chain id' })
  chainIds?: string[];
}

export class FinancialYearDto {
  @IsYuan({ example: 90_558_000 }) revenue: number;
  @IsYuan() costOfSales: number;
  @IsYuan({ allowNegative: true }) netProfit: number;
  @IsYuan() rdExpense: number;
  @IsYuan() totalAssets: number;
  @IsYuan() totalLiabilities: number;
  @IsYuan() taxPaid: number;
  @IsCount() employees: number;
  @IsCount() rdStaff: number;
  @IsCount(100_000) inventionPatents: number;
  @IsYuan() accountsReceivable: number;
  @IsYuan() inventory: number;
  @IsYuan() accountsPayable: number;
  @IsYuan() prepayments: number;
  @IsYuan() advancesReceived: number;
  @IsYuan({ allowNegative: true }) ownWorkingCapital: number;
  @IsYuan() existingWorkingCapitalLoans: number;
}
