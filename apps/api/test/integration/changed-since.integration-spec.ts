import { type FullRanking } from '../../src/modules/matching/matching-cache.service';
import { changedSince } from '../../src/modules/matching/view-sync';
import { createTestApp, type TestApp } from './test-app';

// A full rematch's shard leaves to their own jobs the needs changed after the ranking read
// them: a change to the need, to its firm, or to one of the firm's financial years.

describe("a rematch shard finds the needs changed since its ranking's read", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  const needsOf = async (firmId: string): Promise<string[]> =>
    (await t.db.query(`SELECT id FROM funding_needs WHERE firm_id = $1`, [firmId])).map(
      (r: { id: string }) => r.id,
    );

  it('by the need, its firm and its financials, within the shard only', async () => {
    // Three firms with open needs and financial years.
    const firms: { firm_id: string; need_id: string }[] = await t.db.query(
      `SELECT DISTINCT ON (n.firm_id) n.firm_id, n.id AS need_id
         FROM funding_needs n
        WHERE n.status = 'open' AND EXISTS (SELECT 1 FROM financial_years y WHERE y.firm_id = n.firm_id)
        ORDER BY n.firm_id, n.id LIMIT 3`,
    );
    expect(firms).toHaveLength(3);
    const [a, b, c] = firms;
    const [{ readAt }] = await t.db.query(`SELECT now() AS "readAt"`);
    const ranking = { open: { readAt } } as unknown as FullRanking;
    expect(await changedSince(t.db, ranking, null, null)).toEqual(new Set());

    await t.db.query(`UPDATE funding_needs SET updated_at = now() WHERE id = $1`, [a.need_id]);
    await t.db.query(`UPDATE firms SET updated_at = now() WHERE id = $1`, [b.firm_id]);
    await t.db.query(
      `UPDATE financial_years SET updated_at = now()
        WHERE firm_id = $1 AND year = (SELECT max(year) FROM financial_years WHERE firm_id = $1)`,
      [c.firm_id],
    );
    const changed = [a.need_id, ...(await needsOf(b.firm_id)), ...(await needsOf(c.firm_id))];
    expect(await changedSince(t.db, ranking, null, null)).toEqual(new Set(changed));

    // A shard [lo, hi) sees only its own: here from the second smallest id, up to the largest.
    const ids = [...new Set(changed)].sort();
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const lo = ids[1];
    const hi = ids[ids.length - 1];
    expect(await changedSince(t.db, ranking, lo, hi)).toEqual(
      new Set(ids.filter((id) => id >= lo && id < hi)),
    );
    // Nothing changed after a later read.
    const [{ later }] = await t.db.query(`SELECT now() AS later`);
    const next = { open: { readAt: later } } as unknown as FullRanking;
    expect(await changedSince(t.db, next, null, null)).toEqual(new Set());
  });
});
