import { checkEligibility } from './eligibility';
import { compareIds, rankForNeed } from './evaluate';
import { latestYear } from './firm-metrics';
import type {
  Collateral,
  Failure,
  FirmProfile,
  MatchContext,
  NeedInput,
  ProductInput,
  ScoreComponent,
  Tier,
} from './types';

/**
 * The inputs a firm may try out in the sandbox. Financial figures replace those of the
 * latest reported year (whole yuan); everything left out stays as it is.
 */
export type WhatIfChanges = {
  tier?: Tier;
  rdExpense?: number;
  revenue?: number;
  totalLiabilities?: number;
  collateral?: Collateral;
  amount?: number;
  termMonths?: number;
  whitelisted?: boolean;
};

export type WhatIfRanked = {
  productId: string;
  score: number;
  components: ScoreComponent[];
  /** The score today, null when the product is not open to the need today. */
  previousScore: number | null;
};

export type WhatIfResult = {
  /** Products not open to the need today that the changes would open, with their new score. */
  opened: { productId: string; score: number }[];
  /** Products open today that the changes would close, with the rules they would then fail. */
  closed: { productId: string; failures: Failure[] }[];
  /** Every product open after the changes, best first. */
  ranked: WhatIfRanked[];
};

/** The firm and need as they would be after the changes; the inputs are not touched. */
export function applyWhatIf(
  firm: FirmProfile,
  need: NeedInput,
  changes: WhatIfChanges,
): { firm: FirmProfile; need: NeedInput } {
  const latest = latestYear(firm);
  const financial = {
    ...(changes.rdExpense !== undefined && { rdExpense: changes.rdExpense }),
    ...(changes.revenue !== undefined && { revenue: changes.revenue }),
    ...(changes.totalLiabilities !== undefined && { totalLiabilities: changes.totalLiabilities }),
  };
  return {
    firm: {
      ...firm,
      ...(changes.tier !== undefined && { tier: changes.tier }),
      ...(changes.whitelisted !== undefined && { whitelisted: changes.whitelisted }),
      financials: firm.financials.map((fy) => (fy === latest ? { ...fy, ...financial } : fy)),
    },
    need: {
      ...need,
      ...(changes.collateral !== undefined && { collateral: changes.collateral }),
      ...(changes.amount !== undefined && { amount: changes.amount }),
      ...(changes.termMonths !== undefined && { termMonths: changes.termMonths }),
    },
  };
}

/**
 * 试算: which products the changes would open and close for the need, and the ranking
 * they would give. The need is judged as if open (a need under review is still the
 * firm's question), exactly as the stored ranking judges it; nothing is stored.
 */
export function whatIf(
  firm: FirmProfile,
  need: NeedInput,
  products: readonly ProductInput[],
  changes: WhatIfChanges,
  ctx?: MatchContext,
): WhatIfResult {
  const openNeed: NeedInput = { ...need, status: 'open' };
  const before = rankForNeed(firm, openNeed, products, products.length, ctx);
  const after = applyWhatIf(firm, openNeed, changes);
  const ranked = rankForNeed(after.firm, after.need, products, products.length, ctx);
  const beforeScore = new Map(before.map((r) => [r.productId, r.score]));
  const afterIds = new Set(ranked.map((r) => r.productId));
  return {
    opened: ranked
      .filter((r) => !beforeScore.has(r.productId))
      .map(({ productId, score }) => ({ productId, score })),
    closed: products
      .filter((p) => beforeScore.has(p.id) && !afterIds.has(p.id))
      .sort((a, b) => compareIds(a.id, b.id))
      .map((p) => ({ productId: p.id, failures: checkEligibility(after.firm, after.need, p) })),
    ranked: ranked.map((r) => ({ ...r, previousScore: beforeScore.get(r.productId) ?? null })),
  };
}
