import { FlowProducer, type Job, Queue, Worker } from 'bullmq';
import { loadConfig } from '../../src/config/app-config';
import { DashboardFactsProcessor } from '../../src/modules/dashboards/dashboard-facts.processor';
import {
  DashboardFactsService,
  FactsBuildStopped,
} from '../../src/modules/dashboards/dashboard-facts.service';
import { WorkingCalendar } from '../../src/modules/matches/response-clock';
import {
  GOV_FACTS_QUEUE,
  GOV_FACTS_REFRESH_JOB,
  MATCHING_BACKGROUND_QUEUE,
  MATCHING_QUEUE,
} from '../../src/queue/queue.constants';
import { redisConnection } from '../../src/queue/queue.module';
import { createTestApp, type TestApp } from './test-app';
import { eventually } from './worker-process';

// A government facts build and a full rematch: the build waits for the rematch, one under way
// stops when a rematch starts and keeps nothing of itself, and the wait has a bound.

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Queues of this suite alone: no worker of another suite takes its jobs. */
const PREFIX = `{lr-facts-hold-${process.pid}}`;
const place = { connection: redisConnection(REDIS_URL), prefix: PREFIX };

describe('gov facts builds and full rematches', () => {
  let t: TestApp;
  let facts: DashboardFactsService;
  let govQueue: Queue;
  let matchingQueue: Queue;
  let flows: FlowProducer;
  let worker: Worker | undefined;

  const refreshedAt = async () => (await facts.state()).refreshedAt?.getTime() ?? null;

  /** Waits until the build job is in `state`, and returns it. */
  const buildIn = (id: string, state: 'delayed' | 'completed', ms: number) =>
    eventually(async () => {
      const job = (await govQueue.getJob(id)) as Job;
      expect(await job.getState()).toBe(state);
      return job;
    }, ms);

  /** A full rematch in flight: its parent waits for a shard no worker of this suite runs. */
  async function rematchInFlight(): Promise<Job> {
    const flow = await flows.add({
      name: 'rematch.all',
      queueName: MATCHING_QUEUE,
      data: { entityId: null },
      children: [{ name: 'rematch.needs', queueName: MATCHING_BACKGROUND_QUEUE, data: {} }],
    });
    expect(await flow.job.getState()).toBe('waiting-children');
    return flow.job;
  }

  /** Runs the gov facts queue with a processor whose wait for a rematch is `holdMs`. */
  function runBuilds(holdMs: number): void {
    const config = Object.assign(loadConfig(), {
      GOV_FACTS_MIN_INTERVAL_MS: 0,
      GOV_FACTS_REMATCH_HOLD_MS: holdMs,
    });
    const processor = new DashboardFactsProcessor(govQueue, matchingQueue, config, facts);
    worker = new Worker(GOV_FACTS_QUEUE, (job, token) => processor.process(job, token), place);
  }

  beforeAll(async () => {
    t = await createTestApp();
    facts = new DashboardFactsService(t.db, new WorkingCalendar());
    govQueue = new Queue(GOV_FACTS_QUEUE, place);
    matchingQueue = new Queue(MATCHING_QUEUE, place);
    flows = new FlowProducer(place);
    expect((await facts.refresh()).refreshed).toBe(true);
  }, 120_000);

  afterEach(async () => {
    await worker?.close();
    worker = undefined;
    for (const name of [GOV_FACTS_QUEUE, MATCHING_QUEUE, MATCHING_BACKGROUND_QUEUE]) {
      const q = new Queue(name, place);
      await q.obliterate({ force: true });
      await q.close();
    }
  });

  afterAll(async () => {
    await Promise.all([govQueue?.close(), matchingQueue?.close(), flows?.close()]);
    await t?.close();
  });

  it('holds a build while a full rematch runs, and builds once it has ended', async () => {
    const before = await refreshedAt();
    const rematch = await rematchInFlight();
    runBuilds(60_000);
    const build = await govQueue.add(GOV_FACTS_REFRESH_JOB, {});
    // Held: back to delayed, marked with when the hold began, the facts as they were.
    const held = await buildIn(build.id as string, 'delayed', 15_000);
    expect(held.data.heldSince).toEqual(expect.any(Number));
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await refreshedAt()).toBe(before);
    expect(await (await govQueue.getJob(build.id as string))?.getState()).toBe('delayed');

    await rematch.remove({ removeChildren: true });
    const built = await buildIn(build.id as string, 'completed', 30_000);
    expect(built.returnvalue).toMatchObject({ refreshed: true });
    expect(await refreshedAt()).toBeGreaterThan(before as number);
  }, 60_000);

  it('builds anyway once the hold has lasted its bound', async () => {
    const before = await refreshedAt();
    const rematch = await rematchInFlight();
    runBuilds(0);
    const build = await govQueue.add(GOV_FACTS_REFRESH_JOB, {});
    await buildIn(build.id as string, 'completed', 30_000);
    expect(await rematch.getState()).toBe('waiting-children');
    expect(await refreshedAt()).toBeGreaterThan(before as number);
  }, 60_000);

  it('stops a build under way when asked, keeping nothing of it', async () => {
    const before = await refreshedAt();
    // The row versions of the first fact table: a rewrite that was kept would change them.
    const versions = async () =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n, string_agg(xmin::text, ',' ORDER BY ctid) AS v FROM gov_fact_firms`,
        )
      )[0] as { n: number; v: string };
    const kept = await versions();
    expect(kept.n).toBeGreaterThan(0);
    let asked = 0;
    // Yes from the third question on: two fact tables were rewritten by then.
    const stop = async () => ++asked >= 3;
    await expect(facts.refresh(new Date(), { stop })).rejects.toBeInstanceOf(FactsBuildStopped);
    expect(asked).toBe(3);
    expect(await refreshedAt()).toBe(before);
    expect(await versions()).toEqual(kept);
    // And a later build that is not stopped goes through.
    const built = await facts.refresh(new Date(), { stop: async () => false });
    expect(built.refreshed).toBe(true);
    expect((await versions()).v).not.toBe(kept.v);
  }, 120_000);
});
