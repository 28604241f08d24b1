import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength, registerDecorator } from 'class-validator';
import { IsCount, IsYuan } from '../../../common/validation/money';

/** Facts a rule reads: set at registration or by a confirmed claim, never by the firm itself. */
const CLAIMED_FACTS = [
  'tier',
  'tierYear',
  'chainIds',
  'chainRole',
  'regionCode',
  'industryCode',
  'yearsInNiche',
] as const;

/** Refuses the property by name, whatever its value, pointing at the claim route. */
function IsConfirmedByClaim(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isConfirmedByClaim',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'is confirmed by an agency: file a claim (POST /firms/me/claims)' },
      validator: { validate: (value: unknown) => value === undefined },
    });
}

export class UpdateFirmDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;
}
// Declared but undocumented: present in a body they are a 400 that says where to go instead.
for (const fact of CLAIMED_FACTS) IsConfirmedByClaim()(UpdateFirmDto.prototype, fact);

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
