import { effectiveTier, tierValidity } from '../index';

describe('tier certification validity', () => {
  it('counts a tier for its year and the two after it', () => {
    expect(effectiveTier('little_giant', 2024, '2026-12-31')).toBe('little_giant');
    expect(effectiveTier('little_giant', 2024, '2027-01-01')).toBe('none');
    expect(effectiveTier('srdi', 2026, '2026-01-01')).toBe('srdi');
  });

  it('treats a tier without a certification year as none', () => {
    expect(effectiveTier('champion', null, '2026-11-28')).toBe('none');
    expect(effectiveTier('none', 2025, '2026-11-28')).toBe('none');
  });

  it('flags a certification within 90 days of running out', () => {
    expect(tierValidity('srdi', 2024, '2026-11-28')).toEqual({
      expiresOn: '2026-12-31',
      expired: false,
      expiringSoon: true,
    });
    // 2026-10-02 is exactly 90 days before 2026-12-31; the day before is not yet flagged.
    expect(tierValidity('srdi', 2024, '2026-10-02').expiringSoon).toBe(true);
    expect(tierValidity('srdi', 2024, '2026-10-01').expiringSoon).toBe(false);
    expect(tierValidity('srdi', 2025, '2026-11-28')).toEqual({
      expiresOn: '2027-12-31',
      expired: false,
      expiringSoon: false,
    });
  });

  it('does not flag an expired or absent certification as expiring', () => {
    expect(tierValidity('srdi', 2020, '2026-11-28')).toEqual({
      expiresOn: '2022-12-31',
      expired: true,
      expiringSoon: false,
    });
    expect(tierValidity('none', null, '2026-11-28')).toEqual({
      expiresOn: null,
      expired: false,
      expiringSoon: false,
    });
  });

  it('reads a Date by its UTC day', () => {
    expect(effectiveTier('srdi', 2024, new Date('2026-12-31T23:59:59Z'))).toBe('srdi');
    expect(effectiveTier('srdi', 2024, new Date('2027-01-01T00:00:00Z'))).toBe('none');
  });
});
