import { debtRatio, netMargin, rdIntensity, revenueGrowth } from '@lianrong/matching/metrics';
import type { FinancialYear, FinancialYearInput } from '../../api/types';
import { wanToYuan, yuanToWan } from '../../shared/format';

// The financials form's values and their translation into the API body. Kept apart from
// the page so the 万元 conversion and the live ratios are unit-tested without antd.

export const MONEY_FIELDS = [
  'revenue',
  'costOfSales',
  'netProfit',
  'rdExpense',
  'taxPaid',
  'totalAssets',
  'totalLiabilities',
  'accountsReceivable',
  'inventory',
  'accountsPayable',
  'prepayments',
  'advancesReceived',
  'ownWorkingCapital',
  'existingWorkingCapitalLoans',
] as const satisfies readonly (keyof FinancialYearInput)[];

export const COUNT_FIELDS = [
  'employees',
  'rdStaff',
  'inventionPatents',
] as const satisfies readonly (keyof FinancialYearInput)[];

export type MoneyField = (typeof MONEY_FIELDS)[number];
export type CountField = (typeof COUNT_FIELDS)[number];
export type FinancialField = MoneyField | CountField;

/** Only these two may be negative: a loss, and own funds eaten by losses. */
export const SIGNED_FIELDS: ReadonlySet<FinancialField> = new Set([
  'netProfit',
  'ownWorkingCapital',
]);

/** What the user types: money in 万元, counts as whole numbers; a field not filled in yet is null. */
export type FinancialsFormValues = Partial<Record<FinancialField, number | null>>;

export function toFormValues(fy: FinancialYear | undefined): FinancialsFormValues {
  const values: FinancialsFormValues = {};
  if (fy === undefined) return values;
  for (const f of MONEY_FIELDS) values[f] = yuanToWan(fy[f]);
  for (const f of COUNT_FIELDS) values[f] = fy[f];
  return values;
}

/** The API body, or null while a field is still empty (the form's own rules say which). */
export function toFinancialInput(values: FinancialsFormValues): FinancialYearInput | null {
  const out: Partial<FinancialYearInput> = {};
  for (const f of MONEY_FIELDS) {
    const v = values[f];
    if (v === null || v === undefined || !Number.isFinite(v)) return null;
    out[f] = wanToYuan(v);
  }
  for (const f of COUNT_FIELDS) {
    const v = values[f];
    if (v === null || v === undefined || !Number.isFinite(v)) return null;
    out[f] = v;
  }
  return out as FinancialYearInput;
}

export interface LiveRatios {
  rdIntensity: number | null;
  debtRatio: number | null;
  netMargin: number | null;
  revenueGrowth: number | null;
}

const yuanOr0 = (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v) ? 0 : wanToYuan(v);

/**
 * The ratios the matching rules read, from what is typed so far, by the library's own
 * functions; a ratio whose inputs are missing shows as null rather than a misleading 0.
 */
export function liveRatios(
  values: FinancialsFormValues,
  year: number,
  previous: FinancialYear | undefined,
): LiveRatios {
  const fy = {
    year,
    revenue: yuanOr0(values.revenue),
    costOfSales: yuanOr0(values.costOfSales),
    netProfit: yuanOr0(values.netProfit),
    rdExpense: yuanOr0(values.rdExpense),
    totalAssets: yuanOr0(values.totalAssets),
    totalLiabilities: yuanOr0(values.totalLiabilities),
    inventionPatents: values.inventionPatents ?? 0,
    accountsReceivable: yuanOr0(values.accountsReceivable),
    inventory: yuanOr0(values.inventory),
    accountsPayable: yuanOr0(values.accountsPayable),
    prepayments: yuanOr0(values.prepayments),
    advancesReceived: yuanOr0(values.advancesReceived),
    ownWorkingCapital: yuanOr0(values.ownWorkingCapital),
    existingWorkingCapitalLoans: yuanOr0(values.existingWorkingCapitalLoans),
  };
  const hasRevenue = fy.revenue > 0;
  const debt = debtRatio(fy);
  return {
    rdIntensity: hasRevenue ? rdIntensity(fy) : null,
    debtRatio: Number.isFinite(debt) ? debt : null,
    netMargin: hasRevenue ? netMargin(fy) : null,
    revenueGrowth: hasRevenue ? revenueGrowth(fy, previous) : null,
  };
}
