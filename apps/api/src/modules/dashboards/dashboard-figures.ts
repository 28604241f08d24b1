import { regionPrefix } from '../../common/region';
import { badRequest } from '../../common/http/api-error';
import { shanghaiMonth } from '../../common/china-time';
import { TIERS, type Tier } from '../../common/domain-enums';

// Pure helpers of the dashboard: the period and region a request asks for, and the figures
// assembled from summed fact rows. No I/O, so each rule is unit-tested.

/** A period of whole China months, both ends included (YYYY-MM). */
export interface Period {
  from: string;
  to: string;
}

/** Months a period may span: ten years of history is plenty for a chain's trend. */
export const MAX_PERIOD_MONTHS = 120;
/** The default period: the twelve months up to and including the current one. */
export const DEFAULT_PERIOD_MONTHS = 12;

export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** The months of a period in order. */
export function periodMonths(p: Period): string[] {
  const n = monthsBetween(p.from, p.to);
  return Array.from({ length: n + 1 }, (_, i) => addMonths(p.from, i));
}

/**
 * The period a request asks for. Without `to` it ends with the current China month; without
 * `from` it is the twelve months ending at `to`.
 */
export function resolvePeriod(from: string | undefined, to: string | undefined, now: Date): Period {
  const end = to ?? (from && from > shanghaiMonth(now) ? from : shanghaiMonth(now));
  const start = from ?? addMonths(end, -(DEFAULT_PERIOD_MONTHS - 1));
  if (start > end) throw badRequest('to', 'must not be before from');
  if (monthsBetween(start, end) >= MAX_PERIOD_MONTHS) {
    throw badRequest('from', `a period spans at most ${MAX_PERIOD_MONTHS} months`);
  }
  return { from: start, to: end };
}

/** Firms counted by a request: region codes lo … hi (a GB/T 2260 prefix padded). */
export interface RegionScope {
  /** The prefix every counted firm's region code starts with ('' for the whole country). */
  prefix: string;
  lo: string;
  hi: string;
}

export function scopeOf(prefix: string): RegionScope {
  return { prefix, lo: prefix.padEnd(6, '0'), hi: prefix.padEnd(6, '9') };
}

/**
 * The agency's region, narrowed to a city (市州) when the request names one. A county
 * agency may name the city it lies in (nothing changes); a city outside the agency's
 * region is refused, naming the field.
 */
export function resolveScope(agencyRegion: string, city: string | undefined): RegionScope {
  const agency = regionPrefix(agencyRegion);
  if (city === undefined) return scopeOf(agency);
  if (!/^\d{4}00$/.test(city) || city.endsWith('0000')) {
    throw badRequest('city', 'must be the code of a city (市州), such as 430100');
  }
  const own = city.slice(0, 4);
  if (own.startsWith(agency)) return scopeOf(own);
  if (agency.startsWith(own)) return scopeOf(agency);
  throw badRequest('city', 'is outside your region');
}

/** China month YYYY-MM → the first day as a date literal. */
export const monthDate = (month: string) => `${month}-01`;

export type TierCounts = Record<Tier, number>;

/** The figures of one chain (or a city within it, or the whole region) under the filters. */
export interface ChainFigures {
  /** Member firms of the region (every member, whatever the period). */
  firms: number;
  firmsByTier: TierCounts;
  /** Firms with a need open at any time in the period. */
  firmsWithOpenNeeds: number;
  /** Needs open at any time in the period. */
  openNeeds: number;
  /** Σ amount of those needs (whole yuan). */
  amountAsked: number;
  /** Of those needs, the ones holding at least one eligible product. */
  matchedNeeds: number;
  /** Applications made in the period. */
  applications: number;
  /** Of those, the ones the bank has moved. */
  answered: number;
  /** Of those, still unanswered past the bank's response days. */
  overdue: number;
  /** Median working days from application to the bank's first move, over `answered`. */
  medianResponseDays: number | null;
  /** Standing credit approved in the period (授信). */
  approvedCount: number;
  approvedAmount: number;
  declinedCount: number;
  /** approved ÷ (approved + declined), in basis points. */
  approvalRateBps: number | null;
  /** Disbursed matches whose first drawdown falls in the period. */
  disbursedCount: number;
  /** Drawdowns with value dates in the period (whole yuan). */
  disbursedAmount: number;
  /** 首贷户: firms whose first standing approval on the platform falls in the period. */
  firstTimeBorrowers: number;
  /** Credit approved to needs offering no collateral (信用贷) ÷ all credit approved, bps. */
  creditLoanShareBps: number | null;
  /** Amount-weighted average approved rate, bps. */
  averageRateBps: number | null;
  /** Firms with an approval or a drawdown in the period. */
  coveredFirms: number;
  /** coveredFirms ÷ firmsWithOpenNeeds, bps. */
  coverageBps: number | null;
}

export function emptyTierCounts(): TierCounts {
  return Object.fromEntries(TIERS.map((t) => [t, 0])) as TierCounts;
}

/** Sums read from the fact tables for one group; the ratios and the median follow from them. */
export interface FigureSums {
  firmsByTier: TierCounts;
  needFirms: number;
  openNeeds: number;
  amountAsked: number;
  matchedNeeds: number;
  applications: number;
  answered: number;
  overdue: number;
  /** days → applications answered after that many working days. */
  responseDays: Map<number, number>;
  approvals: number;
  approvedAmount: number;
  approvedRateAmount: number;
  unsecuredAmount: number;
  declines: number;
  firstDisbursements: number;
  disbursedAmount: number;
  firstBorrowers: number;
  creditFirms: number;
}

export function emptySums(): FigureSums {
  return {
    firmsByTier: emptyTierCounts(),
    needFirms: 0,
    openNeeds: 0,
    amountAsked: 0,
    matchedNeeds: 0,
    applications: 0,
    answered: 0,
    overdue: 0,
    responseDays: new Map(),
    approvals: 0,
    approvedAmount: 0,
    approvedRateAmount: 0,
    unsecuredAmount: 0,
    declines: 0,
    firstDisbursements: 0,
    disbursedAmount: 0,
    firstBorrowers: 0,
    creditFirms: 0,
  };
}

/** numerator ÷ denominator in basis points, rounded half up; none without a denominator. */
export function ratioBps(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator * 10_000) / denominator) : null;
}

/**
 * The median of a histogram (value → count): the middle value, or the mean of the two
 * middle ones for an even count, as the lead banks' page takes it; none when empty.
 */
export function histogramMedian(histogram: ReadonlyMap<number, number>): number | null {
  const entries = [...histogram.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (const [value, n] of entries) {
      seen += n;
      if (rank < seen) return value;
    }
    return entries[entries.length - 1][0];
  };
  const mid = total >> 1;
  return total % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

export function figuresOf(s: FigureSums): ChainFigures {
  const firms = Object.values(s.firmsByTier).reduce((a, b) => a + b, 0);
  return {
    firms,
    firmsByTier: { ...s.firmsByTier },
    firmsWithOpenNeeds: s.needFirms,
    openNeeds: s.openNeeds,
    amountAsked: s.amountAsked,
    matchedNeeds: s.matchedNeeds,
    applications: s.applications,
    answered: s.answered,
    overdue: s.overdue,
    medianResponseDays: histogramMedian(s.responseDays),
    approvedCount: s.approvals,
    approvedAmount: s.approvedAmount,
    declinedCount: s.declines,
    approvalRateBps: ratioBps(s.approvals, s.approvals + s.declines),
    disbursedCount: s.firstDisbursements,
    disbursedAmount: s.disbursedAmount,
    firstTimeBorrowers: s.firstBorrowers,
    creditLoanShareBps: ratioBps(s.unsecuredAmount, s.approvedAmount),
    averageRateBps:
      s.approvedAmount > 0 ? Math.round(s.approvedRateAmount / s.approvedAmount) : null,
    coveredFirms: s.creditFirms,
    coverageBps: ratioBps(s.creditFirms, s.needFirms),
  };
}
