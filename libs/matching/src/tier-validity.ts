import { type Tier } from './types';

/** A certification counts for its own year and the two after it; then it must be re-examined (复核). */
export const TIER_VALID_YEARS = 3;

/** How early the profile and the agency's list warn that a certification runs out. */
export const TIER_EXPIRY_WARNING_DAYS = 90;

export interface TierValidity {
  /** The last day the certification counts, YYYY-MM-DD; null without a certification. */
  expiresOn: string | null;
  expired: boolean;
  /** Still valid, but runs out within TIER_EXPIRY_WARNING_DAYS. */
  expiringSoon: boolean;
}

const DAY_MS = 86_400_000;

function utcDay(date: Date | string): number {
  const d = typeof date === 'string' ? new Date(`${date.slice(0, 10)}T00:00:00Z`) : date;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** Certified in `tierYear`, the tier counts through 31 December of tierYear + 2. */
export function tierValidity(tier: Tier, tierYear: number | null, today: Date | string): TierValidity {
  if (tier === 'none' || tierYear === null) return { expiresOn: null, expired: false, expiringSoon: false };
  const lastYear = tierYear + TIER_VALID_YEARS - 1;
  const expiresOn = `${lastYear}-12-31`;
  const daysLeft = (Date.UTC(lastYear, 11, 31) - utcDay(today)) / DAY_MS;
  return {
    expiresOn,
    expired: daysLeft < 0,
    expiringSoon: daysLeft >= 0 && daysLeft <= TIER_EXPIRY_WARNING_DAYS,
  };
}

/**
 * The tier the rules may read: a certification without a year, or whose three years have
 * run out, counts as no tier at all.
 */
export function effectiveTier(tier: Tier, tierYear: number | null, today: Date | string): Tier {
  if (tier === 'none' || tierYear === null) return 'none';
  return tierValidity(tier, tierYear, today).expired ? 'none' : tier;
}
