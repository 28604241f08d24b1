import { describe, expect, it } from '@jest/globals';
import { cityChoices, formatDays, formatShareBps, recentMonths } from './dashboard-choices';

describe('the dashboard’s filter choices', () => {
  it('offers a province agency its cities, and a city or county agency its own city only', () => {
    const province = cityChoices('430000', 'zh-CN').map((c) => c.value);
    expect(province).toContain('430100');
    expect(province).toContain('433100');
    expect(province).not.toContain('430000');
    expect(province.every((c) => c.startsWith('43'))).toBe(true);
    expect(cityChoices('430100', 'zh-CN')).toEqual([{ value: '430100', label: '长沙市' }]);
    expect(cityChoices('430211', 'en')).toEqual([{ value: '430200', label: 'Zhuzhou' }]);
  });

  it('lists China months newest first, turning over at midnight in Beijing', () => {
    // 2026-11-30 17:00 UTC is already 1 December in Changsha.
    expect(recentMonths(new Date('2026-11-30T17:00:00Z'), 3)).toEqual(['2026-12', '2026-11', '2026-10']);
    expect(recentMonths(new Date('2026-01-15T00:00:00Z'), 2)).toEqual(['2026-01', '2025-12']);
  });

  it('writes shares in basis points with one decimal', () => {
    expect(formatShareBps(6300)).toBe('63.0%');
    expect(formatShareBps(3333)).toBe('33.3%');
    expect(formatShareBps(null)).toBe('—');
    expect(formatDays(2.5)).toBe('2.5');
    expect(formatDays(3)).toBe('3');
  });
});
