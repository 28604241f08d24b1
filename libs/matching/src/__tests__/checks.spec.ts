import fc from 'fast-check';
import { evaluate } from '../index';
import { firmArb, needArb, productArb } from './arbitraries';
import { firm, need, product, year } from './fixtures';

const pair = fc.tuple(firmArb('firm-1'), needArb('need-1'), productArb('prod-1'));

describe('evaluate: every rule as required vs actual', () => {
  it('is eligible exactly when every check passes', () => {
    fc.assert(
      fc.property(pair, ([f, n, p]) => {
        const e = evaluate(f, n, p);
        expect(e.eligible).toBe(e.checks.every((c) => c.passed));
      }),
      { numRuns: 2000 },
    );
  });

  it('fails the same rules as the failures, in the same order', () => {
    fc.assert(
      fc.property(pair, ([f, n, p]) => {
        const e = evaluate(f, n, p);
        expect(e.checks.filter((c) => !c.passed).map((c) => c.rule)).toEqual(e.failures.map((x) => x.code));
      }),
      { numRuns: 2000 },
    );
  });

  it('states bounds and values in the unit it names', () => {
    const f = firm({
      tier: 'srdi',
      financials: [year({ year: 2025, revenue: 50_000_000, rdExpense: 3_050_000, totalAssets: 40_000_000, totalLiabilities: 22_000_000 })],
    });
    const p = product({
      minTier: 'innovative',
      minRevenue: 10_000_000,
      minRdIntensity: 0.05,
      maxDebtRatio: 0.5,
      collateralAccepted: ['ip_pledge', 'property'],
      rateMinBps: 385,
    });
    const e = evaluate(f, need({ collateral: 'ip_pledge', maxRateBps: 450 }), p);
    const by = (rule: string) => e.checks.find((c) => c.rule === rule);
    expect(by('rd_intensity_below_min')).toEqual({ rule: 'rd_intensity_below_min', required: 5, actual: 6.1, passed: true, unit: 'percent' });
    expect(by('debt_ratio_above_max')).toEqual({ rule: 'debt_ratio_above_max', required: 50, actual: 55, passed: false, unit: 'percent' });
    expect(by('revenue_below_min')).toMatchObject({ required: 10_000_000, actual: 50_000_000, passed: true, unit: 'yuan' });
    expect(by('collateral_not_accepted')).toEqual({
      rule: 'collateral_not_accepted',
      required: ['ip_pledge', 'property'],
      actual: 'ip_pledge',
      passed: true,
      unit: 'collateral',
    });
    expect(by('tier_below_min')).toMatchObject({ required: 'innovative', actual: 'srdi', passed: true });
    expect(by('rate_above_max')).toMatchObject({ required: 3.85, actual: 4.5, passed: true, unit: 'percent' });
    expect(by('amount_out_of_range')?.required).toEqual({ min: p.amountMin, max: p.amountMax });
    expect(e.eligible).toBe(false);
  });

  it('leaves out rules the product does not impose and reports missing accounts once', () => {
    const e = evaluate(firm({ financials: [] }), need(), product({ minRevenue: 1_000_000, minRdIntensity: 0.03, regions: [] }));
    const rules = e.checks.map((c) => c.rule);
    expect(rules).toContain('financials_missing');
    expect(rules).not.toContain('revenue_below_min');
    expect(rules).not.toContain('region_not_covered');
    expect(e.checks.find((c) => c.rule === 'financials_missing')?.passed).toBe(false);
  });

  it('gives no finite debt ratio without total assets', () => {
    const f = firm({ financials: [year({ totalAssets: 0 })] });
    const check = evaluate(f, need(), product({ maxDebtRatio: 0.7 })).checks.find((c) => c.rule === 'debt_ratio_above_max');
    expect(check).toMatchObject({ actual: null, passed: false });
  });
});
