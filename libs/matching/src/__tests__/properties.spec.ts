import fc from 'fast-check';
import { evaluate, nearMisses, rankForNeed } from '../index';
import { checkEligibility } from '../eligibility';
import type { FirmProfile, Tier } from '../types';
import { TIERS, tierRank } from '../types';
import { eligiblePairArb, firmArb, needArb, productArb } from './arbitraries';

const pair = fc.tuple(firmArb('firm-1'), needArb('need-1'), productArb('prod-1'));
const ctxArb = fc.record({ leadBankByChain: fc.record({ rail_transit: fc.constantFrom('bank-a', 'bank-b') }) });

describe('score properties', () => {
  it('is deterministic', () => {
    fc.assert(
      fc.property(pair, ctxArb, ([f, n, p], ctx) => {
        const copy = structuredClone({ f, n, p, ctx });
        expect(evaluate(copy.f, copy.n, copy.p, copy.ctx)).toEqual(evaluate(f, n, p, ctx));
      }),
      { numRuns: 300 },
    );
  });

  it('admit() really yields eligible pairs', () => {
    fc.assert(fc.property(eligiblePairArb, ([f, n, p]) => expect(checkEligibility(f, n, p)).toEqual([])), { numRuns: 200 });
  });

  it('stays within [0, 100] and its components add up to it (±0.01)', () => {
    fc.assert(
      fc.property(eligiblePairArb, ctxArb, ([f, n, p], ctx) => {
        const e = evaluate(f, n, p, ctx);
        expect(e.eligible).toBe(true);
        const score = e.score ?? NaN;
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        const sum = e.components.reduce((s, c) => s + c.points, 0);
        expect(Math.abs(sum - score)).toBeLessThanOrEqual(0.01);
        for (const c of e.components) {
          expect(c.value).toBeGreaterThanOrEqual(0);
          expect(c.value).toBeLessThanOrEqual(1);
          expect(Math.abs(c.points - c.weight * c.value)).toBeLessThanOrEqual(0.005 + 1e-9);
        }
      }),
      { numRuns: 500 },
    );
  });

  type Improve = { name: string; apply: (f: FirmProfile) => FirmProfile };
  const latestIndex = (f: FirmProfile): number =>
    f.financials.reduce((best, fy, i) => (best < 0 || fy.year > f.financials[best].year ? i : best), -1);
  const withLatest = (f: FirmProfile, change: (fy: FirmProfile['financials'][number]) => Partial<FirmProfile['financials'][number]>): FirmProfile => {
    const i = latestIndex(f);
    if (i < 0) return f;
    const financials = f.financials.map((fy, j) => (j === i ? { ...fy, ...change(fy) } : fy));
    return { ...f, financials };
  };
  const improvements: Improve[] = [
    { name: 'higher tier', apply: (f) => ({ ...f, tier: TIERS[Math.min(4, tierRank(f.tier) + 1)] as Tier }) },
    { name: 'more patents', apply: (f) => withLatest(f, (fy) => ({ inventionPatents: fy.inventionPatents + 3 })) },
    { name: 'higher R&D intensity', apply: (f) => withLatest(f, (fy) => ({ rdExpense: fy.rdExpense + 1_000_000 })) },
    { name: 'lower debt ratio', apply: (f) => withLatest(f, (fy) => ({ totalLiabilities: Math.floor(fy.totalLiabilities / 2) })) },
    { name: 'whitelisting', apply: (f) => ({ ...f, whitelisted: true }) },
  ];

  it.each(improvements)('never drops when a firm improves: $name', ({ apply }) => {
    fc.assert(
      fc.property(eligiblePairArb, ctxArb, ([f, n, p], ctx) => {
        const before = evaluate(f, n, p, ctx);
        const after = evaluate(apply(f), n, p, ctx);
        // Eligibility is monotone too: a better firm never loses a product.
        expect(after.eligible).toBe(true);
        expect(after.score ?? -1).toBeGreaterThanOrEqual(before.score ?? Infinity);
      }),
      { numRuns: 300 },
    );
  });
});

describe('ranking and near-miss properties', () => {
  const many = fc.tuple(
    firmArb('firm-1'),
    needArb('need-1'),
    fc.tuple(...Array.from({ length: 12 }, (_, i) => productArb(`prod-${String((i * 7) % 12).padStart(2, '0')}`))),
  );

  it('rankForNeed lists exactly the eligible products, best first, ties by id', () => {
    fc.assert(
      fc.property(many, ([f, n, ps]) => {
        const ranked = rankForNeed(f, n, ps, 100);
        const eligible = ps.filter((p) => evaluate(f, n, p).eligible).map((p) => p.id);
        expect(ranked.map((r) => r.productId).sort()).toEqual(eligible.sort());
        for (let i = 1; i < ranked.length; i++) {
          const a = ranked[i - 1];
          const b = ranked[i];
          expect(a.score > b.score || (a.score === b.score && a.productId < b.productId)).toBe(true);
        }
        expect(rankForNeed(f, n, ps, 3)).toEqual(ranked.slice(0, 3));
      }),
      { numRuns: 150 },
    );
  });

  it('near-misses are exactly the products failing one rule, with that failure', () => {
    fc.assert(
      fc.property(many, ([f, n, ps]) => {
        const expected = ps
          .map((p) => ({ productId: p.id, failures: checkEligibility(f, n, p) }))
          .filter((x) => x.failures.length === 1)
          .map((x) => ({ productId: x.productId, failure: x.failures[0] }))
          .sort((a, b) => (a.productId < b.productId ? -1 : 1));
        const misses = nearMisses(f, n, ps);
        expect(misses.map(({ productId, failure }) => ({ productId, failure }))).toEqual(expected);
        for (const m of misses) {
          expect(m.check).toMatchObject({ rule: m.failure.code, passed: false });
          if (m.gap !== null) expect(m.gap).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });
});
