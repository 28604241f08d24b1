// Wire types of the Lianrong API (DESIGN §3, §8). Money is whole yuan, rates are basis
// points, ratios are fractions, timestamps ISO 8601 UTC.

import type {
  ChainRole,
  Collateral,
  JobState,
  MatchStatus,
  NeedStatus,
  OrgKind,
  ProductKind,
  ProductStatus,
  Purpose,
  Tier,
  UserRole,
} from '@lianrong/matching/vocabulary';

export interface OrganizationRef {
  id: string;
  name: string;
  kind: OrgKind;
  regionCode: string | null;
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  organization: OrganizationRef;
}

export interface AuthTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: SessionUser;
}

export interface IdName {
  id: string;
  name: string;
}

export interface FinancialYear {
  year: number;
  revenue: number;
  costOfSales: number;
  netProfit: number;
  rdExpense: number;
  totalAssets: number;
  totalLiabilities: number;
  taxPaid: number;
  employees: number;
  rdStaff: number;
  inventionPatents: number;
  rdIntensity: number | null;
  debtRatio: number | null;
  netMargin: number | null;
  revenueGrowth: number | null;
}

export interface FirmProfile {
  id: string;
  uscc: string;
  name: string;
  regionCode: string;
  industryCode: string;
  tier: Tier;
  tierYear: number | null;
  yearsInNiche: number | null;
  chainRole: ChainRole | null;
  whitelisted: boolean;
  chains: IdName[];
  financials: FinancialYear[];
}

export interface FundingNeed {
  id: string;
  amount: number;
  termMonths: number;
  purpose: Purpose;
  maxRateBps: number;
  collateral: Collateral;
  status: NeedStatus;
  createdAt: string;
}

export interface LoanProduct {
  id: string;
  name: string;
  description: string | null;
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
  // The API names these `chainIds` (the contract draft said `chains`).
  chainIds: string[];
  collateralAccepted: Collateral[];
  purposes: Purpose[];
  requiresWhitelist: boolean;
}

/** Body of POST /products (PATCH takes any part of it). Money in whole yuan, rates in bps. */
export interface ProductInput {
  name: string;
  kind: ProductKind;
  amountMin: number;
  amountMax: number;
  termMin: number;
  termMax: number;
  rateMinBps: number;
  rateMaxBps: number;
  minTier?: Tier;
  regions?: string[];
  sectors?: string[];
  requiresWhitelist?: boolean;
  collateralAccepted?: Collateral[];
  purposes?: Purpose[];
  coreEnterpriseIds?: string[];
  description?: string;
  status?: ProductStatus;
}

/** A product write answers with the product and the re-ranking job it queued. */
export type ProductWriteResult = LoanProduct & { matchingJobId: string };

export interface MatchingJobResult {
  matchedNeeds: number;
  matchedFirms: number;
  eligibleNeeds: number;
}

export interface MatchingJob {
  id: string;
  topic: string;
  state: JobState;
  progress: number;
  result: MatchingJobResult | null;
  createdAt: string;
  finishedAt: string | null;
}

/** One ranked firm in the officer's view of a product (GET /products/:id/matches). */
export interface ProductMatch {
  id: string;
  status: MatchStatus;
  score: number | null;
  ineligible: boolean;
  need: { id: string; amount: number; termMonths: number; purpose: Purpose };
  firm: { id: string; name: string; tier: Tier; regionCode: string };
}

export interface ProductMatchesResponse {
  total: number;
  items: ProductMatch[];
}

export interface ChainSummary {
  id: string;
  name: string;
  regionCode: string;
  leadBank: IdName | null;
  coreEnterprises: IdName[];
  firmCount: number;
  openNeedCount: number;
  openNeedAmount: number;
}

export interface OrganizationRow {
  id: string;
  name: string;
  kind: OrgKind;
  regionCode: string | null;
  uscc: string | null;
}

export interface ListResponse<T> {
  items: T[];
}
