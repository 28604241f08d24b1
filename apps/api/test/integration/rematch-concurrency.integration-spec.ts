import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { type PackedNeeds, packNeeds } from '@lianrong/matching/batch';
import { createDataSource } from '../../src/database/data-source';
import { firmsForOpenNeeds, loadSynthetic } from '../../src/database/scale/load-synthetic';
import { loadNeedEntries } from '../../src/modules/matching/matching-inputs';
import { loadPackedOpenNeeds } from '../../src/modules/matching/open-needs-loader';
import { siblingDatabaseUrl } from './test-env';
import { eventually, matchingDrained, startWorker, type WorkerProcess } from './worker-process';

const ROOT = path.resolve(__dirname, '../../../..');
const SEED = 7171;
const OPEN_NEEDS = 20_000;

/**
 * A full rematch split across two real worker processes, again and again, from the
 * states a live system meets: empty views, views already right (nothing may be written),
 * views gone wrong (wrong scores, wrong flags, stray and missing rows), worked matches
 * the rematch must keep, and firms' changes being matched while it runs. Every run must
 * complete, without a deadlock, and leave exactly the views one worker leaves.
 */
describe('two workers on a full rematch agree with one', () => {
  const url = siblingDatabaseUrl('rematch');
  const workerEnv = {
    DATABASE_URL: url,
    BULL_PREFIX: `{lianrong-rematch-${process.pid}}`,
    // About ten shards, each written in many short transactions.
    MATCH_SHARD_SIZE: '2000',
    MATCH_BACKGROUND_SLICE: '300',
  };
  let db: DataSource;
  let owner: string;
  let reference: Digest;
  const workers: WorkerProcess[] = [];

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
    await loadSynthetic(url, {
      firms: firmsForOpenNeeds(SEED, OPEN_NEEDS),
      products: 300,
      seed: SEED,
      queueRematch: false,
    });
    db = await createDataSource(url).initialize();
    // The seed queued a rematch of its own; each test queues the runs it checks.
    await db.query(`DELETE FROM outbox_events`);
    [{ id: owner }] = await db.query(
      `SELECT id FROM organizations WHERE kind = 'bank' ORDER BY id LIMIT 1`,
    );
  }, 300_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await db?.destroy();
  });

  const start = async () => {
    const w = await startWorker(workerEnv);
    workers.push(w);
    return w;
  };

  /** Queues a full rematch the way an admin does (outbox + tracking row), waits for it to finish. */
  const rematch = async (): Promise<Record<string, number>> => {
    const [{ id }] = await db.query(
      `INSERT INTO matching_jobs (id, topic, owner_org_id) VALUES (gen_random_uuid(), 'rematch.all', $1) RETURNING id`,
      [owner],
    );
    await db.query(`INSERT INTO outbox_events (topic, job_id) VALUES ('rematch.all', $1)`, [id]);
    const row = await eventually(
      async () => {
        const [r] = await db.query(
          'SELECT finished_at, failed_at, failure, result FROM matching_jobs WHERE id = $1',
          [id],
        );
        return r.finished_at || r.failed_at ? r : undefined;
      },
      240_000,
      250,
    );
    expect(row.failure).toBeNull();
    return row.result;
  };

  type Digest = { rows: number; hash: string; worked: number; stray: number };
  /** The stored views (pair, score, flags), worked matches, and suggestions outside every view. */
  const digest = async (): Promise<Digest> => {
    const [r] = await db.query(
      `SELECT count(*) FILTER (WHERE in_need_top OR in_product_top)::int AS rows,
              md5(string_agg(need_id::text || product_id::text || score::text || in_need_top::text || in_product_top::text,
                             ',' ORDER BY need_id, product_id) FILTER (WHERE in_need_top OR in_product_top)) AS hash,
              count(*) FILTER (WHERE status <> 'suggested')::int AS worked,
              count(*) FILTER (WHERE status = 'suggested' AND NOT in_need_top AND NOT in_product_top)::int AS stray
         FROM matches`,
    );
    return r;
  };
  /** Every row's physical version: any write to a row, even of the same values, changes it. */
  const versions = async (): Promise<string> => {
    const [r] = await db.query(
      `SELECT md5(string_agg(id::text || xmin::text || ctid::text, ',' ORDER BY id)) AS v FROM matches`,
    );
    const [p] = await db.query(
      `SELECT md5(string_agg(product_id::text || xmin::text, ',' ORDER BY product_id)) AS v FROM product_views`,
    );
    return `${r.v}/${p.v}`;
  };
  const deadlocks = async (): Promise<number> => {
    const [r] = await db.query(
      `SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()`,
    );
    return r.n;
  };
  const clearViews = () =>
    db.query(
      `DELETE FROM matches WHERE status = 'suggested';
       UPDATE matches SET in_need_top = false, in_product_top = false;
       UPDATE product_views SET size = 0`,
    );

  /** Each packed need's columns with dictionary ids read back, by need id. */
  const decoded = (packed: PackedNeeds) => {
    const c = packed.columns;
    const { dict } = packed;
    return new Map(
      packed.ids.map((id, n) => [
        id,
        [
          ...Object.entries(c)
            .filter(
              ([name, col]) => typeof col !== 'number' && !name.endsWith('Id') && name !== 'idRank',
            )
            .map(([name, col]) => `${name}=${(col as ArrayLike<number>)[n]}`),
          dict.regions[c.regionId[n]],
          dict.industries[c.industryId[n]],
          dict.chainSets[c.chainSetId[n]].join(),
          dict.supplierSets[c.supplierSetId[n]].join(),
        ].join('|'),
      ]),
    );
  };

  it('the workers read the open needs packed as the rules read them one by one', async () => {
    const entries = await loadNeedEntries(db.manager, { kind: 'open' });
    const firmOf = new Map(entries.map((e) => [e.need.id, e.firm.id]));
    // In one page, and in pages of a few firms (each read while the one before is packed).
    for (const firmsPerPage of [undefined, 7]) {
      const packed = await loadPackedOpenNeeds(db, { firmsPerPage });
      expect(decoded(packed.needs)).toEqual(decoded(packNeeds(entries)));
      packed.needs.ids.forEach((id, n) => {
        expect(packed.firmIds[packed.firmOf[n]]).toBe(firmOf.get(id));
        expect(packed.needs.ids[packed.byId[packed.needs.columns.idRank[n]]]).toBe(id);
      });
    }
  });

  it('one worker from empty views gives the reference', async () => {
    await clearViews();
    const w = await start();
    const result = await rematch();
    reference = await digest();
    expect(reference.rows).toBeGreaterThan(OPEN_NEEDS);
    expect(reference.stray).toBe(0);
    expect(result.matches).toBe(
      reference.rows +
        (
          await db.query(
            `SELECT count(*)::int AS n FROM matches WHERE status <> 'suggested' AND NOT in_need_top AND NOT in_product_top`,
          )
        )[0].n,
    );
    expect(await w.stop()).toBe(0);
  }, 300_000);

  it('two workers, four full rematches from the states a live system meets', async () => {
    const deadlocksBefore = await deadlocks();
    const pair = await Promise.all([start(), start()]);

    // 1. From empty views.
    await clearViews();
    await rematch();
    expect(await digest()).toEqual(reference);

    // 2. Nothing changed: not one row is written, not even with the same values.
    const before = await versions();
    const same = await rematch();
    expect(same).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    expect(await versions()).toBe(before);

    // 3. Views gone wrong: scores off, flags flipped, suggestions that belong to no view,
    //    rows missing; and suggestions a bank took into review, which must stay.
    await db.query(`UPDATE matches SET score = score / 2 WHERE hashtext(id::text) % 7 = 0`);
    await db.query(
      `UPDATE matches SET in_need_top = NOT in_need_top, in_product_top = true WHERE hashtext(id::text) % 11 = 0`,
    );
    await db.query(
      `DELETE FROM matches WHERE status = 'suggested' AND hashtext(id::text) % 13 = 0`,
    );
    await db.query(
      `INSERT INTO matches (need_id, product_id, firm_id, bank_id, score, engine_version, in_need_top)
       SELECT n.id, p.id, n.firm_id, p.bank_id, 1, '0.0.1', true
         FROM (SELECT id, firm_id FROM funding_needs WHERE status = 'open' ORDER BY id LIMIT 300) n
        CROSS JOIN (SELECT id, bank_id FROM loan_products ORDER BY id DESC LIMIT 3) p
       ON CONFLICT DO NOTHING`,
    );
    const worked: { id: string }[] = await db.query(
      `WITH w AS (UPDATE matches SET status = 'in_review', version = version + 1
                   WHERE status = 'suggested' AND hashtext(id::text) % 97 = 0 RETURNING id)
       SELECT id FROM w`,
    );
    expect(worked.length).toBeGreaterThan(0);
    const repaired = await rematch();
    expect(repaired.inserted + repaired.updated + repaired.deleted).toBeGreaterThan(0);
    const after = await digest();
    expect({ ...after, worked: 0 }).toEqual({ ...reference, worked: 0 });
    expect(after.worked).toBe(reference.worked + worked.length);
    const [{ n: kept }] = await db.query(
      `SELECT count(*)::int AS n FROM matches WHERE id = ANY($1::uuid[]) AND status = 'in_review'`,
      [worked.map((w) => w.id)],
    );
    expect(kept).toBe(worked.length);

    // 4. Firms' changes matched while the rematch runs: need.changed jobs write the same
    //    rows as the rematch's shards, in their own order of statements.
    const needs: { id: string }[] = await db.query(
      `SELECT id FROM funding_needs WHERE status = 'open' AND hashtext(id::text) % 40 = 0`,
    );
    const running = rematch();
    await db.query(
      `INSERT INTO outbox_events (topic, entity_id) SELECT 'need.changed', unnest($1::uuid[])`,
      [needs.map((n) => n.id)],
    );
    await running;
    // This suite's own queues: other suites may leave jobs in the run's shared prefix.
    await matchingDrained(db, 240_000, {
      redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      prefix: workerEnv.BULL_PREFIX,
    });
    expect({ ...(await digest()), worked: 0 }).toEqual({ ...reference, worked: 0 });

    expect(await deadlocks()).toBe(deadlocksBefore);
    for (const w of pair) expect(await w.stop()).toBe(0);
  }, 1_200_000);
});
