import { DEMO_ROADSHOWS, roadshowMonth } from './demo-roadshows';

describe('demo roadshows', () => {
  it('fall in the month containing the given day in China’s time', () => {
    // 2026-11-28 18:00 UTC is already 2026-11-29 in Changsha.
    const now = new Date('2026-11-28T18:00:00Z');
    expect(roadshowMonth(now, 0)).toBe('2026-11-01');
    expect(roadshowMonth(now, 29)).toBe('2026-10-01');
    expect(roadshowMonth(now, 28)).toBe('2026-11-01');
    expect(roadshowMonth(now, 155)).toBe('2026-06-01');
  });

  it('only record intents between invited banks and invited firms', () => {
    for (const r of DEMO_ROADSHOWS) {
      const firms = new Set(r.firms.map(([f]) => f));
      const banks = new Set(r.banks.map(([b]) => b));
      for (const [bank, firm, amount] of r.intents) {
        expect({ roadshow: r.key, bank: banks.has(bank), firm: firms.has(firm) }).toEqual({
          roadshow: r.key,
          bank: true,
          firm: true,
        });
        expect(Number.isSafeInteger(amount) && amount > 0).toBe(true);
      }
      expect(r.banks.filter(([, lead]) => lead)).toHaveLength(1);
    }
  });
});
