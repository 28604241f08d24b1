import type { FinancialYear, FirmProfile } from './types';

// Rules and score read the same derived figures; keeping them here means the batch
// packer and the scalar path cannot drift apart.

/** The financial year with the highest `year`, or undefined without financials. */
export function latestYear(firm: FirmProfile): FinancialYear | undefined {
  let best: FinancialYear | undefined;
  for (const fy of firm.financials) if (best === undefined || fy.year > best.year) best = fy;
  return best;
}

/** The year immediately before `fy`, if the firm reported it. */
export function previousYear(firm: FirmProfile, fy: FinancialYear): FinancialYear | undefined {
  for (const other of firm.financials) if (other.year === fy.year - 1) return other;
  return undefined;
}

export function rdIntensity(fy: FinancialYear): number {
  return fy.revenue === 0 ? 0 : fy.rdExpense / fy.revenue;
}

export function debtRatio(fy: FinancialYear): number {
  return fy.totalAssets === 0 ? Infinity : fy.totalLiabilities / fy.totalAssets;
}

export function netMargin(fy: FinancialYear): number {
  return fy.revenue === 0 ? 0 : fy.netProfit / fy.revenue;
}

/** Year-on-year revenue growth, or null when there is no usable previous year. */
export function revenueGrowth(
  fy: Pick<FinancialYear, 'revenue'>,
  prev: Pick<FinancialYear, 'revenue'> | undefined,
): number | null {
  if (prev === undefined || prev.revenue <= 0) return null;
  return (fy.revenue - prev.revenue) / prev.revenue;
}
