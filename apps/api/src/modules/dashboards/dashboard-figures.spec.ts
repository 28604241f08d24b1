import { ApiException } from '../../common/http/api-error';
import { bind } from './dashboard-facts.sql';
import {
  figuresOf,
  emptySums,
  histogramMedian,
  periodMonths,
  ratioBps,
  resolvePeriod,
  resolveScope,
} from './dashboard-figures';

const field = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return ((e as ApiException).getResponse() as { details: { field: string }[] }).details[0].field;
  }
  return null;
};

describe('the period a gov user asks for', () => {
  // 2026-11-30 17:00 UTC is already 1 December in Changsha.
  const lateNovemberUtc = new Date('2026-11-30T17:00:00Z');

  it('defaults to the twelve China months up to the current one', () => {
    expect(resolvePeriod(undefined, undefined, lateNovemberUtc)).toEqual({
      from: '2026-01',
      to: '2026-12',
    });
    expect(resolvePeriod(undefined, '2026-06', lateNovemberUtc)).toEqual({
      from: '2025-07',
      to: '2026-06',
    });
    expect(resolvePeriod('2026-03', undefined, lateNovemberUtc)).toEqual({
      from: '2026-03',
      to: '2026-12',
    });
  });

  it('refuses an end before the start, and spans beyond ten years, naming the field', () => {
    expect(field(() => resolvePeriod('2026-06', '2026-01', lateNovemberUtc))).toBe('to');
    expect(field(() => resolvePeriod('2010-01', '2026-01', lateNovemberUtc))).toBe('from');
    expect(periodMonths({ from: '2025-11', to: '2026-02' })).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });
});

describe('the region a request counts', () => {
  it('is the agency’s, narrowed to a city inside it', () => {
    expect(resolveScope('430000', undefined)).toEqual({ prefix: '43', lo: '430000', hi: '439999' });
    expect(resolveScope('430000', '430200')).toEqual({
      prefix: '4302',
      lo: '430200',
      hi: '430299',
    });
  });

  it('lets a county agency name its own city without widening anything', () => {
    expect(resolveScope('430211', '430200').prefix).toBe('430211');
  });

  it('refuses a city outside the region, or a code that is no city', () => {
    expect(field(() => resolveScope('430100', '430200'))).toBe('city');
    expect(field(() => resolveScope('430000', '440300'))).toBe('city');
    expect(field(() => resolveScope('430000', '430000'))).toBe('city');
    expect(field(() => resolveScope('430000', '430104'))).toBe('city');
  });
});

describe('figures', () => {
  it('take the median of a histogram as the lead banks’ page does', () => {
    expect(histogramMedian(new Map())).toBeNull();
    expect(histogramMedian(new Map([[3, 1]]))).toBe(3);
    expect(
      histogramMedian(
        new Map([
          [0, 1],
          [1, 1],
        ]),
      ),
    ).toBe(0.5);
    expect(
      histogramMedian(
        new Map([
          [1, 2],
          [5, 1],
          [9, 0],
        ]),
      ),
    ).toBe(1);
    expect(
      histogramMedian(
        new Map([
          [2, 2],
          [7, 2],
        ]),
      ),
    ).toBe(4.5);
  });

  it('give shares in basis points, none without a denominator', () => {
    expect(ratioBps(63, 100)).toBe(6300);
    expect(ratioBps(1, 3)).toBe(3333);
    expect(ratioBps(2, 3)).toBe(6667);
    expect(ratioBps(0, 0)).toBeNull();
  });

  it('weigh the average rate by amount and count every tier in the firms', () => {
    const s = emptySums();
    s.firmsByTier.srdi = 2;
    s.firmsByTier.champion = 1;
    s.approvals = 2;
    s.approvedAmount = 4_000_000;
    s.approvedRateAmount = 1_000_000 * 400 + 3_000_000 * 360;
    s.unsecuredAmount = 1_000_000;
    s.needFirms = 4;
    s.creditFirms = 1;
    expect(figuresOf(s)).toMatchObject({
      firms: 3,
      averageRateBps: 370,
      creditLoanShareBps: 2500,
      coverageBps: 2500,
      approvalRateBps: 10_000,
    });
  });
});

describe('bind', () => {
  it('numbers each named parameter once and leaves casts alone', () => {
    expect(bind('SELECT :a::int, :b, :a WHERE x::text = :b', { a: 1, b: 'x', c: 3 })).toEqual({
      text: 'SELECT $1::int, $2, $1 WHERE x::text = $2',
      params: [1, 'x'],
    });
    expect(() => bind('SELECT :missing', {})).toThrow('no value for :missing');
  });
});
