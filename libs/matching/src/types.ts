// The engine's inputs and outputs. Money is whole yuan, rates are basis points, ratios
// are fractions (0.052 = 5.2 %).

import type {
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
  score: number | null;
  components: ScoreComponent[];
};

export type RankedProduct = { productId: string; score: number; components: ScoreComponent[] };

export type NearMiss = { productId: string; failure: Failure };

export type WorkingCapitalEstimate = {
  /** 营运资金周转次数; null when the day sum is not positive. */
  turnoverCount: number | null;
  /** 营运资金量, whole yuan. */
  workingCapital: number;
  /** 新增流动资金贷款额度, whole yuan, never below 0. */
  newLoanLimit: number;
};
