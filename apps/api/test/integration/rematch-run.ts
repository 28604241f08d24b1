import { eventually } from './worker-process';

/** Whatever runs SQL on a test database (a DataSource, an EntityManager). */
export interface Sql {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, params?: unknown[]): Promise<any>;
}

/** The stored matches, every view flag included, as one comparable value. */
export interface MatchesDigest {
  rows: number;
  /** Distinct (need, product) pairs: equal to rows when nothing is duplicated. */
  pairs: number;
  hash: string;
}

export async function matchesDigest(db: Sql): Promise<MatchesDigest> {
  const [row] = await db.query(
    `SELECT count(*)::int AS rows, count(DISTINCT (need_id, product_id))::int AS pairs,
            md5(string_agg(need_id::text || product_id::text || score::text || in_need_top::text || in_product_top::text,
                           ',' ORDER BY need_id, product_id)) AS hash
       FROM matches`,
  );
  return row as MatchesDigest;
}

/** Forgets every match and officer's view, so the next full rematch writes all of them. */
export const clearMatches = (db: Sql) => db.query('DELETE FROM matches; DELETE FROM product_views');

/** Queues a full rematch the way an admin does (outbox + tracking row) and returns its id. */
export async function queueRematch(db: Sql, ownerOrgId: string): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO matching_jobs (id, topic, owner_org_id) VALUES (gen_random_uuid(), 'rematch.all', $1) RETURNING id`,
    [ownerOrgId],
  );
  await db.query(`INSERT INTO outbox_events (topic, job_id) VALUES ('rematch.all', $1)`, [id]);
  return id;
}

/** Whether a followed job has ended, from its tracking row. */
export async function jobOutcome(db: Sql, id: string): Promise<'finished' | string | undefined> {
  const [row] = await db.query(
    'SELECT finished_at, failed_at, failure FROM matching_jobs WHERE id = $1',
    [id],
  );
  if (row?.failed_at) return `failed: ${row.failure}`;
  return row?.finished_at ? 'finished' : undefined;
}

/** Waits for a followed job to end; a failed job fails the test with its reason. */
export async function rematchFinished(db: Sql, id: string, ms = 240_000): Promise<void> {
  const outcome = await eventually(() => jobOutcome(db, id), ms, 250);
  expect(outcome).toBe('finished');
}
