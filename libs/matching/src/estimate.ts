import type {
  TurnoverItem,
  TurnoverItemName,
  WorkingCapitalEstimate,
  WorkingCapitalYear,
} from './types';

// 流动资金贷款需求量测算 — the reference method in the appendix of
// 《流动资金贷款管理暂行办法》, exactly as DESIGN §4 states it. Every intermediate figure
// is returned so a loan officer can check the calculation line by line.

const DAYS = 360;

function averageBalance(closing: number, opening: number | undefined): number {
  return opening === undefined ? closing : (opening + closing) / 2;
}

// days = 360 ÷ (base ÷ balance); a zero balance or base turns over in zero days.
function itemDays(base: number, balance: number): number {
  if (balance === 0 || base === 0) return 0;
  return DAYS / (base / balance);
}

type ItemSpec = {
  item: TurnoverItemName;
  balance: (fy: WorkingCapitalYear) => number;
  base: 'revenue' | 'cost_of_sales';
  sign: 1 | -1;
};

// Payables and advances are funded by others, so they shorten the cycle.
const ITEMS: readonly ItemSpec[] = [
  { item: 'inventory', balance: (fy) => fy.inventory, base: 'cost_of_sales', sign: 1 },
  { item: 'receivables', balance: (fy) => fy.accountsReceivable, base: 'revenue', sign: 1 },
  { item: 'payables', balance: (fy) => fy.accountsPayable, base: 'cost_of_sales', sign: -1 },
  { item: 'prepayments', balance: (fy) => fy.prepayments, base: 'cost_of_sales', sign: 1 },
  { item: 'advances', balance: (fy) => fy.advancesReceived, base: 'revenue', sign: -1 },
];

export function estimateWorkingCapitalLoan(
  fy: WorkingCapitalYear,
  prevFy: WorkingCapitalYear | undefined,
  expectedGrowth: number,
  otherFunding = 0,
): WorkingCapitalEstimate {
  const revenue = fy.revenue;
  const cost = fy.costOfSales;
  const items: TurnoverItem[] = ITEMS.map((spec) => {
    const closing = spec.balance(fy);
    const opening = prevFy === undefined ? null : spec.balance(prevFy);
    const average = averageBalance(closing, opening ?? undefined);
    const baseAmount = spec.base === 'revenue' ? revenue : cost;
    return {
      item: spec.item,
      opening,
      closing,
      averageBalance: average,
      base: spec.base,
      baseAmount,
      days: itemDays(baseAmount, average),
      sign: spec.sign,
    };
  });
  // Summed in the method's order (inventory + receivables − payables + prepayments −
  // advances) so the floating-point result matches the published formula bit for bit.
  let daySum = 0;
  for (const it of items) daySum += it.sign * it.days;

  const turnoverCount = daySum > 0 ? DAYS / daySum : null;
  const netMargin = revenue === 0 ? 0 : fy.netProfit / revenue;
  let workingCapital = 0;
  if (turnoverCount !== null && revenue !== 0) {
    workingCapital = Math.floor((revenue * (1 - netMargin) * (1 + expectedGrowth)) / turnoverCount);
  }
  const deductions = {
    ownWorkingCapital: fy.ownWorkingCapital,
    existingWorkingCapitalLoans: fy.existingWorkingCapitalLoans,
    otherFunding,
  };
  const newLoanLimit = Math.max(
    0,
    Math.floor(workingCapital - fy.ownWorkingCapital - fy.existingWorkingCapitalLoans - otherFunding),
  );
  return {
    year: fy.year,
    previousYear: prevFy?.year ?? null,
    revenue,
    costOfSales: cost,
    netProfit: fy.netProfit,
    netMargin,
    expectedGrowth,
    items,
    daySum,
    turnoverCount,
    workingCapital,
    deductions,
    newLoanLimit,
  };
}
