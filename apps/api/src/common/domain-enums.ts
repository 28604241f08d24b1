// Value lists for the Postgres enums and DTO validation. The matching library owns the
// meaning (tier order, rules); these lists only name the values the API accepts.
export const ORG_KINDS = ['firm', 'bank', 'gov_agency', 'platform'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const USER_ROLES = ['firm', 'bank', 'gov', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Which organisation kind a user of each role belongs to. */
export const ORG_KIND_OF_ROLE: Record<UserRole, OrgKind> = {
  firm: 'firm',
  bank: 'bank',
  gov: 'gov_agency',
  admin: 'platform',
};

// Tiers, purposes, collateral and product kinds are the matching library's vocabulary.
export { COLLATERALS, PRODUCT_KINDS, PURPOSES, TIERS } from '@lianrong/matching';
export type { Collateral, ProductKind, Purpose, Tier } from '@lianrong/matching';

export const PRODUCT_STATUSES = ['active', 'paused'] as const;
export const NEED_STATUSES = ['open', 'in_progress', 'fulfilled', 'withdrawn'] as const;
export const CHAIN_ROLES = ['core', 'upstream', 'downstream'] as const;
export const SUPPLY_LINK_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
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

export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export type NeedStatus = (typeof NEED_STATUSES)[number];
export type ChainRole = (typeof CHAIN_ROLES)[number];
export type SupplyLinkStatus = (typeof SUPPLY_LINK_STATUSES)[number];
export type MatchStatus = (typeof MATCH_STATUSES)[number];
