import { type FailureCode } from '@lianrong/matching';
import { type Tier } from '../../common/domain-enums';
import { type ChainFigures, type Period } from './dashboard-figures';

export type IdName = { id: string; name: string };

/** The filters every dashboard answer is read under (as resolved: the period always set). */
export interface DashboardFilters {
  period: Period;
  tier: Tier | null;
  /** A city (市州) code narrowing the agency's region, or null. */
  city: string | null;
  bank: IdName | null;
  chain: IdName | null;
}

/** How fresh the figures are. */
export interface Freshness {
  /** The instant the figures describe. */
  asOf: Date;
  /** 'facts': the worker's pre-summed tables; 'live': summed from the records for this answer. */
  source: 'facts' | 'live';
  /** Records changed after asOf; the worker is (or will be) summing them again. */
  pendingChanges: boolean;
  /** The worker sums the records again at least this often, and soon after any change. */
  refreshEveryMinutes: number;
}

export interface CityFigures {
  /** GB/T 2260 code of the city (市州). */
  code: string;
  name: string;
  figures: ChainFigures;
}

export interface ChainOverview {
  id: string;
  name: string;
  /** The region the chain was set up for; its members may lie beyond it. */
  regionCode: string;
  leadBank: IdName | null;
  /** Credit the lead bank approved to the chain's firms in the period (whatever the bank filter). */
  leadBankApprovedAmount: number;
  /** …as a share of the credit every bank approved them, bps. */
  leadBankShareBps: number | null;
  figures: ChainFigures;
  cities: CityFigures[];
}

export interface TrendPoint {
  /** YYYY-MM */
  month: string;
  applications: number;
  approvedCount: number;
  approvedAmount: number;
  disbursedAmount: number;
  firstTimeBorrowers: number;
}

export interface ChainTrend {
  chainId: string;
  points: TrendPoint[];
}

export interface DashboardOverview {
  region: { code: string; name: string };
  filters: DashboardFilters;
  freshness: Freshness;
  /** Every firm of the region (also those in no chain), each counted once. */
  totals: ChainFigures;
  /** The region's figures by city (市州), each firm once. */
  cities: CityFigures[];
  items: ChainOverview[];
  /** The region month by month (every firm once). */
  trend: TrendPoint[];
  /** Each chain month by month. */
  chainTrends: ChainTrend[];
}

/** How far a member firm got in the period, its furthest step first. */
export const FIRM_STAGES = [
  'disbursed',
  'approved',
  'in_progress',
  'matched',
  'blocked',
  'no_open_need',
] as const;
export type FirmStage = (typeof FIRM_STAGES)[number];

export interface ChainFirm {
  id: string;
  name: string;
  regionCode: string;
  tier: Tier;
  core: boolean;
  whitelisted: boolean;
  stage: FirmStage;
  /** Needs open now, and their amount. */
  openNeeds: number;
  openNeedAmount: number;
  /** Applications under way now (applied, picked up, in review, awaiting the checker). */
  liveApplications: number;
  /** Standing credit approved in the period, and drawdowns in it. */
  approvedAmount: number;
  disbursedAmount: number;
}

export interface ChainSupplier {
  id: string;
  name: string;
  regionCode: string;
  /** Annual sales to the core enterprise the supplier declared and the core confirmed. */
  annualSales: number;
  confirmedAt: Date | null;
  /** Financing the supplier received in the period: standing credit approved, drawdowns. */
  approvedAmount: number;
  disbursedAmount: number;
}

export interface ChainCoreEnterprise {
  id: string;
  name: string;
  regionCode: string;
  /** Confirmed suppliers of the agency's region. */
  supplierCount: number;
  /** The largest of them by annual sales. */
  suppliers: ChainSupplier[];
}

export interface ChainDetail extends ChainOverview {
  filters: DashboardFilters;
  freshness: Freshness;
  trend: TrendPoint[];
  firms: { total: number; offset: number; limit: number; items: ChainFirm[] };
  coreEnterprises: ChainCoreEnterprise[];
}

export interface BlockerCode {
  code: FailureCode;
  /** Blocked needs whose nearest products fail this rule. */
  needs: number;
  /** …as a share of the blocked needs, bps. */
  shareBps: number;
}

export interface BlockerFigures {
  /** Needs open now. */
  openNeeds: number;
  /** Of those, the ones no product takes. */
  blockedNeeds: number;
  /** Of those, the ones whose nearest products fail a single rule. */
  oneRuleAway: number;
  codes: BlockerCode[];
}

export interface BlockersView {
  filters: DashboardFilters;
  freshness: Freshness | null;
  totals: BlockerFigures;
  byChain: (BlockerFigures & { chain: IdName })[];
  byTier: (BlockerFigures & { tier: Tier })[];
}

export interface BankResponsiveness {
  bank: IdName;
  /** The bank's own limit in working days before an application is overdue. */
  responseDays: number;
  applications: number;
  answered: number;
  overdue: number;
  medianResponseDays: number | null;
  approvedCount: number;
  declinedCount: number;
  approvalRateBps: number | null;
  approvedAmount: number;
  disbursedAmount: number;
}

export interface BanksView {
  filters: DashboardFilters;
  freshness: Freshness;
  items: BankResponsiveness[];
}
