import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Queue } from 'bullmq';
import { MATCHING_BACKGROUND_QUEUE, MATCHING_QUEUE } from '../../src/queue/queue.constants';
import { redisConnection } from '../../src/queue/queue.module';

const ROOT = path.resolve(__dirname, '../../../..');

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait: the process drains and exits. */
  stop: () => Promise<number | null>;
  /** SIGKILL: the crash case. */
  kill: () => Promise<void>;
}

/**
 * One of our processes from its TypeScript entry point, as tools/run-ts.mjs runs it but
 * spawned directly, so that signals (SIGKILL above all) reach the process itself.
 * Resolves once its output contains `ready`.
 */
export async function startProcess(
  entry: string,
  ready: string,
  env: NodeJS.ProcessEnv = {},
  readyWithinMs = 180_000,
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.base.json'),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes(ready)) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > readyWithinMs) {
        clearInterval(timer);
        child.kill('SIGKILL');
        reject(new Error(`${entry} not ready within ${readyWithinMs} ms:\n${out}`));
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`${entry} exited early:\n${out}`));
    });
  });
  return {
    child,
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A real worker process (apps/api/src/worker.ts), as production runs it. */
export function startWorker(env: NodeJS.ProcessEnv = {}): Promise<WorkerProcess> {
  return startProcess('apps/api/src/worker.ts', 'matching worker started', env);
}

/** Where the queues a test inspects live: its Redis and its run's prefix. */
export interface QueuePlace {
  redisUrl: string;
  /** BullMQ's own default when unset. */
  prefix?: string;
}

const openQueues = (place: QueuePlace) =>
  [MATCHING_QUEUE, MATCHING_BACKGROUND_QUEUE].map(
    (name) =>
      new Queue(name, { connection: redisConnection(place.redisUrl), prefix: place.prefix }),
  );

/**
 * SIGKILLs `worker` in the middle of a job: once it has completed a job of its own and
 * then held another one, that no earlier kill interrupted, for `dwellMs`. Adds every job
 * the dead worker held to `interrupted` and returns them.
 *
 * A job interrupted again and again would fail for good (BullMQ's maxStalledCount), and
 * a stalled job goes back to the head of the queue, so a blind kill would keep hitting
 * the same one; distinct victims keep the test about crashes, not about that limit.
 */
export async function killMidJob(
  worker: WorkerProcess,
  interrupted: Set<string>,
  place: QueuePlace,
  { dwellMs = 300, ms = 180_000 } = {},
): Promise<string[]> {
  const queues = openQueues(place);
  const active = async () => (await Promise.all(queues.map((q) => q.getActive()))).flat();
  const completed = async () =>
    (await Promise.all(queues.map((q) => q.getCompletedCount()))).reduce((a, b) => a + b, 0);
  try {
    const before = await completed();
    await eventually(
      async () => {
        if ((await completed()) === before) return undefined;
        const fresh = (await active()).find(
          (job) =>
            !interrupted.has(job.id as string) &&
            job.processedOn !== undefined &&
            Date.now() - job.processedOn >= dwellMs,
        );
        return fresh ? true : undefined;
      },
      ms,
      20,
    );
    await worker.kill();
    // Still listed as active until another worker's stall check moves them back.
    const held = (await active()).map((job) => job.id as string);
    for (const id of held) interrupted.add(id);
    return held;
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}

/** Polls until `check` returns a value other than undefined, or fails after `ms`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  ms = 15_000,
  every = 50,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, every));
  }
  throw new Error(`condition not met within ${ms} ms${last ? `: ${String(last)}` : ''}`);
}

/** Whatever runs SQL on the test database (a DataSource or an EntityManager). */
interface Db {
  query(sql: string): Promise<{ n: number }[]>;
}

/**
 * Waits until matching is quiet: nothing left in the outbox to relay and no job waiting,
 * delayed or running on either matching queue.
 */
export function matchingDrained(
  db: Db,
  ms: number,
  place: QueuePlace = {
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    prefix: process.env.BULL_PREFIX,
  },
): Promise<true> {
  const { redisUrl, prefix } = place;
  return eventually(
    async () => {
      const [{ n }] = await db.query('SELECT count(*)::int AS n FROM outbox_events');
      if (n > 0) return undefined;
      for (const name of [MATCHING_QUEUE, MATCHING_BACKGROUND_QUEUE]) {
        const queue = new Queue(name, {
          connection: redisConnection(redisUrl),
          prefix,
        });
        const counts = await queue.getJobCounts(
          'waiting',
          'active',
          'delayed',
          'prioritized',
          'waiting-children',
        );
        await queue.close();
        if (Object.values(counts).some((c) => c > 0)) return undefined;
      }
      return true;
    },
    ms,
    100,
  );
}
