import { eligibilityChecks } from './checks';
import { checkEligibility } from './eligibility';
import { needScoreParts, scorePair } from './score';
import type { Evaluation, FirmProfile, MatchContext, NeedInput, ProductInput, RankedProduct } from './types';

export function evaluate(firm: FirmProfile, need: NeedInput, product: ProductInput, ctx?: MatchContext): Evaluation {
  const failures = checkEligibility(firm, need, product);
  const checks = eligibilityChecks(firm, need, product);
  if (failures.length > 0) return { eligible: false, failures, checks, score: null, components: [] };
  const { score, components } = scorePair(firm, need, product, ctx);
  return { eligible: true, failures, checks, score, components };
}

/** Code-unit order, the same as PostgreSQL's `COLLATE "C"` for the ASCII ids we issue. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The need's eligible products, best first; equal scores go to the smaller product id. */
export function rankForNeed(
  firm: FirmProfile,
  need: NeedInput,
  products: readonly ProductInput[],
  k: number,
  ctx?: MatchContext,
): RankedProduct[] {
  const parts = needScoreParts(firm, need);
  const ranked: (RankedProduct & { cp: number })[] = [];
  for (const product of products) {
    if (checkEligibility(firm, need, product).length > 0) continue;
    const s = scorePair(firm, need, product, ctx, parts);
    ranked.push({ productId: product.id, score: s.score, components: s.components, cp: s.centipoints });
  }
  ranked.sort((a, b) => b.cp - a.cp || compareIds(a.productId, b.productId));
  return ranked.slice(0, Math.max(0, k)).map(({ productId, score, components }) => ({ productId, score, components }));
}

export type RankedNeed = { needId: string; score: number };

/**
 * The officer's view computed one need at a time: a product's eligible needs, best first,
 * equal scores to the smaller need id. The batch engine must agree with it.
 */
export function rankNeedsForProduct(
  entries: readonly { firm: FirmProfile; need: NeedInput }[],
  product: ProductInput,
  m: number,
  ctx?: MatchContext,
): RankedNeed[] {
  const ranked: (RankedNeed & { cp: number })[] = [];
  for (const { firm, need } of entries) {
    if (checkEligibility(firm, need, product).length > 0) continue;
    const s = scorePair(firm, need, product, ctx);
    ranked.push({ needId: need.id, score: s.score, cp: s.centipoints });
  }
  ranked.sort((a, b) => b.cp - a.cp || compareIds(a.needId, b.needId));
  return ranked.slice(0, Math.max(0, m)).map(({ needId, score }) => ({ needId, score }));
}
