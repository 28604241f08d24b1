import { isWorkday as isOfficialWorkday } from 'chinese-days';
import {
  isoDay,
  shanghaiDayNumber as shanghaiDay,
  shanghaiMidnight,
} from '../../common/china-time';

/** Parses `2027-01-01:off,2027-02-07:work` (already validated by AppConfig). */
export function parseCalendarOverrides(spec: string | undefined): Map<string, boolean> {
  const overrides = new Map<string, boolean>();
  for (const entry of (spec ?? '').split(',').filter(Boolean)) {
    const [day, kind] = entry.split(':');
    overrides.set(day, kind === 'work');
  }
  return overrides;
}

/**
 * China's official working calendar: weekends, public holidays and their make-up workdays
 * (调休), from the `chinese-days` package, with overrides for years it does not know yet.
 * The response clock counts in these days (DESIGN: an application unanswered for more than
 * the bank's limit is overdue).
 */
export class WorkingCalendar {
  constructor(private readonly overrides: ReadonlyMap<string, boolean> = new Map()) {}

  isWorkday(day: string): boolean {
    return this.overrides.get(day) ?? isOfficialWorkday(day);
  }

  /**
   * Working days that have begun since `from` up to `to`: the days after `from`'s day, up to
   * and including `to`'s day. Applied on Friday, read on Monday → 1.
   */
  workingDaysBetween(from: Date, to: Date): number {
    let count = 0;
    for (let day = shanghaiDay(from) + 1; day <= shanghaiDay(to); day++) {
      if (this.isWorkday(isoDay(day))) count++;
    }
    return count;
  }

  /**
   * The instant before which an unanswered application has waited more than `limitDays`
   * working days at `now`: queries filter overdue matches as `applied_at < cutoff`.
   */
  overdueCutoff(now: Date, limitDays: number): Date {
    // Walk back over limitDays + 1 working days: an application made before the earliest of
    // them has had all of them pass.
    let seen = 0;
    let day = shanghaiDay(now);
    for (;;) {
      if (this.isWorkday(isoDay(day))) seen++;
      if (seen === limitDays + 1) break;
      day--;
    }
    return shanghaiMidnight(day);
  }

  isOverdue(appliedAt: Date, now: Date, limitDays: number): boolean {
    return this.workingDaysBetween(appliedAt, now) > limitDays;
  }
}
