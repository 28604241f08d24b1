import { SCORE_WEIGHTS, evaluate, nearMisses, rankForNeed } from '../index';
import { firm, need, product, year } from './fixtures';

// 中国银行湖南省分行 小巨人贷 (with 成长贷 and 创新贷 in the 2019–2021 promotion plan):
// for national little giants with real R&D. Thresholds are illustrative.
const littleGiantLoan = product({
  id: 'prod-boc-xiaojuren',
  bankId: 'bank-boc-hunan',
  kind: 'innovation',
  minTier: 'little_giant',
  amountMin: 5_000_000,
  amountMax: 50_000_000,
  termMax: 36,
  rateMinBps: 365,
  regions: ['43'],
  minRdIntensity: 0.05,
  minInventionPatents: 5,
  collateralAccepted: ['none', 'ip_pledge'],
});
const growthLoan = product({ id: 'prod-boc-chengzhang', minTier: 'srdi', rateMinBps: 395 });
const innovationLoan = product({ id: 'prod-boc-chuangxin', minTier: 'innovative', rateMinBps: 420, maxDebtRatio: 0.4 });

// 湖南飞沃新能源科技: world #1 in wind-blade bolt sleeves, a little giant (figures illustrative).
const feiwo = firm({ id: 'firm-feiwo', regionCode: '430181', tier: 'little_giant' });

describe('小巨人贷 (little-giant loan)', () => {
  it('fits a Hunan little giant above the R&D and patent thresholds and explains its score', () => {
    const e = evaluate(feiwo, need(), littleGiantLoan);
    expect(e.eligible).toBe(true);
    expect(e.components.map((c) => c.name)).toEqual(['tier', 'innovation', 'financial_health', 'fit', 'chain']);
    expect(e.components.map((c) => c.weight)).toEqual([20, 25, 20, 20, 15]);
    expect(e.components.find((c) => c.name === 'tier')).toEqual({ name: 'tier', weight: 20, value: 0.75, points: 15 });
    // R&D intensity 5.16 % of the 17.8 % cap (2 × 8.9 %) and 12 of 31.4 patents.
    const innovation = e.components.find((c) => c.name === 'innovation');
    expect(innovation?.value).toBeCloseTo(0.5 * (9_750_000 / 189_000_000 / 0.178) + 0.5 * (12 / 31.4), 12);
    const sum = e.components.reduce((s, c) => s + c.points, 0);
    expect(Math.abs(sum - (e.score ?? NaN))).toBeLessThan(0.01);
  });

  it('turns away an SRDI firm on tier alone and lists it as a near-miss', () => {
    const srdi = firm({ tier: 'srdi' });
    expect(nearMisses(srdi, need(), [littleGiantLoan, growthLoan])).toEqual([
      {
        productId: 'prod-boc-xiaojuren',
        failure: { code: 'tier_below_min', required: 'little_giant', actual: 'srdi' },
        check: { rule: 'tier_below_min', required: 'little_giant', actual: 'srdi', passed: false, unit: 'tier' },
        gap: null,
      },
    ]);
  });

  it('reports R&D intensity "3.2 %, needs 5.0 %" as a near-miss', () => {
    const lowRd = firm({ financials: [year({ rdExpense: 6_048_000 })] }); // 3.2 % of 189m
    expect(nearMisses(lowRd, need(), [littleGiantLoan])).toEqual([
      {
        productId: 'prod-boc-xiaojuren',
        failure: { code: 'rd_intensity_below_min', required: 0.05, actual: 0.032 },
        check: { rule: 'rd_intensity_below_min', required: 5, actual: 3.2, passed: false, unit: 'percent' },
        // "研发投入占比还差 1.8 个百分点"
        gap: 1.8,
      },
    ]);
  });

  it('ranks the three BOC loans best first, dropping the one whose debt cap fails', () => {
    const ranked = rankForNeed(feiwo, need(), [innovationLoan, growthLoan, littleGiantLoan], 10);
    expect(ranked.map((r) => r.productId).sort()).toEqual(['prod-boc-chengzhang', 'prod-boc-xiaojuren']);
    expect(ranked[0].score).toBeGreaterThanOrEqual(ranked[1].score);
    expect(SCORE_WEIGHTS.tier + SCORE_WEIGHTS.innovation + SCORE_WEIGHTS.financial_health + SCORE_WEIGHTS.fit + SCORE_WEIGHTS.chain).toBe(100);
  });

  it('breaks equal scores by product id and honours k', () => {
    const twins = [product({ id: 'prod-b' }), product({ id: 'prod-a' }), product({ id: 'prod-c' })];
    const ranked = rankForNeed(feiwo, need(), twins, 2);
    expect(ranked.map((r) => r.productId)).toEqual(['prod-a', 'prod-b']);
    expect(ranked[0].score).toBe(ranked[1].score);
  });
});
