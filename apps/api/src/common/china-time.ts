// China keeps one time zone, UTC+8, without daylight saving, so fixed arithmetic is exact.
// Banks, firms and agencies date everything on that calendar: an application at 23:30 in
// Changsha is that day's, a drawdown's value date is a Beijing date, a roadshow's month is
// China's month.

export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar day an instant falls on in China, as days since 1970-01-01. */
export function shanghaiDayNumber(at: Date): number {
  return Math.floor((at.getTime() + CHINA_OFFSET_MS) / DAY_MS);
}

/** The instant China's day number `day` begins (midnight in Beijing). */
export function shanghaiMidnight(day: number): Date {
  return new Date(day * DAY_MS - CHINA_OFFSET_MS);
}

/** Day number → YYYY-MM-DD. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day (YYYY-MM-DD) an instant falls on in China. */
export function shanghaiDate(at: Date): string {
  return isoDay(shanghaiDayNumber(at));
}

/** YYYY-MM of the month `months` after the one `at` falls in, in China. */
export function shanghaiMonth(at: Date, months = 0): string {
  const shanghai = new Date(at.getTime() + CHINA_OFFSET_MS);
  const first = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() + months, 1));
  return first.toISOString().slice(0, 7);
}

/**
 * The same instant with Beijing's clock time in UTC fields: for formats without time zones
 * (an Excel date cell shows the clock time it holds).
 */
export function beijingClock(at: Date): Date {
  return new Date(at.getTime() + CHINA_OFFSET_MS);
}
