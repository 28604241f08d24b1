import { describe, expect, it } from '@jest/globals';
import { formatMonth } from './roadshow-month';

describe('roadshow month', () => {
  it('reads as Chinese and English speakers write a month', () => {
    expect(formatMonth('2026-12', 'zh-CN')).toBe('2026年12月');
    expect(formatMonth('2026-06', 'zh-CN')).toBe('2026年6月');
    expect(formatMonth('2026-01', 'en')).toBe('Jan 2026');
    expect(formatMonth('2026-12', 'en')).toBe('Dec 2026');
  });
});
