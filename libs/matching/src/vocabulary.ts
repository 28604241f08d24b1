// @lianrong/matching/vocabulary — the words the API, the worker and the web share.
// Browser-safe on purpose: no Node module and no rule lives here, only value lists and
// the small wire shapes built from them, so the web can import it without the engine.

export const TIERS = ['none', 'innovative', 'srdi', 'little_giant', 'champion'] as const;
export type Tier = (typeof TIERS)[number];

export const PURPOSES = [
  'working_capital',
  'equipment',
  'rd',
  'expansion',
  'supply_chain',
] as const;
export type Purpose = (typeof PURPOSES)[number];

export const COLLATERALS = [
  'none',
  'ip_pledge',
  'receivables',
  'property',
  'equipment',
  'guarantee',
] as const;
export type Collateral = (typeof COLLATERALS)[number];

export const PRODUCT_KINDS = [
  'credit',
  'ip_pledge',
  'supply_chain',
  'equipment',
  'growth',
  'innovation',
] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const NEED_STATUSES = ['open', 'in_progress', 'fulfilled', 'withdrawn'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export const PRODUCT_STATUSES = ['active', 'paused'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const MATCH_STATUSES = [
  'suggested',
  'applied',
  'contacted',
  'in_review',
  'pending_approval',
  'approved',
  'disbursed',
  'declined',
  'withdrawn',
] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** Why a bank turned an application down; the firm sees the words, government the counts. */
export const DECLINE_REASONS = [
  'collateral_insufficient',
  'debt_too_high',
  'credit_record',
  'outside_policy',
  'documents_missing',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/**
 * What a match event records: a status change, a request for more documents (补充材料,
 * status unchanged), or a further drawdown (分笔放款) on a match already disbursed.
 */
export const MATCH_EVENT_KINDS = ['transition', 'documents_requested', 'drawdown'] as const;
export type MatchEventKind = (typeof MATCH_EVENT_KINDS)[number];

/** Why a user is notified; the web renders the words from the kind and its params. */
export const NOTIFICATION_KINDS = [
  'application_received',
  'application_moved',
  'documents_requested',
  'application_overdue',
  'approval_awaiting_checker',
  'referral_offered',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const CHAIN_ROLES = ['core', 'upstream', 'downstream'] as const;
export type ChainRole = (typeof CHAIN_ROLES)[number];

export const SUPPLY_LINK_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export type SupplyLinkStatus = (typeof SUPPLY_LINK_STATUSES)[number];

export const ORG_KINDS = ['firm', 'bank', 'gov_agency', 'platform'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const USER_ROLES = ['firm', 'bank', 'gov', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * BullMQ's job states as GET /jobs/:id reports them; 'queued' is the API's own word for
 * a job still in the outbox, not yet handed to Redis.
 */
export const JOB_STATES = [
  'queued',
  'waiting',
  'delayed',
  'prioritized',
  'active',
  'waiting-children',
  'completed',
  'failed',
  'unknown',
] as const;
export type JobState = (typeof JOB_STATES)[number];

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

export const SCORE_COMPONENT_NAMES = [
  'tier',
  'innovation',
  'financial_health',
  'fit',
  'chain',
] as const;
export type ScoreComponentName = (typeof SCORE_COMPONENT_NAMES)[number];

/** `value` is in [0, 1]; `points` = weight × value rounded to 0.01. */
export type ScoreComponent = {
  name: ScoreComponentName;
  weight: number;
  value: number;
  points: number;
};

/**
 * The unit `required` and `actual` of a check are in. Money is whole yuan (the web shows
 * 万元); `percent` is a ratio × 100 (R&D intensity, debt ratio, interest rates); the code
 * units (tier, region, …) carry ids the web turns into words.
 */
export const CHECK_UNITS = [
  'status',
  'yuan',
  'months',
  'tier',
  'region',
  'sector_or_chain',
  'financials',
  'percent',
  'count',
  'years',
  'flag',
  'collateral',
  'core_enterprise',
  'purpose',
] as const;
export type CheckUnit = (typeof CHECK_UNITS)[number];

/** A closed range, both ends included. */
export type CheckRange = { min: number; max: number };

export type CheckValue = number | string | boolean | string[] | CheckRange | null;

/**
 * One rule the product imposes, as required vs actual. `rule` is the failure code the rule
 * reports when it fails; a failed check and its failure appear in the same order.
 */
export type Check = {
  rule: FailureCode;
  required: CheckValue;
  actual: CheckValue;
  passed: boolean;
  unit: CheckUnit;
};


/** One field-level problem of a refused request. */
export type ErrorDetail = { field: string; problem: string };

/** The one error body of the API (DESIGN §8). */
export type ApiErrorBody = {
  statusCode: number;
  error: string;
  message: string;
  details: ErrorDetail[];
};
