import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { firmsForOpenNeeds, loadSynthetic } from '../../src/database/scale/load-synthetic';
import { siblingDatabaseUrl } from './test-env';
import {
  clearMatches,
  jobOutcome,
  matchesDigest,
  type MatchesDigest,
  queueRematch as queueRematchAs,
  rematchFinished,
} from './rematch-run';
import { killMidJob, startWorker, type WorkerProcess } from './worker-process';

const ROOT = path.resolve(__dirname, '../../../..');
const SEED = 4242;
const OPEN_NEEDS = 50_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * DESIGN §5 / issue 5: a full rematch whose worker is killed mid-job again and again, each
 * time resumed by a fresh worker, ends exactly where an uninterrupted run ends, without
 * duplicates; two workers agree with one.
 * Its own database, filled with 50k+ synthetic open needs.
 */
describe('rematch.all survives a crashed worker and splits across workers', () => {
  const url = siblingDatabaseUrl('pipeline');
  // Short locks so a killed worker's shards are seen as stalled within seconds.
  const workerEnv = {
    DATABASE_URL: url,
    BULL_PREFIX: `{lianrong-crash-${process.pid}}`,
    WORKER_LOCK_MS: '3000',
    MATCH_SHARD_SIZE: '4000',
    MATCH_PRODUCT_SHARD_SIZE: '20',
    // The production view size: officers' views overlap firms' views the most, so need
    // shards and product shards contend for the same rows.
    MATCH_TOP_M: '1000',
  };
  let db: DataSource;
  let owner: string;
  const workers: WorkerProcess[] = [];
  const start = async (env: NodeJS.ProcessEnv = {}) => {
    const w = await startWorker({ ...workerEnv, ...env });
    workers.push(w);
    return w;
  };

  beforeAll(async () => {
    execFileSync(process.execPath, ['tools/run-ts.mjs', 'apps/api/src/database/cli.ts', 'reset'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
      stdio: 'ignore',
    });
    await loadSynthetic(url, {
      firms: firmsForOpenNeeds(SEED, OPEN_NEEDS),
      products: 200,
      seed: SEED,
      queueRematch: false,
    });
    db = await createDataSource(url).initialize();
    [{ id: owner }] = await db.query(
      `SELECT id FROM organizations WHERE kind = 'bank' ORDER BY id LIMIT 1`,
    );
  }, 180_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await db?.destroy();
  });

  const queueRematch = () => queueRematchAs(db, owner);
  const finished = (id: string) => rematchFinished(db, id);
  const digest = () => matchesDigest(db);
  const clear = () => clearMatches(db);

  let reference: MatchesDigest;

  it('an uninterrupted run gives the reference result', async () => {
    const [{ open }] = await db.query(
      `SELECT count(*)::int AS open FROM funding_needs WHERE status = 'open'`,
    );
    expect(open).toBeGreaterThanOrEqual(OPEN_NEEDS);
    const w = await start();
    await finished(await queueRematch());
    reference = await digest();
    expect(reference.rows).toBeGreaterThan(OPEN_NEEDS); // top 10 for most needs
    expect(reference.pairs).toBe(reference.rows);
    expect(await w.stop()).toBe(0);
  }, 300_000);

  it('SIGKILLed mid-job five times in a row, a fresh worker each time: the same matches, no duplicates', async () => {
    await clear();
    let worker = await start();
    const id = await queueRematch();
    const interrupted = new Set<string>();
    const place = { redisUrl: REDIS_URL, prefix: workerEnv.BULL_PREFIX };
    for (let kill = 1; kill <= 5; kill++) {
      // A shard of 4,000 needs writes in a few hundred milliseconds: kill 50 ms into one.
      const held = await killMidJob(worker, interrupted, place, { dwellMs: 50 });
      expect(held.length).toBeGreaterThan(0);
      // Each kill lands in the run, not after it.
      expect(await jobOutcome(db, id)).toBeUndefined();
      worker = await start();
    }
    expect(interrupted.size).toBeGreaterThanOrEqual(5);
    await finished(id);
    expect(await digest()).toEqual(reference);
    expect(await worker.stop()).toBe(0);
  }, 600_000);

  it('two workers together give the same result as one', async () => {
    await clear();
    const [a, b] = await Promise.all([start(), start()]);
    await finished(await queueRematch());
    expect(await digest()).toEqual(reference);
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
  }, 300_000);

  // Two workers once used to deadlock (need shards and product shards locking the same
  // rows in different orders) and leave the run waiting for ever; a single lucky run
  // proves little, so the race is run again and again.
  it('two workers, five full rematches in a row: each one reaches the reference', async () => {
    // Production shard sizes: long product shards beside need shards are what deadlocked.
    const production = { MATCH_SHARD_SIZE: '25000', MATCH_PRODUCT_SHARD_SIZE: '250' };
    const [a, b] = await Promise.all([start(production), start(production)]);
    for (let run = 0; run < 5; run++) {
      await clear();
      await finished(await queueRematch());
      expect(await digest()).toEqual(reference);
    }
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
  }, 1_200_000);
});
