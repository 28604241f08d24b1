import { shanghaiDate } from '../../common/china-time';

/**
 * A bank reads last year's accounts; once the latest reported fiscal year closed more than
 * this long ago, the figures no longer describe the firm (and the firm should report anew).
 */
export const STALE_AFTER_MONTHS = 18;

/**
 * Whether the latest fiscal year (closing on 31 December) closed more than
 * STALE_AFTER_MONTHS ago: 2024's accounts are current through 2026-06-30 and stale from
 * 2026-07-01. No financials at all is not "stale" — it is missing, and shown as such.
 */
export function financialsStale(latestYear: number | null, now: Date): boolean {
  if (latestYear === null) return false;
  const months = latestYear * 12 + 11 + STALE_AFTER_MONTHS; // December of the year, then 18 more
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const currentThrough = `${year}-${String(month).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
  // Judged on China's calendar, which the firm keeps.
  return shanghaiDate(now) > currentThrough;
}
