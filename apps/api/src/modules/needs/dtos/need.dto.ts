import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { COLLATERALS, PURPOSES, type Collateral, type Purpose } from '../../../common/domain-enums';
import { IsBps, IsYuan } from '../../../common/validation/money';

export class CreateNeedDto {
  @IsYuan({ min: 10_000, example: 5_000_000 })
  amount: number;

  @ApiProperty({ example: 12, minimum: 1, maximum: 360 })
  @IsInt({ message: 'must be a whole number of months' })
  @Min(1, { message: 'must be at least 1 month' })
  @Max(360, { message: 'must not exceed 360 months' })
  termMonths: number;

  @ApiProperty({ enum: PURPOSES })
  @IsIn(PURPOSES, { message: `must be one of ${PURPOSES.join(', ')}` })
  purpose: Purpose;

  @IsBps(10_000, 450)
  maxRateBps: number;

  @ApiProperty({ enum: COLLATERALS })
  @IsIn(COLLATERALS, { message: `must be one of ${COLLATERALS.join(', ')}` })
  collateral: Collateral;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class UpdateNeedDto extends PartialType(CreateNeedDto) {}
