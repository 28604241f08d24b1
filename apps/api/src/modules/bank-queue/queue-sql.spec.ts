import { QUEUE_COUNT_SOURCES } from '../../database/migrations/1763910000000-queue-count-marks';
import { QUEUE_PAGE_SOURCES } from '../../database/migrations/1763940000000-queue-page-marks';
import { type QueueFilters, type QueueScope, countsStatement, pageStatement } from './queue-sql';

/** The tables a statement reads: every name after FROM or JOIN, the page's CTE aside. */
function tablesRead(sql: string): Set<string> {
  const code = sql.replace(/--[^\n]*/g, '');
  const names = [...code.matchAll(/\b(?:FROM|JOIN)\s+(?!LATERAL\b)([a-z_]+)\b/gi)].map((m) => m[1]);
  return new Set(names.filter((n) => n !== 'page'));
}

// Every filter at once, so every join the statements can make is in the text.
const scope: QueueScope = {
  bankId: '00000000-0000-4000-8000-000000000001',
  overdueCutoffs: [new Date('2026-11-20T00:00:00Z')],
};
const filters: QueueFilters = {
  productId: '00000000-0000-4000-8000-000000000002',
  chainId: '00000000-0000-4000-8000-000000000003',
  tiers: ['srdi'],
  regionCode: '430100',
  statuses: ['applied'],
  appliedOnly: true,
  overdue: true,
  whitelisted: true,
};

describe('what a kept queue read is checked against (QueueReadsCache)', () => {
  it('leaves a mark for every table the counts read', () => {
    const read = tablesRead(countsStatement(scope, filters).sql);
    expect(read.size).toBeGreaterThan(2);
    expect(
      [...read].filter((t) => !(QUEUE_COUNT_SOURCES as readonly string[]).includes(t)),
    ).toEqual([]);
  });

  it('leaves a mark for every table a page reads', () => {
    const sources: readonly string[] = [...QUEUE_COUNT_SOURCES, ...QUEUE_PAGE_SOURCES];
    for (const sort of ['score', 'waiting'] as const) {
      const read = tablesRead(pageStatement(scope, filters, sort, null, 51).sql);
      expect(read).toContain('financial_years');
      expect([...read].filter((t) => !sources.includes(t))).toEqual([]);
    }
  });
});
