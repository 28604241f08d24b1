import fc from 'fast-check';
import { checkGap, evaluate, rankForNeed, whatIf, type WhatIfChanges } from '../index';
import { COLLATERALS, TIERS } from '../types';
import { firmArb, needArb, productArb } from './arbitraries';
import { firm, need, product, year } from './fixtures';

const world = fc.tuple(
  firmArb('firm-1'),
  needArb('need-1'),
  fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 8 }).chain((ids) =>
    fc.tuple(...[...new Set(ids)].map((i) => productArb(`prod-${String(i).padStart(3, '0')}`))),
  ),
);

const changesArb: fc.Arbitrary<WhatIfChanges> = fc.record(
  {
    tier: fc.constantFrom(...TIERS),
    rdExpense: fc.integer({ min: 0, max: 30_000_000 }),
    revenue: fc.integer({ min: 1, max: 300_000_000 }),
    totalLiabilities: fc.integer({ min: 0, max: 300_000_000 }),
    collateral: fc.constantFrom(...COLLATERALS),
    amount: fc.constantFrom(1_000_000, 5_000_000, 30_000_000),
    termMonths: fc.constantFrom(6, 12, 36),
    whitelisted: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('whatIf', () => {
  it('opens and closes nothing with no change, and ranks as today', () => {
    fc.assert(
      fc.property(world, ([f, n, ps]) => {
        const r = whatIf(f, n, ps, {});
        expect(r.opened).toEqual([]);
        expect(r.closed).toEqual([]);
        const today = rankForNeed(f, { ...n, status: 'open' }, ps, ps.length);
        expect(r.ranked).toEqual(today.map((x) => ({ ...x, previousScore: x.score })));
      }),
      { numRuns: 300 },
    );
  });

  it('opened and closed are exactly the difference of the two eligible sets', () => {
    fc.assert(
      fc.property(world, changesArb, ([f, n, ps], changes) => {
        const frozen = structuredClone({ f, n });
        const r = whatIf(f, n, ps, changes);
        // Nothing of the caller's is changed.
        expect({ f, n }).toEqual(frozen);
        const before = new Set(rankForNeed(f, { ...n, status: 'open' }, ps, ps.length).map((x) => x.productId));
        const after = new Set(r.ranked.map((x) => x.productId));
        expect(r.opened.map((o) => o.productId).sort()).toEqual([...after].filter((id) => !before.has(id)).sort());
        expect(r.closed.map((c) => c.productId)).toEqual([...before].filter((id) => !after.has(id)).sort());
        for (const c of r.closed) expect(c.failures.length).toBeGreaterThan(0);
        for (const x of r.ranked) expect(x.previousScore === null).toBe(!before.has(x.productId));
      }),
      { numRuns: 300 },
    );
  });

  it('opens an IP-pledge loan when the need offers an IP pledge', () => {
    const ipLoan = product({ id: 'prod-ip', kind: 'ip_pledge', collateralAccepted: ['ip_pledge'] });
    const n = need({ collateral: 'property' });
    const r = whatIf(firm(), n, [ipLoan], { collateral: 'ip_pledge' });
    expect(r.opened).toEqual([{ productId: 'prod-ip', score: expect.any(Number) }]);
    expect(r.ranked[0]).toMatchObject({ productId: 'prod-ip', previousScore: null });
  });

  it('opens a little-giant loan when the tier rises and closes it when R&D falls', () => {
    const loan = product({ id: 'prod-xjr', minTier: 'little_giant', minRdIntensity: 0.05 });
    const srdi = firm({ tier: 'srdi' });
    expect(whatIf(srdi, need(), [loan], { tier: 'little_giant' }).opened.map((o) => o.productId)).toEqual(['prod-xjr']);
    const lg = firm({ financials: [year({ year: 2022 }), year({ year: 2023 })] });
    const r = whatIf(lg, need(), [loan], { rdExpense: 1_000_000 });
    expect(r.closed).toEqual([
      { productId: 'prod-xjr', failures: [{ code: 'rd_intensity_below_min', required: 0.05, actual: 1_000_000 / 189_000_000 }] },
    ]);
    // Only the latest year changes: growth still reads the year before.
    expect(r.ranked).toEqual([]);
  });
});

describe('checkGap', () => {
  it('measures a minimum from below, a maximum from above and a range from the bound crossed', () => {
    expect(checkGap({ rule: 'rd_intensity_below_min', required: 5, actual: 3.2, passed: false, unit: 'percent' })).toBe(1.8);
    expect(checkGap({ rule: 'debt_ratio_above_max', required: 50, actual: 55, passed: false, unit: 'percent' })).toBe(5);
    expect(checkGap({ rule: 'rate_above_max', required: 3.85, actual: 3.5, passed: false, unit: 'percent' })).toBe(0.35);
    expect(
      checkGap({ rule: 'amount_out_of_range', required: { min: 1_000_000, max: 5_000_000 }, actual: 8_000_000, passed: false, unit: 'yuan' }),
    ).toBe(3_000_000);
    expect(checkGap({ rule: 'tier_below_min', required: 'little_giant', actual: 'srdi', passed: false, unit: 'tier' })).toBeNull();
    expect(checkGap({ rule: 'debt_ratio_above_max', required: 50, actual: null, passed: false, unit: 'percent' })).toBeNull();
  });

  it('agrees with the check it measures', () => {
    const e = evaluate(firm({ financials: [year({ rdExpense: 6_048_000 })] }), need(), product({ minRdIntensity: 0.05 }));
    const c = e.checks.find((x) => x.rule === 'rd_intensity_below_min');
    expect(c && checkGap(c)).toBe(1.8);
  });
});
