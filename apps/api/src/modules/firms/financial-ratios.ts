import { type FinancialYear } from './financial-year.entity';

export interface FinancialRatios {
  rdIntensity: number | null;
  debtRatio: number | null;
  netMargin: number | null;
  revenueGrowth: number | null;
}

/** Ratios for display only (fractions); the matching rules compute their own in libs/matching. */
export function financialRatios(fy: FinancialYear, previous?: FinancialYear): FinancialRatios {
  return {
    rdIntensity: fy.revenue > 0 ? fy.rdExpense / fy.revenue : null,
    debtRatio: fy.totalAssets > 0 ? fy.totalLiabilities / fy.totalAssets : null,
    netMargin: fy.revenue > 0 ? fy.netProfit / fy.revenue : null,
    revenueGrowth: previous && previous.revenue > 0 ? fy.revenue / previous.revenue - 1 : null,
  };
}
