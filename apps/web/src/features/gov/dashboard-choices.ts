import { EMPTY, type Lang } from '../../shared/format';
import { regionChoices } from '../../shared/regions';

// Pure helpers of the government dashboard's pages (no React), unit-tested in Node.

const MONTHS_BACK = 36;

/** The current China month and the ones before it, newest first: the choices of the period. */
export function recentMonths(now = new Date(), count = MONTHS_BACK): string[] {
  const shanghai = new Date(now.getTime() + 8 * 3_600_000);
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() - i, 1)).toISOString().slice(0, 7),
  );
}

/** Cities (市州) an agency may narrow to: those within its region, or the one it lies in. */
export function cityChoices(agencyRegion: string, lang: Lang): { value: string; label: string }[] {
  const cities = regionChoices(agencyRegion, lang).filter((c) => c.value.endsWith('00') && !c.value.endsWith('0000'));
  if (agencyRegion.endsWith('0000')) return cities;
  const own = `${agencyRegion.slice(0, 4)}00`;
  return cities.filter((c) => c.value === own);
}

/** A share in basis points as a percentage with one decimal: 6300 → 63.0%. */
export function formatShareBps(bps: number | null | undefined): string {
  if (bps === null || bps === undefined) return EMPTY;
  return `${(bps / 100).toFixed(1)}%`;
}

/** Working days, as whole numbers or halves (a median of two). */
export function formatDays(days: number | null | undefined): string {
  if (days === null || days === undefined) return EMPTY;
  return Number.isInteger(days) ? String(days) : days.toFixed(1);
}
