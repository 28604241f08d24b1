import { describe, expect, it } from '@jest/globals';
import {
  formatBps,
  formatBpsRange,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMoneyRange,
  formatRatio,
  formatScore,
  formatTerm,
  formatTermRange,
  percentToBps,
  toChartMoney,
  toWan,
  wanToYuan,
  yuanToWan,
} from './format';

describe('formatMoney in Chinese', () => {
  it('shows amounts below 1亿 in 万元 with at most two decimals', () => {
    expect(formatMoney(12_345_600, 'zh-CN')).toBe('1,234.56万元');
    expect(formatMoney(5_000_000, 'zh-CN')).toBe('500万元');
    expect(formatMoney(64_518_000, 'zh-CN')).toBe('6,451.8万元');
    expect(formatMoney(99_999_999, 'zh-CN')).toBe('10,000万元');
  });

  it('switches to 亿元 from 1亿 and rounds half-way cases up', () => {
    expect(formatMoney(100_000_000, 'zh-CN')).toBe('1亿元');
    expect(formatMoney(392_500_000, 'zh-CN')).toBe('3.93亿元');
    expect(formatMoney(12_962_000_000, 'zh-CN')).toBe('129.62亿元');
  });

  it('handles zero, small, negative and missing values', () => {
    expect(formatMoney(0, 'zh-CN')).toBe('0万元');
    expect(formatMoney(4_999, 'zh-CN')).toBe('0.5万元');
    expect(formatMoney(-1_940_000, 'zh-CN')).toBe('-194万元');
    expect(formatMoney(-10, 'zh-CN')).toBe('0万元');
    expect(formatMoney(null, 'zh-CN')).toBe('—');
    expect(formatMoney(undefined, 'zh-CN')).toBe('—');
  });
});

describe('formatMoney in English', () => {
  it('uses CNY millions below 1bn and billions from 1bn', () => {
    expect(formatMoney(12_345_600, 'en')).toBe('CNY 12.35m');
    expect(formatMoney(5_000_000, 'en')).toBe('CNY 5m');
    expect(formatMoney(392_500_000, 'en')).toBe('CNY 392.5m');
    expect(formatMoney(3_925_000_000, 'en')).toBe('CNY 3.93bn');
    expect(formatMoney(-1_940_000, 'en')).toBe('-CNY 1.94m');
  });
});

describe('formatMoneyRange', () => {
  it('writes a shared unit once', () => {
    expect(formatMoneyRange(500_000, 10_000_000, 'zh-CN')).toBe('50–1,000万元');
    expect(formatMoneyRange(500_000, 10_000_000, 'en')).toBe('CNY 0.5–10m');
  });

  it('writes both units when they differ', () => {
    expect(formatMoneyRange(1_000_000, 200_000_000, 'zh-CN')).toBe('100万元 – 2亿元');
  });

  it('handles open ends', () => {
    expect(formatMoneyRange(null, 3_000_000, 'zh-CN')).toBe('≤ 300万元');
    expect(formatMoneyRange(1_000_000, null, 'zh-CN')).toBe('≥ 100万元');
    expect(formatMoneyRange(null, null, 'zh-CN')).toBe('—');
  });
});

describe('chart units', () => {
  it('converts yuan into the unit the chart title names', () => {
    expect(toWan(64_518_000)).toBe(6451.8);
    expect(toChartMoney(64_518_000, 'zh-CN')).toBe(6451.8);
    expect(toChartMoney(64_518_000, 'en')).toBe(64.52);
  });
});

describe('rates and ratios', () => {
  it('shows basis points as an annual rate with two decimals', () => {
    expect(formatBps(385)).toBe('3.85%');
    expect(formatBps(400)).toBe('4.00%');
    expect(formatBps(null)).toBe('—');
    expect(formatBpsRange(345, 600)).toBe('3.45–6.00%');
    expect(formatBpsRange(385, 385)).toBe('3.85%');
  });

  it('shows fractions as a percentage with one decimal', () => {
    expect(formatRatio(0.052)).toBe('5.2%');
    expect(formatRatio(0.0525)).toBe('5.3%');
    expect(formatRatio(0.45678)).toBe('45.7%');
    expect(formatRatio(-0.12)).toBe('-12.0%');
    expect(formatRatio(0)).toBe('0.0%');
    expect(formatRatio(null)).toBe('—');
  });
});

describe('scores', () => {
  it('shows a match score with one decimal', () => {
    expect(formatScore(87.456)).toBe('87.5');
    expect(formatScore(100)).toBe('100.0');
    expect(formatScore(0)).toBe('0.0');
    expect(formatScore(null)).toBe('—');
  });
});

describe('terms', () => {
  it('shows months in each language', () => {
    expect(formatTerm(12, 'zh-CN')).toBe('12个月');
    expect(formatTerm(12, 'en')).toBe('12 mo');
    expect(formatTermRange(6, 36, 'zh-CN')).toBe('6–36个月');
    expect(formatTermRange(6, 36, 'en')).toBe('6–36 mo');
    expect(formatTermRange(12, 12, 'zh-CN')).toBe('12个月');
  });
});

describe('dates in Asia/Shanghai', () => {
  it('shifts UTC timestamps to China time whatever the host zone', () => {
    // 2025-12-31 17:30 UTC is already New Year's Day in Changsha.
    expect(formatDate('2025-12-31T17:30:00.000Z')).toBe('2026-01-01');
    expect(formatDateTime('2025-12-31T17:30:00.000Z')).toBe('2026-01-01 01:30');
    expect(formatDateTime('2026-03-05T00:00:00Z')).toBe('2026-03-05 08:00');
  });

  it('shows a dash for missing or invalid dates', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate('not a date')).toBe('—');
  });
});

describe('input conversions (万元 → yuan, % → bps)', () => {
  it('turns 万元 into whole yuan without floating-point error', () => {
    expect(wanToYuan(100)).toBe(1_000_000);
    expect(wanToYuan(3000)).toBe(30_000_000);
    expect(wanToYuan(1234.5678)).toBe(12_345_678);
    // 0.0003 × 10000 is 2.9999999999999996 in floating point.
    expect(wanToYuan(0.0003)).toBe(3);
    expect(wanToYuan(4.35)).toBe(43_500);
    expect(wanToYuan(0)).toBe(0);
  });

  it('rounds fractions of a yuan half away from zero and always returns an integer', () => {
    expect(wanToYuan(0.00005)).toBe(1);
    expect(wanToYuan(0.00004)).toBe(0);
    expect(wanToYuan(1.23456)).toBe(12_346);
    expect(wanToYuan(-1.23456)).toBe(-12_346);
    for (const wan of [0.1, 0.7, 1.1, 33.33, 999.9999, 12345.6789]) expect(Number.isInteger(wanToYuan(wan))).toBe(true);
  });

  it('round-trips with yuanToWan', () => {
    for (const yuan of [0, 1, 43_500, 12_345_678, 30_000_000, 987_654_321]) expect(wanToYuan(yuanToWan(yuan))).toBe(yuan);
  });

  it('turns percentages into integer basis points', () => {
    expect(percentToBps(3.8)).toBe(380);
    expect(percentToBps(5)).toBe(500);
    expect(percentToBps(3.45)).toBe(345);
    // 1.005 × 100 is 100.49999999999999 in floating point; the typed text says 100.5.
    expect(percentToBps(1.005)).toBe(101);
    expect(percentToBps(0.29)).toBe(29);
    expect(percentToBps(0)).toBe(0);
  });

  it('gives NaN for non-numbers so a form rule can reject them', () => {
    expect(percentToBps(Number.NaN)).toBeNaN();
    expect(wanToYuan(Number.POSITIVE_INFINITY)).toBeNaN();
  });
});
