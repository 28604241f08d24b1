import { Queue } from 'bullmq';
import { MATCHING_QUEUE } from '../../src/queue/queue.constants';
import { redisConnection } from '../../src/queue/queue.module';
import { WORKING_CAPITAL_NEED, creditProduct } from './fixtures';
import { bearer, createTestApp, type Session, type TestApp } from './test-app';
import { eventually, matchingDrained, startWorker, type WorkerProcess } from './worker-process';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const needBody = { ...WORKING_CAPITAL_NEED, amount: 5_000_000, maxRateBps: 450 };
const productBody = creditProduct('流水线测试贷', {
  amountMin: 1_000_000,
  amountMax: 60_000_000,
  termMax: 60,
  rateMinBps: 350,
  minTier: 'innovative',
});

describe('matching pipeline (real Redis, Postgres and worker process)', () => {
  let t: TestApp;
  let worker: WorkerProcess;
  let firm: Session;
  let bank: Session;

  beforeAll(async () => {
    // The API here does not relay, so the outbox test controls when notes reach Redis.
    process.env.OUTBOX_RELAY = 'false';
    t = await createTestApp();
    delete process.env.OUTBOX_RELAY;
    worker = await startWorker();
    firm = await t.login('firm@lianrong.demo');
    bank = await t.login('bank@lianrong.demo');
    // Earlier suites left changes in the outbox; start from a quiet pipeline.
    await drained();
  }, 120_000);
  afterAll(async () => {
    expect(await worker.stop()).toBe(0); // SIGTERM drains and exits cleanly
    await t.close();
  });

  const drained = () => matchingDrained(t.db, 90_000);

  /** The need's matches once everything its posting set off has run. */
  const settledMatchesOf = async (needId: string) => {
    await drained();
    return matchesOf(needId);
  };

  const matchesOf = async (needId: string) =>
    (await t.http().get(`/api/v1/needs/${needId}/matches`).set(bearer(firm)).expect(200)).body
      .items as {
      status: string;
      score: number;
      product: { id: string; name: string };
      components: { name: string; points: number }[];
    }[];

  const jobDone = (jobId: string, who: Session) =>
    eventually(async () => {
      const job = await t.http().get(`/api/v1/jobs/${jobId}`).set(bearer(who)).expect(200);
      return job.body.state === 'completed' ? job.body : undefined;
    });

  it('a posted need gets its ranked, explained matches', async () => {
    const need = await t.http().post('/api/v1/needs').set(bearer(firm)).send(needBody).expect(201);
    const items = await settledMatchesOf(need.body.id);
    // 博匠信息 (srdi; 2025: R&D 6.5 %, 14 patents) fits 创新贷 but not 小巨人贷 (little giants only).
    const names = items.map((i) => i.product.name);
    expect(names).toContain('创新贷');
    expect(names).not.toContain('小巨人贷');
    for (let i = 1; i < items.length; i++)
      expect(items[i - 1].score).toBeGreaterThanOrEqual(items[i].score);
    const top = items[0];
    const sum = top.components.reduce((s, c) => s + c.points, 0);
    expect(Math.abs(sum - top.score)).toBeLessThan(0.01);

    // The stored row of the firm's best product: other suites' products may add rows that are
    // only in an officer's view, so pick the pair the firm was shown.
    const [row] = await t.db.query(
      `SELECT engine_version, in_need_top FROM matches WHERE need_id = $1 AND product_id = $2`,
      [need.body.id, top.product.id],
    );
    expect(row).toMatchObject({
      in_need_top: true,
      engine_version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
  });

  it('a withdrawn need loses its suggested matches', async () => {
    const need = await t.http().post('/api/v1/needs').set(bearer(firm)).send(needBody).expect(201);
    expect((await settledMatchesOf(need.body.id)).length).toBeGreaterThan(0);
    await t.http().post(`/api/v1/needs/${need.body.id}/withdraw`).set(bearer(firm)).expect(200);
    await eventually(async () => {
      const [{ n }] = await t.db.query(
        'SELECT count(*)::int AS n FROM matches WHERE need_id = $1',
        [need.body.id],
      );
      return n === 0 ? true : undefined;
    });
  });

  it('a published product is matched, the bank follows the job, and pausing it keeps only worked matches', async () => {
    const created = await t
      .http()
      .post('/api/v1/products')
      .set(bearer(bank))
      .send(productBody)
      .expect(201);
    const productId = created.body.id as string;
    const job = await jobDone(created.body.matchingJobId, bank);
    expect(job.progress).toBe(100);
    expect(job.result.matchedNeeds).toBeGreaterThan(0);

    const queue = await t
      .http()
      .get(`/api/v1/products/${productId}/matches`)
      .set(bearer(bank))
      .expect(200);
    expect(queue.body.total).toBe(job.result.matchedNeeds);
    // Another bank cannot follow this bank's job.
    const other = await t.login('cssb@lianrong.demo');
    await t.http().get(`/api/v1/jobs/${created.body.matchingJobId}`).set(bearer(other)).expect(404);

    // A bank officer takes one match into review (the review endpoints come with the bank journey).
    const worked = queue.body.items[0].id as string;
    await t.db.query(`UPDATE matches SET status = 'in_review' WHERE id = $1`, [worked]);

    const paused = await t
      .http()
      .patch(`/api/v1/products/${productId}`)
      .set(bearer(bank))
      .send({ status: 'paused' })
      .expect(200);
    await jobDone(paused.body.matchingJobId, bank);
    // The job completes with the officer's view; the firms' views follow on the background queue.
    await drained();
    const rows: { id: string; status: string; ineligible: boolean }[] = await t.db.query(
      'SELECT id, status, ineligible FROM matches WHERE product_id = $1',
      [productId],
    );
    expect(rows).toEqual([{ id: worked, status: 'in_review', ineligible: true }]);
  });

  it('many changes to one need within a moment collapse into one job', async () => {
    await worker.stop();
    const need = await t.http().post('/api/v1/needs').set(bearer(firm)).send(needBody).expect(201);
    for (const termMonths of [6, 9, 18, 24]) {
      await t
        .http()
        .patch(`/api/v1/needs/${need.body.id}`)
        .set(bearer(firm))
        .send({ termMonths })
        .expect(200);
    }
    worker = await startWorker();
    expect((await settledMatchesOf(need.body.id)).length).toBeGreaterThan(0);
    // Five notes in the outbox, one need.changed job in the queue for this need.
    const queue = new Queue(MATCHING_QUEUE, {
      connection: redisConnection(REDIS_URL),
      prefix: process.env.BULL_PREFIX,
    });
    const jobs = await queue.getJobs(['completed', 'active', 'waiting', 'delayed']);
    await queue.close();
    expect(
      jobs.filter((j) => j.name === 'need.changed' && j.data.entityId === need.body.id),
    ).toHaveLength(1);
  });

  it('a change made while Redis is unreachable is matched once Redis is back (outbox)', async () => {
    // Only workers relay in this suite; stop the running one so nothing drains the outbox.
    await worker.stop();
    const need = await t.http().post('/api/v1/needs').set(bearer(firm)).send(needBody).expect(201);
    const pending = () =>
      t.db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE entity_id = $1`, [
        need.body.id,
      ]);
    expect((await pending())[0].n).toBe(1);

    // A worker whose Redis does not answer cannot enqueue; the note stays in the outbox.
    const cutOff = await startWorker({ REDIS_URL: 'redis://127.0.0.1:6390' });
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await pending())[0].n).toBe(1);
    await cutOff.kill();

    // Redis is back: the note is relayed and the need matched.
    worker = await startWorker();
    expect((await settledMatchesOf(need.body.id)).length).toBeGreaterThan(0);
    expect((await pending())[0].n).toBe(0);
  });

  it('a rematch whose shard fails for good fails too, says why, and the next rematch runs', async () => {
    const admin = await t.login('admin@lianrong.demo');
    await drained();
    // A rematch writes only what differs from what is stored: with the suggestions gone it
    // has every row to write again.
    await t.db.query(`DELETE FROM matches WHERE status = 'suggested'`);
    // A real fault, not a mock: the database refuses every row a rematch shard writes (a
    // shard's writes come from its staging table).
    await t.db.query(`CREATE FUNCTION refuse_rematch_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_query() LIKE '%match_sync%' THEN
          RAISE EXCEPTION 'no space left on device (injected)';
        END IF;
        RETURN NEW;
      END $$`);
    await t.db.query(`CREATE TRIGGER refuse_rematch_rows BEFORE INSERT OR UPDATE ON matches
      FOR EACH ROW EXECUTE FUNCTION refuse_rematch_rows()`);
    let failed: { state: string; failure: string; progress: number; finishedAt: string | null };
    try {
      const started = await t.http().post('/api/v1/admin/rematch').set(bearer(admin)).expect(202);
      failed = await eventually(
        async () => {
          const job = await t
            .http()
            .get(`/api/v1/jobs/${started.body.jobId}`)
            .set(bearer(admin))
            .expect(200);
          return job.body.state === 'failed' ? job.body : undefined;
        },
        120_000,
        250,
      );
    } finally {
      await t.db.query('DROP TRIGGER refuse_rematch_rows ON matches');
      await t.db.query('DROP FUNCTION refuse_rematch_rows()');
    }
    expect(failed.failure).toMatch(
      /^rematch\.(needs|products) .*no space left on device \(injected\)/,
    );
    expect(failed.finishedAt).toBeNull();

    const next = await t.http().post('/api/v1/admin/rematch').set(bearer(admin)).expect(202);
    const done = await jobDone(next.body.jobId, admin);
    expect(done.state).toBe('completed');
    expect(done.result.matches).toBeGreaterThan(0);
  }, 180_000);
});
