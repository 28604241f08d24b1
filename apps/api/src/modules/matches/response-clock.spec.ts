import { parseCalendarOverrides, WorkingCalendar } from './response-clock';

/** 10:00 in Changsha on the given day. */
const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);

describe('WorkingCalendar', () => {
  const calendar = new WorkingCalendar();

  it('counts weekends out: applied on Friday, read on Monday is one working day', () => {
    expect(calendar.workingDaysBetween(at('2026-11-20'), at('2026-11-23'))).toBe(1);
    expect(calendar.workingDaysBetween(at('2026-11-20'), at('2026-11-20', '18:00'))).toBe(0);
  });

  it('counts the National Day holiday out and its make-up Saturday (调休) in', () => {
    // 2026: 1–7 October off; Saturday 10 October is worked.
    expect(calendar.isWorkday('2026-10-05')).toBe(false);
    expect(calendar.isWorkday('2026-10-10')).toBe(true);
    expect(calendar.workingDaysBetween(at('2026-09-30'), at('2026-10-12'))).toBe(4);
  });

  it('uses China time: 23:30 in Changsha is still that day', () => {
    const lateFriday = new Date('2026-11-20T15:30:00Z');
    expect(calendar.workingDaysBetween(lateFriday, at('2026-11-23'))).toBe(1);
  });

  it('lets overrides decide days the package does not know', () => {
    const plain = new WorkingCalendar();
    expect(plain.isWorkday('2027-01-01')).toBe(true);
    const overridden = new WorkingCalendar(
      parseCalendarOverrides('2027-01-01:off,2027-01-02:work'),
    );
    expect(overridden.isWorkday('2027-01-01')).toBe(false);
    expect(overridden.isWorkday('2027-01-02')).toBe(true);
  });

  it('puts the overdue cutoff where waiting passes the limit', () => {
    const now = at('2026-11-27', '15:00'); // a Friday
    const cutoff = calendar.overdueCutoff(now, 5);
    // Six working days back from Friday 27th (27, 26, 25, 24, 23, 20): applied before the 20th
    // means more than five working days have passed.
    expect(cutoff.toISOString()).toBe(new Date('2026-11-20T00:00:00+08:00').toISOString());
    for (const applied of [
      at('2026-11-19', '23:59'),
      at('2026-11-20', '00:01'),
      at('2026-11-16'),
    ]) {
      expect(calendar.isOverdue(applied, now, 5)).toBe(applied < cutoff);
    }
  });
});
