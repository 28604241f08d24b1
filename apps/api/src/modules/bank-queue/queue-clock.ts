import { type WorkingCalendar } from '../matches/response-clock';

/** organizations.response_days is checked to lie in 1..60 (migration 1763830000000). */
export const MAX_RESPONSE_DAYS = 60;

/**
 * The calendar with each day's answer remembered. The official calendar lookup costs
 * microseconds a day, and a page asks for the same days over and over (fifty rows each
 * counting back over weeks, sixty overdue cutoffs): remembered, a page costs well under a
 * millisecond. Days are few (a year is 365 entries) and never change while the process runs.
 */
export function rememberingCalendar(calendar: WorkingCalendar): WorkingCalendar {
  const known = new Map<string, boolean>();
  const ask = calendar.isWorkday.bind(calendar);
  const remembering: WorkingCalendar = Object.create(calendar) as WorkingCalendar;
  // workingDaysBetween and overdueCutoff call this.isWorkday, so they use the memory too.
  remembering.isWorkday = (day: string) => {
    let workday = known.get(day);
    if (workday === undefined) {
      workday = ask(day);
      known.set(day, workday);
    }
    return workday;
  };
  return remembering;
}

/**
 * The overdue cutoff at `now` for every limit a bank may set: element i for i + 1 working
 * days (Postgres reads the array 1-based, so its element `days` is the bank's cutoff).
 */
export function overdueCutoffs(calendar: WorkingCalendar, now: Date): Date[] {
  return Array.from({ length: MAX_RESPONSE_DAYS }, (_, i) => calendar.overdueCutoff(now, i + 1));
}
