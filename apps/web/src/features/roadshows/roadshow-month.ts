import type { Lang } from '../../shared/format';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A roadshow's month as people say it: '2026-12' → 2026年12月 / Dec 2026. */
export function formatMonth(month: string, lang: Lang): string {
  const [year, m] = month.split('-');
  return lang === 'en' ? `${MONTHS_EN[Number(m) - 1] ?? m} ${year}` : `${year}年${Number(m)}月`;
}
