// The two stored views (DESIGN §4 "Scale"): per need its best K products (the firm's
// view) and per product its best M needs (the officer's view). The worker keeps them
// right incrementally; these functions decide what enters, what leaves and in which
// order, so that no ranking decision is taken outside this library.
import { compareIds, evaluate } from './evaluate';
import type { Evaluation, FirmProfile, MatchContext, NeedInput, ProductInput } from './types';

/** A need's place in a product's ranking. */
export type RankedNeedRef = { needId: string; score: number };

/** A pair entering a view, with its score. */
export type ViewEntry = { needId: string; productId: string; score: number };

/** A pair leaving a view. */
export type ViewExit = { needId: string; productId: string };

/** Scores are compared in whole centipoints, as the batch engine ranks them. */
const centipoints = (score: number): number => Math.round(score * 100);

/**
 * The ranking order of a product's needs: higher score first, equal scores to the
 * smaller need id. Negative when `a` ranks before `b`.
 */
export function compareRankedNeeds(a: RankedNeedRef, b: RankedNeedRef): number {
  return centipoints(b.score) - centipoints(a.score) || compareIds(a.needId, b.needId);
}

/** Whether `candidate` outranks the last need of a view (an empty view has none). */
export function beatsWorst(candidate: RankedNeedRef, worst: RankedNeedRef | null): boolean {
  return worst === null || compareRankedNeeds(candidate, worst) < 0;
}

/** What a product's officer's view holds when one eligible need is placed in it. */
export type ProductViewState = {
  /** The need is in the view already. */
  holdsNeed: boolean;
  size: number;
  /** The view's last need, or null when it is empty. */
  worst: RankedNeedRef | null;
};

/**
 * Admission of one eligible need into a product's top-M view: `stay` (already there,
 * re-scored), `grow` (room left), `evict` (it beats the last, which leaves) or `out`.
 */
export function admitToProductView(
  view: ProductViewState,
  candidate: RankedNeedRef,
  m: number,
): 'stay' | 'grow' | 'evict' | 'out' {
  if (view.holdsNeed) return 'stay';
  if (view.size < m) return 'grow';
  return beatsWorst(candidate, view.worst) ? 'evict' : 'out';
}

/**
 * The firms' views after one product changed, as differences. `lists` ranks each
 * affected need's best K+1 products with the product as it now is; `wasInView` holds
 * the needs whose stored top K contained the product. With the stored views right
 * before the change, a need's new top K differs only by this product: it enters
 * (pushing out the old K-th) or leaves (letting the next product in).
 */
export function firmViewDiffs(
  lists: readonly { needId: string; products: readonly { productId: string; score: number }[] }[],
  productId: string,
  wasInView: ReadonlySet<string>,
  k: number,
): { entering: ViewEntry[]; leaving: ViewExit[] } {
  const entering: ViewEntry[] = [];
  const leaving: ViewExit[] = [];
  for (const { needId, products: ranked } of lists) {
    const at = ranked.findIndex((r) => r.productId === productId);
    if (at >= 0 && at < k) {
      entering.push({ needId, productId, score: ranked[at].score });
      if (ranked.length > k) leaving.push({ needId, productId: ranked[k].productId });
    } else if (wasInView.has(needId)) {
      leaving.push({ needId, productId });
      if (ranked.length >= k) {
        const next = ranked[k - 1];
        entering.push({ needId, productId: next.productId, score: next.score });
      }
    }
  }
  return { entering, leaving };
}

/**
 * A match someone is already working on (applied, contacted, in review …) is judged as
 * if its need were still open: applying is what moved the need out of `open`, and that
 * must not count against the firm.
 */
export function evaluateWorkedMatch(
  firm: FirmProfile,
  need: NeedInput,
  product: ProductInput,
  ctx?: MatchContext,
): Evaluation {
  return evaluate(firm, { ...need, status: 'open' }, product, ctx);
}
