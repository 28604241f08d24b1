import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { evaluateWorkedMatch } from '@lianrong/matching';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { MATCH_STATUSES } from '../../src/common/domain-enums';
import {
  loadMatchContext,
  loadNeedEntries,
  loadProducts,
} from '../../src/modules/matching/matching-inputs';
import { siblingDatabaseUrl } from './test-env';

const ROOT = path.resolve(__dirname, '../../../..');

interface Row {
  id: string;
  status: string;
  version: number;
  need_id: string;
  bank_id: string;
  firm_id: string;
  product_id: string;
  applied_at: Date | null;
  approved_amount: string | null;
  disbursed_amount: string | null;
}

interface EventRow {
  match_id: string;
  kind: string;
  from_status: string | null;
  to_status: string;
  actor_org_id: string | null;
  amount: string | null;
  at: Date;
}

/**
 * The demo's loan history is what the government dashboards and the officer's queue show
 * first: it must read like the pipeline wrote it, not like rows typed in by hand.
 */
describe('demo loan history', () => {
  // Its own freshly seeded database: other suites work the demo's matches and firms.
  const url = siblingDatabaseUrl('history');
  let db: DataSource;
  let worked: Row[];
  let events: EventRow[];

  beforeAll(async () => {
    for (const command of ['reset', 'seed']) {
      execFileSync(
        process.execPath,
        ['tools/run-ts.mjs', 'apps/api/src/database/cli.ts', command],
        {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: url, SEED_DEMO: 'true' },
          stdio: 'ignore',
        },
      );
    }
    db = await createDataSource(url).initialize();
    worked = await db.query(
      `SELECT m.* FROM matches m WHERE EXISTS (SELECT 1 FROM match_events e WHERE e.match_id = m.id)`,
    );
    events = await db.query(`SELECT * FROM match_events ORDER BY match_id, at, id`);
  }, 120_000);
  afterAll(() => db?.destroy());

  const eventsOf = (id: string) => events.filter((e) => e.match_id === id);

  it('has applications ending in every status of the review pipeline but a bare suggestion', () => {
    const reached = new Set(worked.map((m) => m.status));
    expect([...reached].sort()).toEqual(MATCH_STATUSES.filter((s) => s !== 'suggested').sort());
  });

  it('spreads over the last six months at several banks', () => {
    const days = events.map((e) => (Date.now() - new Date(e.at).getTime()) / 86_400_000);
    expect(Math.max(...days)).toBeGreaterThan(150);
    expect(Math.max(...days)).toBeLessThan(184);
    expect(new Set(worked.map((m) => m.bank_id)).size).toBeGreaterThanOrEqual(4);
  });

  it('keeps every row equal to the replay of its events', () => {
    for (const m of worked) {
      const own = eventsOf(m.id);
      // Each event follows from the one before it.
      own.forEach((e, i) => {
        if (i > 0) expect(e.from_status).toBe(own[i - 1].to_status);
      });
      expect(own[own.length - 1].to_status).toBe(m.status);
      expect(m.version).toBe(1 + own.length);
      const disbursed = own
        .filter((e) => e.to_status === 'disbursed')
        .reduce((sum, e) => sum + Number(e.amount), 0);
      expect(Number(m.disbursed_amount ?? 0)).toBe(disbursed);
      if (m.disbursed_amount !== null) {
        expect(Number(m.disbursed_amount)).toBeLessThanOrEqual(Number(m.approved_amount));
      }
      // The firm acts for itself and the product's bank for the bank; nobody else moves a match.
      for (const e of own) {
        if (e.actor_org_id !== null) expect([m.firm_id, m.bank_id]).toContain(e.actor_org_id);
      }
    }
  });

  it('fulfils a need with exactly one disbursed match and leaves it nothing live', async () => {
    const needs: { id: string; status: string }[] = await db.query(
      `SELECT id, status FROM funding_needs WHERE id = ANY($1::uuid[])`,
      [[...new Set(worked.map((m) => m.need_id))]],
    );
    for (const need of needs) {
      const ofNeed = worked.filter((m) => m.need_id === need.id);
      const disbursed = ofNeed.filter((m) => m.status === 'disbursed');
      expect({ need: need.id, fulfilled: need.status === 'fulfilled' }).toEqual({
        need: need.id,
        fulfilled: disbursed.length > 0,
      });
      if (need.status === 'fulfilled') {
        expect(disbursed).toHaveLength(1);
        const live = ofNeed.filter((m) =>
          ['applied', 'contacted', 'in_review', 'pending_approval', 'approved'].includes(m.status),
        );
        expect(live).toEqual([]);
      }
    }
  });

  it('only ever applies to products the firm qualifies for under the matching rules', async () => {
    const entries = new Map(
      (
        await loadNeedEntries(db.manager, {
          kind: 'ids',
          ids: [...new Set(worked.map((m) => m.need_id))],
        })
      ).map((e) => [e.need.id, e]),
    );
    const products = new Map((await loadProducts(db.manager)).map((p) => [p.id, p]));
    const ctx = await loadMatchContext(db.manager);
    for (const m of worked) {
      const entry = entries.get(m.need_id)!;
      const verdict = evaluateWorkedMatch(entry.firm, entry.need, products.get(m.product_id)!, ctx);
      expect({ match: m.id, failures: verdict.failures }).toEqual({ match: m.id, failures: [] });
    }
  });
});
