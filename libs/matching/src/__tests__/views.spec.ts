import fc from 'fast-check';
import {
  admitToProductView,
  beatsWorst,
  compareRankedNeeds,
  evaluateWorkedMatch,
  firmViewDiffs,
  type RankedNeedRef,
} from '../index';
import { eligiblePairArb } from './arbitraries';

const scoreArb = fc.integer({ min: 0, max: 10_000 }).map((cp) => cp / 100);

describe('ranking order of a product view', () => {
  it('puts the higher score first and breaks ties by the smaller need id', () => {
    const needs: RankedNeedRef[] = [
      { needId: 'n3', score: 50 },
      { needId: 'n2', score: 70 },
      { needId: 'n1', score: 50 },
    ];
    expect([...needs].sort(compareRankedNeeds).map((n) => n.needId)).toEqual(['n2', 'n1', 'n3']);
  });

  it('compares scores in centipoints, as the batch engine does', () => {
    // 0.1 + 0.2 is not 0.3 in floating point; both are 30 centipoints.
    expect(
      compareRankedNeeds({ needId: 'a', score: 0.1 + 0.2 }, { needId: 'b', score: 0.3 }),
    ).toBeLessThan(0);
  });

  it('admits anything into an empty view and only a better need into a full one', () => {
    expect(beatsWorst({ needId: 'z', score: 0 }, null)).toBe(true);
    expect(beatsWorst({ needId: 'a', score: 50 }, { needId: 'b', score: 50 })).toBe(true);
    expect(beatsWorst({ needId: 'c', score: 50 }, { needId: 'b', score: 50 })).toBe(false);
    expect(beatsWorst({ needId: 'c', score: 49.99 }, { needId: 'b', score: 50 })).toBe(false);
  });

  it('placing needs one at a time keeps exactly the best M, whatever the arrival order', () => {
    const needsArb = fc.uniqueArray(
      fc.record({
        needId: fc.string({
          unit: fc.constantFrom(...'0123456789abcdef'),
          minLength: 4,
          maxLength: 4,
        }),
        score: scoreArb,
      }),
      {
        selector: (n) => n.needId,
        maxLength: 40,
      },
    );
    fc.assert(
      fc.property(needsArb, fc.integer({ min: 1, max: 12 }), (needs, m) => {
        let view: RankedNeedRef[] = [];
        for (const need of needs) {
          const worst = view.length ? view[view.length - 1] : null;
          const decision = admitToProductView(
            { holdsNeed: false, size: view.length, worst },
            need,
            m,
          );
          if (decision === 'grow') view.push(need);
          if (decision === 'evict') view = [...view.slice(0, -1), need];
          view.sort(compareRankedNeeds);
        }
        expect(view).toEqual([...needs].sort(compareRankedNeeds).slice(0, m));
      }),
      { numRuns: 300 },
    );
  });

  it('re-scores a need already in the view instead of adding it twice', () => {
    expect(
      admitToProductView(
        { holdsNeed: true, size: 3, worst: { needId: 'a', score: 90 } },
        { needId: 'b', score: 1 },
        3,
      ),
    ).toBe('stay');
  });
});

describe('firms’ views after a product changes', () => {
  type Ranked = { productId: string; score: number }[];
  const rank = (scores: Map<string, number>): Ranked =>
    [...scores]
      .map(([productId, score]) => ({ productId, score }))
      .sort(
        (a, b) =>
          Math.round(b.score * 100) - Math.round(a.score * 100) ||
          (a.productId < b.productId ? -1 : 1),
      );

  // Each need: scores of the other products, and the changed product's score before and after (absent = ineligible).
  const needArb = fc.record({
    others: fc.dictionary(
      fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'),
      scoreArb,
    ),
    before: fc.option(scoreArb, { nil: undefined }),
    after: fc.option(scoreArb, { nil: undefined }),
  });

  it('applied to the stored top K, the differences give the top K ranked from scratch', () => {
    fc.assert(
      fc.property(
        fc.array(needArb, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 5 }),
        (needs, k) => {
          const changed = 'px';
          const withProduct = (others: Record<string, number>, score: number | undefined) => {
            const m = new Map(Object.entries(others));
            if (score !== undefined) m.set(changed, score);
            return rank(m);
          };
          const stored = new Map(
            needs.map((n, i) => [`n${i}`, withProduct(n.others, n.before).slice(0, k)]),
          );
          const wasInView = new Set(
            [...stored]
              .filter(([, top]) => top.some((p) => p.productId === changed))
              .map(([id]) => id),
          );
          const lists = needs.map((n, i) => ({
            needId: `n${i}`,
            products: withProduct(n.others, n.after).slice(0, k + 1),
          }));

          const { entering, leaving } = firmViewDiffs(lists, changed, wasInView, k);

          for (const [needId, top] of stored) {
            const gone = new Set(
              leaving.filter((l) => l.needId === needId).map((l) => l.productId),
            );
            const view = new Map(
              top.filter((p) => !gone.has(p.productId)).map((p) => [p.productId, p.score]),
            );
            for (const e of entering.filter((x) => x.needId === needId))
              view.set(e.productId, e.score);
            const i = Number(needId.slice(1));
            expect(rank(view)).toEqual(withProduct(needs[i].others, needs[i].after).slice(0, k));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('a match being worked on', () => {
  it('is judged as if its need were still open', () => {
    fc.assert(
      fc.property(
        eligiblePairArb,
        fc.constantFrom('in_progress', 'fulfilled', 'withdrawn'),
        ([firm, need, product], status) => {
          const worked = evaluateWorkedMatch(firm, { ...need, status } as typeof need, product);
          expect(worked.eligible).toBe(true);
          expect(worked.score).not.toBeNull();
        },
      ),
      { numRuns: 100 },
    );
  });
});
