import { FAILURE_CODES, type FailureCode } from '@lianrong/matching';
import { findRegion } from '@lianrong/matching/registration';
import { type FigureSums, figuresOf, periodMonths, ratioBps } from './dashboard-figures';
import { type BlockerSums, type TrendRow } from './dashboard-reader';
import {
  type BlockerFigures,
  type CityFigures,
  type DashboardFilters,
  type TrendPoint,
} from './dashboard.types';

// Shapes summed rows into the dashboard's answers (pure: no I/O).

export function regionName(code: string): string {
  return findRegion(code)?.name ?? code;
}

export function citiesOf(chainId: string | null, sums: Map<string, FigureSums>): CityFigures[] {
  const prefix = `${chainId ?? '*'}|`;
  const out: CityFigures[] = [];
  for (const [key, s] of sums) {
    if (!key.startsWith(prefix)) continue;
    const city = key.slice(prefix.length);
    if (!city) continue;
    const code = `${city}00`;
    out.push({ code, name: regionName(code), figures: figuresOf(s) });
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

export function trendOf(
  filters: DashboardFilters,
  rows: TrendRow[],
  chainId: string | null,
): TrendPoint[] {
  const byMonth = new Map(rows.filter((r) => r.chainId === chainId).map((r) => [r.month, r]));
  return periodMonths(filters.period).map((month) => {
    const r = byMonth.get(month);
    return {
      month,
      applications: r?.applications ?? 0,
      approvedCount: r?.approvals ?? 0,
      approvedAmount: r?.approvedAmount ?? 0,
      disbursedAmount: r?.disbursedAmount ?? 0,
      firstTimeBorrowers: r?.firstBorrowers ?? 0,
    };
  });
}

export function blockerFigures(s: BlockerSums): BlockerFigures {
  const order = new Map<FailureCode, number>(FAILURE_CODES.map((c, i) => [c, i]));
  return {
    openNeeds: s.openNeeds,
    blockedNeeds: s.blockedNeeds,
    oneRuleAway: s.oneRuleAway,
    codes: [...s.codes.entries()]
      .map(([code, needs]) => ({ code, needs, shareBps: ratioBps(needs, s.blockedNeeds) ?? 0 }))
      .sort((a, b) => b.needs - a.needs || (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0)),
  };
}
