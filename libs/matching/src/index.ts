// @lianrong/matching — the only place the matching rules live (DESIGN §4).

/** Bumped whenever a rule or the score formula changes, so stored matches can be re-run. */
export const ENGINE_VERSION = '1.0.0';

export type {
  Check,
  CheckRange,
  CheckUnit,
  CheckValue,
  Collateral,
  Evaluation,
  Failure,
  FailureCode,
  FinancialYear,
  FirmProfile,
  MatchContext,
  NearMiss,
  NeedInput,
  NeedStatus,
  ProductInput,
  ProductKind,
  ProductStatus,
  Purpose,
  RankedProduct,
  ScoreComponent,
  ScoreComponentName,
  Tier,
  TurnoverItem,
  TurnoverItemName,
  WorkingCapitalEstimate,
  WorkingCapitalYear,
} from './types';
export {
  COLLATERALS,
  FAILURE_CODES,
  PRODUCT_KINDS,
  PURPOSES,
  TIERS,
  compareTiers,
  tierAtLeast,
  tierRank,
} from './types';
export { compareIds, evaluate, rankForNeed, rankNeedsForProduct } from './evaluate';
export type { RankedNeed } from './evaluate';
export { checkGap, nearMisses } from './near-miss';
export { needBlockers } from './blockers';
export type { NeedBlockers } from './blockers';
export { applyWhatIf, whatIf } from './what-if';
export type { WhatIfChanges, WhatIfRanked, WhatIfResult } from './what-if';
export {
  admitToProductView,
  beatsWorst,
  compareRankedNeeds,
  evaluateWorkedMatch,
  firmViewDiffs,
} from './views';
export type { ProductViewState, RankedNeedRef, ViewEntry, ViewExit } from './views';
export { debtRatio, netMargin, rdIntensity, revenueGrowth } from './firm-metrics';
export { estimateWorkingCapitalLoan } from './estimate';
export { eligibilityChecks } from './checks';
export { LITTLE_GIANT_AVERAGES, SCORE_WEIGHTS } from './score';
export {
  TIER_EXPIRY_WARNING_DAYS,
  TIER_VALID_YEARS,
  effectiveTier,
  tierValidity,
} from './tier-validity';
export type { TierValidity } from './tier-validity';
// The batch engine (columnar packing, shards, worker threads) is an entry of its own,
// @lianrong/matching/batch, so importing the rules never drags Node's worker_threads in.
