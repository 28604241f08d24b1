import { eligibilityChecks } from './checks';
import { checkEligibility } from './eligibility';
import { compareIds } from './evaluate';
import type { Check, FirmProfile, MatchContext, NearMiss, NeedInput, ProductInput } from './types';

// Float noise only (6.1 − 4.3 = 1.7999999999999998); the gap is a figure to read, never compared.
function clean(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/**
 * How far the failed rule is from passing, in the check's own unit (percentage points,
 * yuan, months, count, years): always positive. Null for rules with no distance — codes
 * (tier, region, collateral …), flags and missing accounts — whose remedy is a change of
 * kind, not of amount.
 */
export function checkGap(check: Check): number | null {
  const { required, actual } = check;
  if (typeof actual !== 'number') return null;
  if (typeof required === 'number') {
    // A maximum is crossed from above, every other bound from below.
    return clean(check.rule === 'debt_ratio_above_max' ? actual - required : required - actual);
  }
  if (required !== null && typeof required === 'object' && !Array.isArray(required)) {
    if (actual < required.min) return clean(required.min - actual);
    if (actual > required.max) return clean(actual - required.max);
  }
  return null;
}

/**
 * Products the need fails on exactly one rule, with that failure (threshold and the
 * firm's value), the failed check in the unit the page shows and the gap to close,
 * ordered by product id. `ctx` does not change eligibility; it is taken for symmetry
 * with `evaluate`.
 */
export function nearMisses(
  firm: FirmProfile,
  need: NeedInput,
  products: readonly ProductInput[],
  _ctx?: MatchContext,
): NearMiss[] {
  const misses: NearMiss[] = [];
  for (const product of products) {
    const failures = checkEligibility(firm, need, product);
    if (failures.length !== 1) continue;
    const [failure] = failures;
    // eligibilityChecks reports the same failed rules in the same order (checks.spec), so it is found.
    const check = eligibilityChecks(firm, need, product).find((c) => !c.passed && c.rule === failure.code);
    if (check === undefined) continue;
    misses.push({ productId: product.id, failure, check, gap: checkGap(check) });
  }
  return misses.sort((a, b) => compareIds(a.productId, b.productId));
}
