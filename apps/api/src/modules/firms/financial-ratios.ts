import { debtRatio, netMargin, rdIntensity, revenueGrowth } from '@lianrong/matching';
import { type FinancialYear } from './financial-year.entity';

export interface FinancialRatios {
  rdIntensity: number | null;
  debtRatio: number | null;
  netMargin: number | null;
  revenueGrowth: number | null;
}

/**
 * The library's derived figures, shown as fractions. Where a base is zero the rules use a
 * stand-in (0, or ∞ for the debt ratio); a person is shown "not computable" (null) instead.
 */
export function financialRatios(fy: FinancialYear, previous?: FinancialYear): FinancialRatios {
  return {
    rdIntensity: fy.revenue > 0 ? rdIntensity(fy) : null,
    debtRatio: fy.totalAssets > 0 ? debtRatio(fy) : null,
    netMargin: fy.revenue > 0 ? netMargin(fy) : null,
    revenueGrowth: revenueGrowth(fy, previous),
  };
}
