import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, Max, Min } from 'class-validator';
import { type WhatIfChanges } from '@lianrong/matching';
import { COLLATERALS, TIERS, type Collateral, type Tier } from '../../../common/domain-enums';
import { IsYuan } from '../../../common/validation/money';

class WhatIfFields implements Required<WhatIfChanges> {
  @ApiProperty({ enum: TIERS })
  @IsIn(TIERS, { message: `must be one of ${TIERS.join(', ')}` })
  tier: Tier;

  @IsYuan({ example: 12_000_000 })
  rdExpense: number;

  @IsYuan({ min: 1, example: 200_000_000 })
  revenue: number;

  @IsYuan({ example: 80_000_000 })
  totalLiabilities: number;

  @ApiProperty({ enum: COLLATERALS })
  @IsIn(COLLATERALS, { message: `must be one of ${COLLATERALS.join(', ')}` })
  collateral: Collateral;

  @IsYuan({ min: 10_000, example: 5_000_000 })
  amount: number;

  @ApiProperty({ example: 24, minimum: 1, maximum: 360 })
  @IsInt({ message: 'must be a whole number of months' })
  @Min(1, { message: 'must be at least 1 month' })
  @Max(360, { message: 'must not exceed 360 months' })
  termMonths: number;

  @ApiProperty()
  @IsBoolean({ message: 'must be true or false' })
  whitelisted: boolean;
}

/**
 * The inputs tried out in the sandbox; each left out stays as it is (PartialType makes
 * every field optional in both the validation and the document). Nothing is saved.
 */
export class WhatIfDto extends PartialType(WhatIfFields) {}
