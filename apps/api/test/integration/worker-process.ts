import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Queue } from 'bullmq';
import { MATCHING_BACKGROUND_QUEUE, MATCHING_QUEUE } from '../../src/queue/queue.constants';
import { redisConnection } from '../../src/queue/queue.module';

const ROOT = path.resolve(__dirname, '../../../..');

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait: the worker drains and exits. */
  stop: () => Promise<number | null>;
  /** SIGKILL: the crash case. */
  kill: () => Promise<void>;
}

/** A real worker process (apps/api/src/worker.ts), as production runs it. */
export async function startWorker(env: NodeJS.ProcessEnv = {}): Promise<WorkerProcess> {
  // Spawned directly (not through tools/run-ts.mjs) so that SIGKILL reaches the worker itself.
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/worker.ts'], {
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
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('matching worker started')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`worker exited early:\n${out}`));
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
export function matchingDrained(db: Db, ms: number): Promise<true> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  return eventually(
    async () => {
      const [{ n }] = await db.query('SELECT count(*)::int AS n FROM outbox_events');
      if (n > 0) return undefined;
      for (const name of [MATCHING_QUEUE, MATCHING_BACKGROUND_QUEUE]) {
        const queue = new Queue(name, {
          connection: redisConnection(redisUrl),
          prefix: process.env.BULL_PREFIX,
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
