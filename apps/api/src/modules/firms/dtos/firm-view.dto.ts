import { ApiProperty } from '@nestjs/swagger';
import { IdNameDto } from '../../../common/http/api-doc';
import { CHAIN_ROLES, TIERS, type ChainRole, type Tier } from '../../../common/domain-enums';
import { type FinancialYearView, type FirmView } from '../firms.service';

const yuan = (description?: string) =>
  ApiProperty({ type: 'integer', description: description ?? 'Whole yuan.' });
const count = () => ApiProperty({ type: 'integer' });
const ratio = (description: string) => ApiProperty({ type: 'number', nullable: true, description });

export class FinancialYearViewDto implements FinancialYearView {
  @ApiProperty({ type: 'integer', example: 2024 })
  year: number;

  @yuan() revenue: number;
  @yuan() costOfSales: number;
  @yuan() netProfit: number;
  @yuan() rdExpense: number;
  @yuan() totalAssets: number;
  @yuan() totalLiabilities: number;
  @yuan() taxPaid: number;
  @count() employees: number;
  @count() rdStaff: number;
  @count() inventionPatents: number;
  @yuan() accountsReceivable: number;
  @yuan() inventory: number;
  @yuan() accountsPayable: number;
  @yuan() prepayments: number;
  @yuan() advancesReceived: number;
  @yuan() ownWorkingCapital: number;
  @yuan() existingWorkingCapitalLoans: number;

  @ratio('R&D expense / revenue; null when revenue is 0.') rdIntensity: number | null;
  @ratio('Liabilities / assets; null when assets are 0.') debtRatio: number | null;
  @ratio('Net profit / revenue; null when revenue is 0.') netMargin: number | null;
  @ratio('Against the year before; null without one.') revenueGrowth: number | null;
}

export class FirmViewDto implements FirmView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, nullable: true, example: '91430100MA4L0XXXXX' })
  uscc: string | null;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: '430100' })
  regionCode: string;

  @ApiProperty({ example: 'C3484' })
  industryCode: string;

  @ApiProperty({ enum: TIERS })
  tier: Tier;

  @ApiProperty({ type: 'integer', nullable: true })
  tierYear: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2027-12-31',
    description: 'Last day the tier counts: three years from its certification year',
  })
  tierExpiresOn: string | null;

  @ApiProperty({ description: 'The tier has run out and no longer counts for matching (复核 due)' })
  tierExpired: boolean;

  @ApiProperty({ description: 'The tier runs out within 90 days' })
  tierExpiringSoon: boolean;

  @ApiProperty({ type: 'integer' })
  yearsInNiche: number;

  @ApiProperty({ enum: CHAIN_ROLES, nullable: true })
  chainRole: ChainRole | null;

  @ApiProperty()
  whitelisted: boolean;

  @ApiProperty({ type: String, nullable: true })
  whitelistReason: string | null;

  @ApiProperty({ type: [IdNameDto] })
  chains: IdNameDto[];

  @ApiProperty({ type: [FinancialYearViewDto] })
  financials: FinancialYearViewDto[];
}
