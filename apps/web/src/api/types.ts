// Wire types of the Lianrong API (DESIGN §3, §8). Money is whole yuan, rates are basis
// points, ratios are fractions, timestamps ISO 8601 UTC.

export const ROLES = ['firm', 'bank', 'gov', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ORG_KINDS = ['firm', 'bank', 'gov_agency', 'platform'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const TIERS = ['none', 'innovative', 'srdi', 'little_giant', 'champion'] as const;
export type Tier = (typeof TIERS)[number];

export const PURPOSES = ['working_capital', 'equipment', 'rd', 'expansion', 'supply_chain'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const COLLATERALS = ['none', 'ip_pledge', 'receivables', 'property', 'equipment', 'guarantee'] as const;
export type Collateral = (typeof COLLATERALS)[number];

export const NEED_STATUSES = ['open', 'in_progress', 'fulfilled', 'withdrawn'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export const PRODUCT_STATUSES = ['active', 'paused'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const PRODUCT_KINDS = ['credit', 'ip_pledge', 'supply_chain', 'equipment', 'growth', 'innovation'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const MATCH_STATUSES = [
  'suggested',
  'applied',
  'contacted',
  'in_review',
  'approved',
  'disbursed',
  'declined',
  'withdrawn',
] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

export const CHAIN_ROLES = ['core', 'upstream', 'downstream'] as const;
export type ChainRole = (typeof CHAIN_ROLES)[number];

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
  role: Role;
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

// BullMQ's job states as GET /jobs/:id reports them; 'queued' is the API's own word
// for a job still in the outbox, not yet handed to Redis.
export type JobState =
  | 'queued'
  | 'waiting'
  | 'delayed'
  | 'prioritized'
  | 'active'
  | 'waiting-children'
  | 'completed'
  | 'failed'
  | 'unknown';

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
  /** Why a failed job failed (the failing shard's own error). */
  failure: string | null;
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
