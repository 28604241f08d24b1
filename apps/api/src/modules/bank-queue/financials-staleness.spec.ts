import { financialsStale } from './financials-staleness';

/** A moment in Changsha. */
const at = (local: string) => new Date(`${local}+08:00`);

describe('stale financials', () => {
  it('keeps a fiscal year current for 18 months after it closes, on China time', () => {
    expect(financialsStale(2024, at('2026-06-30T23:59:00'))).toBe(false);
    expect(financialsStale(2024, at('2026-07-01T00:01:00'))).toBe(true);
    // 16:30 UTC on 30 June is already 1 July in Changsha.
    expect(financialsStale(2024, new Date('2026-06-30T16:30:00Z'))).toBe(true);
    expect(financialsStale(2025, at('2026-11-28T10:00:00'))).toBe(false);
  });

  it('does not call missing financials stale', () => {
    expect(financialsStale(null, at('2030-01-01T00:00:00'))).toBe(false);
  });
});
