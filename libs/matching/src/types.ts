// The engine's inputs and outputs. Money is whole yuan, rates are basis points, ratios
// are fractions (0.052 = 5.2 %).

import type {
  Check,
  Collateral,
  Failure,
  NeedStatus,
  ProductKind,
  ProductStatus,
  Purpose,
  ScoreComponent,
  Tier,
} from './vocabulary';

// The value lists are the shared vocabulary's; re-exported so the engine's own modules
// keep one import site.
export { COLLATERALS, FAILURE_CODES, PRODUCT_KINDS, PURPOSES, TIERS } from './vocabulary';
export type {
  Check,
  CheckRange,
  CheckUnit,
  CheckValue,
  Collateral,
  Failure,
  FailureCode,
  NeedStatus,
  ProductKind,
  ProductStatus,
  Purpose,
  ScoreComponent,
  ScoreComponentName,
  Tier,
} from './vocabulary';

const TIER_RANK: Readonly<Record<Tier, number>> = { none: 0, innovative: 1, srdi: 2, little_giant: 3, champion: 4 };

/** 0 for `none` up to 4 for `champion` — the 梯度培育 ladder. */
export function tierRank(tier: Tier): number {
  return TIER_RANK[tier];
}

export function tierAtLeast(tier: Tier, min: Tier): boolean {
  return TIER_RANK[tier] >= TIER_RANK[min];
}

export function compareTiers(a: Tier, b: Tier): number {
  return TIER_RANK[a] - TIER_RANK[b];
}

export type FinancialYear = {
  year: number;
  revenue: number;
  costOfSales: number;
  netProfit: number;
  rdExpense: number;
  totalAssets: number;
  totalLiabilities: number;
  inventionPatents: number;
  accountsReceivable: number;
  inventory: number;
  accountsPayable: number;
  prepayments: number;
  advancesReceived: number;
  ownWorkingCapital: number;
  existingWorkingCapitalLoans: number;
  taxPaid?: number;
  employees?: number;
  rdStaff?: number;
};

export type FirmProfile = {
  id: string;
  regionCode: string;
  industryCode: string;
  tier: Tier;
  yearsInNiche: number;
  chainIds: string[];
  whitelisted: boolean;
  /** Confirmed core enterprises (链主) this firm supplies. */
  supplierOf: string[];
  financials: FinancialYear[];
};

export type NeedInput = {
  id: string;
  amount: number;
  termMonths: number;
  purpose: Purpose;
  maxRateBps: number;
  collateral: Collateral;
  status: NeedStatus;
};

export type ProductInput = {
  id: string;
  bankId: string;
  kind: ProductKind;
  status: ProductStatus;
  amountMin: number;
  amountMax: number;
  termMin: number;
  termMax: number;
  rateMinBps: number;
  rateMaxBps: number;
  minTier: Tier;
  regions: string[];
  sectors: string[];
  chains: string[];
  minRevenue: number | null;
  minRdIntensity: number | null;
  maxDebtRatio: number | null;
  minInventionPatents: number | null;
  minYearsInNiche: number | null;
  requiresWhitelist: boolean;
  collateralAccepted: Collateral[];
  coreEnterpriseIds: string[];
  purposes: Purpose[];
};

export type MatchContext = {
  /** chainId → bankId of the chain's lead bank (一链一行). */
  leadBankByChain?: Record<string, string>;
};

export type Evaluation = {
  eligible: boolean;
  failures: Failure[];
  /** Every rule that applies to the pair, passed or not. */
  checks: Check[];
  score: number | null;
  components: ScoreComponent[];
};

export type RankedProduct = { productId: string; score: number; components: ScoreComponent[] };

/**
 * A product missed on exactly one rule: the failure, the failed check (required vs actual
 * in the page's unit) and the gap to close in that unit, null when the rule has no distance.
 */
export type NearMiss = { productId: string; failure: Failure; check: Check; gap: number | null };

export type TurnoverItemName = 'inventory' | 'receivables' | 'payables' | 'prepayments' | 'advances';

/** One line of the turnover-days table: days = 360 × average balance ÷ base. */
export type TurnoverItem = {
  item: TurnoverItemName;
  /** Previous year's closing balance; null when that year is unknown (the closing one is used alone). */
  opening: number | null;
  closing: number;
  /** (opening + closing) ÷ 2, so it may end in .5 yuan. */
  averageBalance: number;
  base: 'revenue' | 'cost_of_sales';
  baseAmount: number;
  days: number;
  /** +1 ties money up (inventory, receivables, prepayments), −1 is funded by others. */
  sign: 1 | -1;
};

/** The figures of a year the working-capital estimate reads; a list can fetch just these. */
export type WorkingCapitalYear = Pick<
  FinancialYear,
  | 'year'
  | 'revenue'
  | 'costOfSales'
  | 'netProfit'
  | 'accountsReceivable'
  | 'inventory'
  | 'accountsPayable'
  | 'prepayments'
  | 'advancesReceived'
  | 'ownWorkingCapital'
  | 'existingWorkingCapitalLoans'
>;

export type WorkingCapitalEstimate = {
  year: number;
  previousYear: number | null;
  revenue: number;
  costOfSales: number;
  netProfit: number;
  /** Net profit ÷ revenue, a fraction (0 with zero revenue). */
  netMargin: number;
  /** The growth assumed for next year, a fraction. */
  expectedGrowth: number;
  items: TurnoverItem[];
  /** Σ sign × days. */
  daySum: number;
  /** 营运资金周转次数; null when the day sum is not positive. */
  turnoverCount: number | null;
  /** 营运资金量, whole yuan. */
  workingCapital: number;
  /** Subtracted from the working capital; otherFunding is the caller's, the rest the year's. */
  deductions: { ownWorkingCapital: number; existingWorkingCapitalLoans: number; otherFunding: number };
  /** 新增流动资金贷款额度, whole yuan, never below 0. */
  newLoanLimit: number;
};
