// Value lists for the Postgres enums and DTO validation. They are the shared vocabulary's
// (libs/matching/src/vocabulary.ts), re-exported so the API keeps one import site; the
// matching library owns their meaning (tier order, rules).
import type { OrgKind, UserRole } from '@lianrong/matching/vocabulary';

export {
  CHAIN_ROLES,
  CHECK_UNITS,
  COLLATERALS,
  DECLINE_REASONS,
  FAILURE_CODES,
  JOB_STATES,
  MATCH_EVENT_KINDS,
  MATCH_STATUSES,
  NEED_STATUSES,
  NOTIFICATION_KINDS,
  ORG_KINDS,
  PRODUCT_KINDS,
  PRODUCT_STATUSES,
  PURPOSES,
  SCORE_COMPONENT_NAMES,
  SUPPLY_LINK_STATUSES,
  TIERS,
  USER_ROLES,
} from '@lianrong/matching/vocabulary';
export type {
  ChainRole,
  Check,
  CheckUnit,
  CheckValue,
  Collateral,
  DeclineReason,
  FailureCode,
  JobState,
  MatchEventKind,
  MatchStatus,
  NeedStatus,
  NotificationKind,
  OrgKind,
  ProductKind,
  ProductStatus,
  Purpose,
  ScoreComponentName,
  SupplyLinkStatus,
  Tier,
  UserRole,
} from '@lianrong/matching/vocabulary';

/** Which organisation kind a user of each role belongs to. */
export const ORG_KIND_OF_ROLE: Record<UserRole, OrgKind> = {
  firm: 'firm',
  bank: 'bank',
  gov: 'gov_agency',
  admin: 'platform',
};
