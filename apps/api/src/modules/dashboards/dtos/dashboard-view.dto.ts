import { ApiProperty } from '@nestjs/swagger';
import { FAILURE_CODES, type FailureCode, TIERS, type Tier } from '../../../common/domain-enums';
import { IdNameDto } from '../../../common/http/api-doc';
import { type ChainFigures, type Period, type TierCounts } from '../dashboard-figures';
import {
  type BankResponsiveness,
  type BanksView,
  type BlockerCode,
  type BlockerFigures,
  type BlockersView,
  type ChainCoreEnterprise,
  type ChainDetail,
  type ChainFirm,
  type ChainOverview,
  type ChainSupplier,
  type ChainTrend,
  type CityFigures,
  type DashboardFilters,
  type DashboardOverview,
  FIRM_STAGES,
  type FirmStage,
  type Freshness,
  type TrendPoint,
} from '../dashboard.types';

const int = (description?: string) => ({
  type: 'integer' as const,
  ...(description ? { description } : {}),
});
const yuan = (description: string) => ({
  type: 'integer' as const,
  description: `${description} (whole yuan)`,
});
const bps = (description: string) => ({
  type: 'integer' as const,
  nullable: true,
  description: `${description}, in basis points; null without a denominator`,
});

export class TierCountsDto implements TierCounts {
  @ApiProperty(int()) none: number;
  @ApiProperty(int()) innovative: number;
  @ApiProperty(int()) srdi: number;
  @ApiProperty(int()) little_giant: number;
  @ApiProperty(int()) champion: number;
}

export class ChainFiguresDto implements ChainFigures {
  @ApiProperty(int('Member firms of the region'))
  firms: number;

  @ApiProperty({ type: TierCountsDto, description: 'Member firms by the tier that counts today' })
  firmsByTier: TierCountsDto;

  @ApiProperty(int('Firms with a need open at any time in the period'))
  firmsWithOpenNeeds: number;

  @ApiProperty(int('Needs open at any time in the period'))
  openNeeds: number;

  @ApiProperty(yuan('Amount those needs asked'))
  amountAsked: number;

  @ApiProperty(int('Of those needs, the ones with at least one eligible product'))
  matchedNeeds: number;

  @ApiProperty(int('Applications made in the period'))
  applications: number;

  @ApiProperty(int('Of those, the ones the bank has moved'))
  answered: number;

  @ApiProperty(int("Of those, still unanswered past the bank's response days"))
  overdue: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Median working days (China) from application to the first bank move',
  })
  medianResponseDays: number | null;

  @ApiProperty(int('Credit (授信) approved in the period and still standing'))
  approvedCount: number;

  @ApiProperty(yuan('Their amount'))
  approvedAmount: number;

  @ApiProperty(int('Applications declined in the period'))
  declinedCount: number;

  @ApiProperty(bps('approved ÷ (approved + declined)'))
  approvalRateBps: number | null;

  @ApiProperty(int('Disbursed matches whose first drawdown falls in the period'))
  disbursedCount: number;

  @ApiProperty(yuan('Drawdowns (放款) with value dates in the period'))
  disbursedAmount: number;

  @ApiProperty(int('首贷户: firms whose first approval on the platform falls in the period'))
  firstTimeBorrowers: number;

  @ApiProperty(bps('Credit to needs offering no collateral (信用贷) ÷ all credit approved'))
  creditLoanShareBps: number | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Amount-weighted average approved rate, bps',
  })
  averageRateBps: number | null;

  @ApiProperty(int('Firms with an approval or a drawdown in the period'))
  coveredFirms: number;

  @ApiProperty(bps('coveredFirms ÷ firmsWithOpenNeeds'))
  coverageBps: number | null;
}

export class CityFiguresDto implements CityFigures {
  @ApiProperty({ example: '430100' }) code: string;
  @ApiProperty({ example: '长沙市' }) name: string;
  @ApiProperty({ type: ChainFiguresDto }) figures: ChainFiguresDto;
}

export class PeriodDto implements Period {
  @ApiProperty({ example: '2025-12' }) from: string;
  @ApiProperty({ example: '2026-11' }) to: string;
}

export class DashboardFiltersDto implements DashboardFilters {
  @ApiProperty({ type: PeriodDto }) period: PeriodDto;
  @ApiProperty({ enum: TIERS, nullable: true }) tier: Tier | null;
  @ApiProperty({ type: String, nullable: true, example: '430100' }) city: string | null;
  @ApiProperty({ type: IdNameDto, nullable: true }) bank: IdNameDto | null;
  @ApiProperty({ type: IdNameDto, nullable: true }) chain: IdNameDto | null;
}

export class FreshnessDto implements Freshness {
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'The instant the figures describe',
  })
  asOf: Date;

  @ApiProperty({
    enum: ['facts', 'live'],
    description: "facts: the worker's summed tables; live: summed for this answer",
  })
  source: 'facts' | 'live';

  @ApiProperty({ description: 'Records changed since asOf; the worker is summing them again' })
  pendingChanges: boolean;

  @ApiProperty(int('The worker sums the records again at least this often'))
  refreshEveryMinutes: number;
}

export class ChainOverviewDto implements ChainOverview {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '430000' }) regionCode: string;
  @ApiProperty({ type: IdNameDto, nullable: true }) leadBank: IdNameDto | null;
  @ApiProperty(yuan("Credit the chain's lead bank approved in the period"))
  leadBankApprovedAmount: number;
  @ApiProperty(bps("The lead bank's share of the chain's credit (every bank)"))
  leadBankShareBps: number | null;
  @ApiProperty({ type: ChainFiguresDto }) figures: ChainFiguresDto;
  @ApiProperty({ type: [CityFiguresDto], description: 'By city (市州)' }) cities: CityFiguresDto[];
}

export class TrendPointDto implements TrendPoint {
  @ApiProperty({ example: '2026-06' }) month: string;
  @ApiProperty(int()) applications: number;
  @ApiProperty(int()) approvedCount: number;
  @ApiProperty(yuan('Credit approved')) approvedAmount: number;
  @ApiProperty(yuan('Drawdowns')) disbursedAmount: number;
  @ApiProperty(int()) firstTimeBorrowers: number;
}

export class ChainTrendDto implements ChainTrend {
  @ApiProperty({ format: 'uuid' }) chainId: string;
  @ApiProperty({ type: [TrendPointDto] }) points: TrendPointDto[];
}

export class RegionDto {
  @ApiProperty({ example: '430000' }) code: string;
  @ApiProperty({ example: '湖南省' }) name: string;
}

export class DashboardOverviewDto implements DashboardOverview {
  @ApiProperty({ type: RegionDto, description: "The agency's region" })
  region: RegionDto;
  @ApiProperty({ type: DashboardFiltersDto }) filters: DashboardFiltersDto;
  @ApiProperty({ type: FreshnessDto }) freshness: FreshnessDto;
  @ApiProperty({
    type: ChainFiguresDto,
    description: 'Every firm of the region, each once (also firms in no chain)',
  })
  totals: ChainFiguresDto;
  @ApiProperty({ type: [CityFiguresDto] }) cities: CityFiguresDto[];
  @ApiProperty({ type: [ChainOverviewDto] }) items: ChainOverviewDto[];
  @ApiProperty({ type: [TrendPointDto] }) trend: TrendPointDto[];
  @ApiProperty({ type: [ChainTrendDto] }) chainTrends: ChainTrendDto[];
}

export class ChainFirmDto implements ChainFirm {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '430104' }) regionCode: string;
  @ApiProperty({ enum: TIERS }) tier: Tier;
  @ApiProperty({ description: 'A core enterprise (链主) of the chain' }) core: boolean;
  @ApiProperty() whitelisted: boolean;
  @ApiProperty({ enum: FIRM_STAGES, description: 'How far the firm got, furthest step first' })
  stage: FirmStage;
  @ApiProperty(int('Needs open now')) openNeeds: number;
  @ApiProperty(yuan('Their amount')) openNeedAmount: number;
  @ApiProperty(int('Applications under way now')) liveApplications: number;
  @ApiProperty(yuan('Credit approved in the period')) approvedAmount: number;
  @ApiProperty(yuan('Drawdowns in the period')) disbursedAmount: number;
}

export class ChainFirmPageDto {
  @ApiProperty(int()) total: number;
  @ApiProperty(int()) offset: number;
  @ApiProperty(int()) limit: number;
  @ApiProperty({ type: [ChainFirmDto] }) items: ChainFirmDto[];
}

export class ChainSupplierDto implements ChainSupplier {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() regionCode: string;
  @ApiProperty(yuan('Confirmed annual sales to the core enterprise')) annualSales: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt: Date | null;
  @ApiProperty(yuan('Credit approved in the period')) approvedAmount: number;
  @ApiProperty(yuan('Drawdowns in the period')) disbursedAmount: number;
}

export class ChainCoreEnterpriseDto implements ChainCoreEnterprise {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() regionCode: string;
  @ApiProperty(int("Confirmed suppliers of the agency's region")) supplierCount: number;
  @ApiProperty({ type: [ChainSupplierDto], description: 'The largest by annual sales' })
  suppliers: ChainSupplierDto[];
}

export class ChainDetailDto extends ChainOverviewDto implements ChainDetail {
  @ApiProperty({ type: DashboardFiltersDto }) filters: DashboardFiltersDto;
  @ApiProperty({ type: FreshnessDto }) freshness: FreshnessDto;
  @ApiProperty({ type: [TrendPointDto] }) trend: TrendPointDto[];
  @ApiProperty({ type: ChainFirmPageDto }) firms: ChainFirmPageDto;
  @ApiProperty({ type: [ChainCoreEnterpriseDto] }) coreEnterprises: ChainCoreEnterpriseDto[];
}

export class BlockerCodeDto implements BlockerCode {
  @ApiProperty({ enum: FAILURE_CODES }) code: FailureCode;
  @ApiProperty(int('Blocked needs whose nearest products fail this rule')) needs: number;
  @ApiProperty(int('…as a share of the blocked needs, bps')) shareBps: number;
}

export class BlockerFiguresDto implements BlockerFigures {
  @ApiProperty(int('Needs open now')) openNeeds: number;
  @ApiProperty(int('Of those, the ones no product takes')) blockedNeeds: number;
  @ApiProperty(int('Of those, the ones whose nearest products fail one rule')) oneRuleAway: number;
  @ApiProperty({ type: [BlockerCodeDto] }) codes: BlockerCodeDto[];
}

export class ChainBlockersDto extends BlockerFiguresDto {
  @ApiProperty({ type: IdNameDto }) chain: IdNameDto;
}

export class TierBlockersDto extends BlockerFiguresDto {
  @ApiProperty({ enum: TIERS }) tier: Tier;
}

export class BlockersViewDto implements BlockersView {
  @ApiProperty({ type: DashboardFiltersDto }) filters: DashboardFiltersDto;
  @ApiProperty({
    type: FreshnessDto,
    nullable: true,
    description: 'Null until the worker first judged the needs',
  })
  freshness: FreshnessDto | null;
  @ApiProperty({ type: BlockerFiguresDto }) totals: BlockerFiguresDto;
  @ApiProperty({ type: [ChainBlockersDto] }) byChain: ChainBlockersDto[];
  @ApiProperty({ type: [TierBlockersDto] }) byTier: TierBlockersDto[];
}

export class BankResponsivenessDto implements BankResponsiveness {
  @ApiProperty({ type: IdNameDto }) bank: IdNameDto;
  @ApiProperty(int("The bank's limit in working days before an application is overdue"))
  responseDays: number;
  @ApiProperty(int('Applications of the region’s firms in the period')) applications: number;
  @ApiProperty(int('Of those, the ones the bank has moved')) answered: number;
  @ApiProperty(int('Of those, unanswered past the limit')) overdue: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Median working days to the first move',
  })
  medianResponseDays: number | null;
  @ApiProperty(int()) approvedCount: number;
  @ApiProperty(int()) declinedCount: number;
  @ApiProperty(bps('approved ÷ (approved + declined)')) approvalRateBps: number | null;
  @ApiProperty(yuan('Credit approved')) approvedAmount: number;
  @ApiProperty(yuan('Drawdowns')) disbursedAmount: number;
}

export class BanksViewDto implements BanksView {
  @ApiProperty({ type: DashboardFiltersDto }) filters: DashboardFiltersDto;
  @ApiProperty({ type: FreshnessDto }) freshness: FreshnessDto;
  @ApiProperty({ type: [BankResponsivenessDto] }) items: BankResponsivenessDto[];
}
