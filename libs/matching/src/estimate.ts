import type { FinancialYear, WorkingCapitalEstimate } from './types';

// 流动资金贷款需求量测算 — the reference method in the appendix of
// 《流动资金贷款管理暂行办法》, exactly as DESIGN §4 states it.

const DAYS = 360;

function averageBalance(closing: number, opening: number | undefined): number {
  return opening === undefined ? closing : (opening + closing) / 2;
}

// days = 360 ÷ (base ÷ balance); a zero balance or base turns over in zero days.
function itemDays(base: number, balance: number): number {
  if (balance === 0 || base === 0) return 0;
  return DAYS / (base / balance);
}

export function estimateWorkingCapitalLoan(
  fy: FinancialYear,
  prevFy: FinancialYear | undefined,
  expectedGrowth: number,
  otherFunding = 0,
): WorkingCapitalEstimate {
  const revenue = fy.revenue;
  const cost = fy.costOfSales;
  const inventoryDays = itemDays(cost, averageBalance(fy.inventory, prevFy?.inventory));
  const receivableDays = itemDays(revenue, averageBalance(fy.accountsReceivable, prevFy?.accountsReceivable));
  const payableDays = itemDays(cost, averageBalance(fy.accountsPayable, prevFy?.accountsPayable));
  const prepaymentDays = itemDays(cost, averageBalance(fy.prepayments, prevFy?.prepayments));
  const advanceDays = itemDays(revenue, averageBalance(fy.advancesReceived, prevFy?.advancesReceived));
  const daySum = inventoryDays + receivableDays - payableDays + prepaymentDays - advanceDays;

  const turnoverCount = daySum > 0 ? DAYS / daySum : null;
  let workingCapital = 0;
  if (turnoverCount !== null && revenue !== 0) {
    const margin = fy.netProfit / revenue;
    workingCapital = Math.floor((revenue * (1 - margin) * (1 + expectedGrowth)) / turnoverCount);
  }
  const newLoanLimit = Math.max(
    0,
    Math.floor(workingCapital - fy.ownWorkingCapital - fy.existingWorkingCapitalLoans - otherFunding),
  );
  return { turnoverCount, workingCapital, newLoanLimit };
}
