// The shapes the API, the worker and the web share. Money is whole yuan, rates are
// basis points, ratios are fractions (0.052 = 5.2 %).

export type Tier = 'none' | 'innovative' | 'srdi' | 'little_giant' | 'champion';
export type Purpose = 'working_capital' | 'equipment' | 'rd' | 'expansion' | 'supply_chain';
export type Collateral = 'none' | 'ip_pledge' | 'receivables' | 'property' | 'equipment' | 'guarantee';
export type ProductKind = 'credit' | 'ip_pledge' | 'supply_chain' | 'equipment' | 'growth' | 'innovation';
export type NeedStatus = 'open' | 'in_progress' | 'fulfilled' | 'withdrawn';
export type ProductStatus = 'active' | 'paused';

export const TIERS: readonly Tier[] = ['none', 'innovative', 'srdi', 'little_giant', 'champion'];
export const PURPOSES: readonly Purpose[] = ['working_capital', 'equipment', 'rd', 'expansion', 'supply_chain'];
export const COLLATERALS: readonly Collateral[] = ['none', 'ip_pledge', 'receivables', 'property', 'equipment', 'guarantee'];
export const PRODUCT_KINDS: readonly ProductKind[] = ['credit', 'ip_pledge', 'supply_chain', 'equipment', 'growth', 'innovation'];

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

export const FAILURE_CODES = [
  'product_inactive',
  'need_not_open',
  'amount_out_of_range',
  'term_out_of_range',
  'tier_below_min',
  'region_not_covered',
  'sector_not_covered',
  'financials_missing',
  'revenue_below_min',
  'rd_intensity_below_min',
  'debt_ratio_above_max',
  'patents_below_min',
  'years_in_niche_below_min',
  'not_whitelisted',
  'collateral_not_accepted',
  'not_in_supply_chain',
  'rate_above_max',
  'purpose_not_covered',
] as const;

export type FailureCode = (typeof FAILURE_CODES)[number];

/**
 * A failed rule as a code with parameters; the web renders the words. `required` is the
 * product's bound that was crossed, `actual` the firm's or need's value (see eligibility.ts
 * for each code's parameters).
 */
export type Failure = { code: FailureCode; required?: number | string; actual?: number | string };

export type ScoreComponentName = 'tier' | 'innovation' | 'financial_health' | 'fit' | 'chain';

/** `value` is in [0, 1]; `points` = weight × value rounded to 0.01. */
export type ScoreComponent = { name: ScoreComponentName; weight: number; value: number; points: number };

/**
 * The unit `required` and `actual` of a check are in. Money is whole yuan (the web shows
 * 万元); `percent` is a ratio × 100 (R&D intensity, debt ratio, interest rates); the code
 * units (tier, region, …) carry ids the web turns into words.
 */
export type CheckUnit =
  | 'status'
  | 'yuan'
  | 'months'
  | 'tier'
  | 'region'
  | 'sector_or_chain'
  | 'financials'
  | 'percent'
  | 'count'
  | 'years'
  | 'flag'
  | 'collateral'
  | 'core_enterprise'
  | 'purpose';

/** A closed range, both ends included. */
export type CheckRange = { min: number; max: number };

export type CheckValue = number | string | boolean | string[] | CheckRange | null;

/**
 * One rule the product imposes, as required vs actual. `rule` is the failure code the rule
 * reports when it fails; a failed check and its failure appear in the same order.
 */
export type Check = { rule: FailureCode; required: CheckValue; actual: CheckValue; passed: boolean; unit: CheckUnit };

export type Evaluation = {
  eligible: boolean;
  failures: Failure[];
  /** Every rule that applies to the pair, passed or not. */
  checks: Check[];
  score: number | null;
  components: ScoreComponent[];
};

export type RankedProduct = { productId: string; score: number; components: ScoreComponent[] };

export type NearMiss = { productId: string; failure: Failure };

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
