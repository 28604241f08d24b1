import { checkEligibility } from './eligibility';
import { compareIds } from './evaluate';
import type { FirmProfile, MatchContext, NearMiss, NeedInput, ProductInput } from './types';

/**
 * Products the need fails on exactly one rule, with that failure (threshold and the
 * firm's value), ordered by product id. `ctx` does not change eligibility; it is taken
 * for symmetry with `evaluate`.
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
    if (failures.length === 1) misses.push({ productId: product.id, failure: failures[0] });
  }
  return misses.sort((a, b) => compareIds(a.productId, b.productId));
}
