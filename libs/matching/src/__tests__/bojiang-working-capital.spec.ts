import { estimateWorkingCapitalLoan, evaluate } from '../index';
import { year } from './fixtures';

// 湖南博匠信息科技有限公司: refused by banks for lack of working capital, then lent 5m by
// 中国银行 (2019-01). Revenue 64.518m (2019) → 90.558m (2020) as reported; the balances
// below are illustrative.
const fy2019 = year({
  year: 2019,
  revenue: 64_518_000,
  costOfSales: 48_000_000,
  netProfit: 4_100_000,
  accountsReceivable: 16_000_000,
  inventory: 11_000_000,
  accountsPayable: 7_000_000,
  prepayments: 800_000,
  advancesReceived: 1_500_000,
  ownWorkingCapital: 6_000_000,
  existingWorkingCapitalLoans: 5_000_000,
});
const fy2020 = year({
  year: 2020,
  revenue: 90_558_000,
  costOfSales: 68_000_000,
  netProfit: 6_300_000,
  accountsReceivable: 22_000_000,
  inventory: 14_000_000,
  accountsPayable: 9_000_000,
  prepayments: 1_200_000,
  advancesReceived: 2_000_000,
  ownWorkingCapital: 8_000_000,
  existingWorkingCapitalLoans: 5_000_000,
});

describe('博匠信息: working-capital estimate (流动资金贷款需求量测算)', () => {
  const growth = (90_558_000 - 64_518_000) / 64_518_000; // +40.36 %

  it('averages opening and closing balances and follows the reference formula', () => {
    // Days: inventory 360 × 12.5m / 68m, receivables 360 × 19m / 90.558m, payables
    // 360 × 8m / 68m, prepayments 360 × 1m / 68m, advances 360 × 1.75m / 90.558m.
    const daySum = 66.17647 + 75.53170 - 42.35294 + 5.29412 - 6.95687; // 97.69248
    const est = estimateWorkingCapitalLoan(fy2020, fy2019, growth);
    expect(est.turnoverCount).toBeCloseTo(360 / daySum, 4); // 3.685 turns a year
    // 90.558m × (1 − 6.3m / 90.558m) × 1.4036 ÷ 3.685 ≈ 32.09m
    expect(est.workingCapital).toBe(32_093_399);
    // minus own working capital 8m and the existing 5m loan
    expect(est.newLoanLimit).toBe(19_093_399);
  });

  it('subtracts funding from other channels, never going below zero', () => {
    expect(estimateWorkingCapitalLoan(fy2020, fy2019, growth, 4_000_000).newLoanLimit).toBe(15_093_399);
    expect(estimateWorkingCapitalLoan(fy2020, fy2019, growth, 40_000_000).newLoanLimit).toBe(0);
  });

  it('uses closing balances when the previous year is unknown', () => {
    const est = estimateWorkingCapitalLoan(fy2020, undefined, 0);
    const days =
      (360 * 14_000_000) / 68_000_000 +
      (360 * 22_000_000) / 90_558_000 -
      (360 * 9_000_000) / 68_000_000 +
      (360 * 1_200_000) / 68_000_000 -
      (360 * 2_000_000) / 90_558_000;
    expect(est.turnoverCount).toBeCloseTo(360 / days, 9);
    expect(est.workingCapital).toBe(Math.floor((90_558_000 - 6_300_000) / (360 / days)));
  });

  it('gives zero days to items with a zero balance or base, and null turnover when the day sum is not positive', () => {
    const heavyPayables = year({ inventory: 0, accountsReceivable: 1_000, accountsPayable: 50_000_000, prepayments: 0 });
    const est = estimateWorkingCapitalLoan(heavyPayables, undefined, 0.1);
    expect(est).toMatchObject({ turnoverCount: null, workingCapital: 0, newLoanLimit: 0 });
    const noCost = estimateWorkingCapitalLoan(year({ costOfSales: 0, advancesReceived: 0 }), undefined, 0);
    // Only receivables count: 360 × 40m / 189m days.
    expect(noCost.turnoverCount).toBeCloseTo(189_000_000 / 40_000_000, 9);
  });

  it('returns every step a loan officer writes down', () => {
    const est = estimateWorkingCapitalLoan(fy2020, fy2019, growth, 4_000_000);
    expect(est).toMatchObject({
      year: 2020,
      previousYear: 2019,
      revenue: 90_558_000,
      costOfSales: 68_000_000,
      netProfit: 6_300_000,
      expectedGrowth: growth,
      deductions: { ownWorkingCapital: 8_000_000, existingWorkingCapitalLoans: 5_000_000, otherFunding: 4_000_000 },
      workingCapital: 32_093_399,
      newLoanLimit: 15_093_399,
    });
    expect(est.netMargin).toBeCloseTo(6_300_000 / 90_558_000, 12);
    expect(est.items.map((i) => [i.item, i.opening, i.closing, i.averageBalance, i.base, i.baseAmount, i.sign])).toEqual([
      ['inventory', 11_000_000, 14_000_000, 12_500_000, 'cost_of_sales', 68_000_000, 1],
      ['receivables', 16_000_000, 22_000_000, 19_000_000, 'revenue', 90_558_000, 1],
      ['payables', 7_000_000, 9_000_000, 8_000_000, 'cost_of_sales', 68_000_000, -1],
      ['prepayments', 800_000, 1_200_000, 1_000_000, 'cost_of_sales', 68_000_000, 1],
      ['advances', 1_500_000, 2_000_000, 1_750_000, 'revenue', 90_558_000, -1],
    ]);
    const days = [66.17647, 75.5317, 42.35294, 5.29412, 6.95687];
    est.items.forEach((item, i) => expect(item.days).toBeCloseTo(days[i], 4));
    expect(est.daySum).toBeCloseTo(97.69248, 4);
    expect(est.turnoverCount).toBe(360 / est.daySum);
  });

  it('shows no opening balances without the previous year', () => {
    const est = estimateWorkingCapitalLoan(fy2020, undefined, 0);
    expect(est.previousYear).toBeNull();
    for (const item of est.items) {
      expect(item.opening).toBeNull();
      expect(item.averageBalance).toBe(item.closing);
    }
  });

  it('is zero with zero revenue', () => {
    const est = estimateWorkingCapitalLoan(year({ revenue: 0 }), undefined, 0.2);
    expect(est.workingCapital).toBe(0);
    expect(est.newLoanLimit).toBe(0);
    expect(est.turnoverCount).not.toBeNull();
  });

  it('scores a working-capital need within the estimate above one beyond it', () => {
    const firm = {
      id: 'firm-bojiang',
      regionCode: '430100',
      industryCode: 'C3912',
      tier: 'srdi' as const,
      yearsInNiche: 8,
      chainIds: [],
      whitelisted: false,
      supplierOf: [],
      financials: [fy2019, fy2020],
    };
    const product = {
      id: 'prod-boc-growth',
      bankId: 'bank-boc-hunan',
      kind: 'growth' as const,
      status: 'active' as const,
      amountMin: 1_000_000,
      amountMax: 50_000_000,
      termMin: 6,
      termMax: 36,
      rateMinBps: 400,
      rateMaxBps: 550,
      minTier: 'srdi' as const,
      regions: ['43'],
      sectors: [],
      chains: [],
      minRevenue: null,
      minRdIntensity: null,
      maxDebtRatio: null,
      minInventionPatents: null,
      minYearsInNiche: null,
      requiresWhitelist: false,
      collateralAccepted: [],
      coreEnterpriseIds: [],
      purposes: [],
    };
    const ask = (amount: number) =>
      evaluate(firm, { id: 'n', amount, termMonths: 12, purpose: 'working_capital', maxRateBps: 500, collateral: 'none', status: 'open' }, product);
    // The score's estimate assumes growth capped at 30 %: 29.72m working capital → 16.72m line.
    const within = ask(16_000_000);
    const beyond = ask(40_000_000);
    const fit = (e: ReturnType<typeof ask>) => e.components.find((c) => c.name === 'fit');
    expect(within.eligible && beyond.eligible).toBe(true);
    expect(fit(within)?.value).toBeGreaterThan(fit(beyond)?.value ?? Infinity);
  });
});
