import { evaluate, nearMisses } from '../index';
import type { Failure, FirmProfile, NeedInput, ProductInput } from '../types';
import { firm, need, product, year } from './fixtures';

type Case = {
  rule: string;
  firm?: Partial<FirmProfile>;
  need?: Partial<NeedInput>;
  product?: Partial<ProductInput>;
  expected: Failure[];
};

// One scenario per rule of DESIGN §4: the baseline passes everything, each case breaks one rule.
const cases: Case[] = [
  { rule: '1 product active', product: { status: 'paused' }, expected: [{ code: 'product_inactive', actual: 'paused' }] },
  { rule: '1 need open', need: { status: 'fulfilled' }, expected: [{ code: 'need_not_open', actual: 'fulfilled' }] },
  {
    rule: '2 amount below minimum',
    need: { amount: 999_999 },
    expected: [{ code: 'amount_out_of_range', required: 1_000_000, actual: 999_999 }],
  },
  {
    rule: '2 amount above maximum',
    need: { amount: 30_000_001 },
    expected: [{ code: 'amount_out_of_range', required: 30_000_000, actual: 30_000_001 }],
  },
  { rule: '2 term above maximum', need: { termMonths: 48 }, expected: [{ code: 'term_out_of_range', required: 36, actual: 48 }] },
  { rule: '2 term below minimum', need: { termMonths: 3 }, expected: [{ code: 'term_out_of_range', required: 6, actual: 3 }] },
  {
    rule: '3 tier',
    product: { minTier: 'champion' },
    expected: [{ code: 'tier_below_min', required: 'champion', actual: 'little_giant' }],
  },
  {
    rule: '4 region prefix',
    product: { regions: ['4302', '11'] },
    expected: [{ code: 'region_not_covered', required: '4302,11', actual: '430100' }],
  },
  {
    rule: '5 sector and chain',
    product: { sectors: ['C39'], chains: ['rail_transit'] },
    expected: [{ code: 'sector_not_covered', required: 'C39', actual: 'C3482' }],
  },
  {
    rule: '6 financials missing (one failure for all thresholds)',
    firm: { financials: [] },
    product: { minRevenue: 1, minRdIntensity: 0.01, maxDebtRatio: 0.9, minInventionPatents: 1 },
    expected: [{ code: 'financials_missing' }],
  },
  {
    rule: '6 revenue',
    product: { minRevenue: 200_000_000 },
    expected: [{ code: 'revenue_below_min', required: 200_000_000, actual: 189_000_000 }],
  },
  {
    rule: '6 R&D intensity',
    product: { minRdIntensity: 0.06 },
    expected: [{ code: 'rd_intensity_below_min', required: 0.06, actual: 9_750_000 / 189_000_000 }],
  },
  {
    rule: '6 debt ratio',
    product: { maxDebtRatio: 0.4 },
    expected: [{ code: 'debt_ratio_above_max', required: 0.4, actual: 0.45 }],
  },
  {
    rule: '6 debt ratio with zero assets is infinite',
    firm: { financials: [year({ totalAssets: 0, totalLiabilities: 5 })] },
    product: { maxDebtRatio: 1_000 },
    expected: [{ code: 'debt_ratio_above_max', required: 1_000, actual: Infinity }],
  },
  {
    rule: '6 invention patents',
    product: { minInventionPatents: 16 },
    expected: [{ code: 'patents_below_min', required: 16, actual: 12 }],
  },
  {
    rule: '6 years in niche',
    product: { minYearsInNiche: 15 },
    expected: [{ code: 'years_in_niche_below_min', required: 15, actual: 12 }],
  },
  { rule: '7 whitelist', firm: { whitelisted: false }, product: { requiresWhitelist: true }, expected: [{ code: 'not_whitelisted' }] },
  {
    rule: '8 collateral',
    need: { collateral: 'none' },
    product: { collateralAccepted: ['property'] },
    expected: [{ code: 'collateral_not_accepted', required: 'property', actual: 'none' }],
  },
  {
    rule: '9 supply chain',
    product: { kind: 'supply_chain', coreEnterpriseIds: ['core-crrc-zhuzhou'] },
    expected: [{ code: 'not_in_supply_chain', required: 'core-crrc-zhuzhou' }],
  },
  { rule: '10 rate', need: { maxRateBps: 379 }, expected: [{ code: 'rate_above_max', required: 380, actual: 379 }] },
  {
    rule: '11 purpose',
    product: { purposes: ['working_capital', 'rd'] },
    expected: [{ code: 'purpose_not_covered', required: 'working_capital,rd', actual: 'equipment' }],
  },
];

describe('eligibility rules (DESIGN §4)', () => {
  it('the baseline pair is eligible', () => {
    const e = evaluate(firm(), need(), product());
    expect(e.failures).toEqual([]);
    expect(e.eligible).toBe(true);
  });

  it.each(cases)('rule $rule', (c) => {
    const f = firm(c.firm);
    const n = need(c.need);
    const p = product(c.product);
    const e = evaluate(f, n, p);
    expect(e.eligible).toBe(false);
    expect(e.score).toBeNull();
    expect(e.components).toEqual([]);
    expect(e.failures).toEqual(c.expected);
    // A single broken rule makes the product a near-miss carrying that failure.
    if (c.expected.length === 1) {
      expect(nearMisses(f, n, [p])).toMatchObject([{ productId: p.id, failure: c.expected[0], check: { rule: c.expected[0].code, passed: false } }]);
    }
  });

  it('bounds are inclusive', () => {
    const p = product({ minRevenue: 189_000_000, maxDebtRatio: 0.45, minInventionPatents: 12, minYearsInNiche: 12, minRdIntensity: 9_750_000 / 189_000_000 });
    expect(evaluate(firm(), need({ amount: 1_000_000, termMonths: 6, maxRateBps: 380 }), p).eligible).toBe(true);
    expect(evaluate(firm(), need({ amount: 30_000_000, termMonths: 36 }), p).eligible).toBe(true);
  });

  it('reports every failed rule, not the first', () => {
    const e = evaluate(
      firm({ tier: 'innovative', whitelisted: false }),
      need({ amount: 50_000_000, maxRateBps: 300 }),
      product({ minTier: 'srdi', requiresWhitelist: true }),
    );
    expect(e.failures.map((f) => f.code)).toEqual(['amount_out_of_range', 'tier_below_min', 'not_whitelisted', 'rate_above_max']);
  });

  it('reads the latest financial year, whatever the array order', () => {
    const f = firm({ financials: [year({ year: 2023, revenue: 90_000_000 }), year({ year: 2021, revenue: 500_000_000 })] });
    expect(evaluate(f, need(), product({ minRevenue: 100_000_000 })).failures).toEqual([
      { code: 'revenue_below_min', required: 100_000_000, actual: 90_000_000 },
    ]);
  });

  it('R&D intensity is 0 when revenue is 0', () => {
    const f = firm({ financials: [year({ revenue: 0 })] });
    expect(evaluate(f, need(), product({ minRdIntensity: 0.001 })).failures).toEqual([
      { code: 'rd_intensity_below_min', required: 0.001, actual: 0 },
    ]);
  });

  it('a firm without financials passes products without financial thresholds; years in niche is not one', () => {
    const f = firm({ financials: [] });
    expect(evaluate(f, need(), product({ minYearsInNiche: 5 })).eligible).toBe(true);
  });

  it('a product chain admits a firm outside its sectors', () => {
    expect(evaluate(firm(), need(), product({ sectors: ['C39'], chains: ['power_equipment'] })).eligible).toBe(true);
    expect(evaluate(firm(), need(), product({ sectors: ['C34'] })).eligible).toBe(true);
  });

  it('credit products accept unsecured needs; empty lists accept any collateral', () => {
    expect(evaluate(firm(), need({ collateral: 'none' }), product({ kind: 'credit', collateralAccepted: ['guarantee'] })).eligible).toBe(true);
    expect(evaluate(firm(), need({ collateral: 'property' }), product({ collateralAccepted: [] })).eligible).toBe(true);
  });
});
