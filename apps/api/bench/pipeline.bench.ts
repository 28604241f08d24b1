import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { performance } from 'node:perf_hooks';
import { type Job, Queue } from 'bullmq';
import { MATCHING_BACKGROUND_QUEUE, MATCHING_QUEUE } from '../src/queue/queue.constants';
import { Client } from 'pg';
import {
  DEFAULT_SEED,
  firmsForOpenNeeds,
  loadSynthetic,
} from '../src/database/scale/load-synthetic';

// npm run bench:pipeline — the matching pipeline end to end, through the real API and
// worker processes (DESIGN §5, issue 5 item 8):
//   productToMatchesMs  POST /products (demo bank) → its matches readable, p50 of 5
//   needToMatchesMs     POST /needs (demo firm)    → its matches readable, p50 of 5
//   rematchAll1wS/2wS   POST /admin/rematch → job completed, with 1 and 2 worker processes
// over 100k open synthetic needs and 500 synthetic products (plus the demo data).
//
// "Readable" means what a user would see:
// - a product: GET /jobs/:matchingJobId says `completed` (the worker sets that only after
//   writing the officer's view) and GET /products/:id/matches has total > 0;
// - a need: GET /needs/:id/matches returns at least one item (need jobs are not tracked).
// Both are polled every POLL_MS (for a product the view is read only once the job says
// completed); the figure is POST start → first poll that sees it. The rematches run first,
// on cold workers each time (the demo seed's queued rematch is dropped), then the products
// and needs on the matched data. Postgres logs this database's statements slower than
// PIPELINE_BENCH_SLOW_MS (default 25; 0 = off) and the bench prints the costliest.
//
// Self-contained: it resets its own database, starts its own API and workers on its own
// port and BullMQ prefix, and stops them (and removes its Redis keys) however it ends.

const ROOT = path.resolve(__dirname, '../../..');
const BASE_URL = process.env.PIPELINE_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const DATABASE_URL = `${BASE_URL}/lianrong_pipeline_bench`;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PORT = 3500 + (process.pid % 100);
const PREFIX = `{lr-bench-${process.pid}}`;
const API = `http://127.0.0.1:${PORT}/api`;
const SEED = DEFAULT_SEED;
const OPEN_NEEDS = Number(process.env.PIPELINE_BENCH_OPEN_NEEDS ?? 100_000);
const PRODUCTS = Number(process.env.PIPELINE_BENCH_PRODUCTS ?? 500);
const ROUNDS = 5;
const POLL_MS = 20;
const PASSWORD = 'Lianrong@2026';
const TARGETS = { productToMatchesMs: 1_000, needToMatchesMs: 150 };

/** Statements slower than this are logged by Postgres for this database only, then summarised. */
const SLOW_MS = Number(process.env.PIPELINE_BENCH_SLOW_MS ?? 25);
const PG_LOG = process.env.PIPELINE_BENCH_PG_LOG ?? '/var/log/postgresql/postgresql-15-main.log';

const LOG_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'lr-pipeline-bench-'));
const children: ChildProcess[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const say = (line: string) => console.log(line);

// --- processes ------------------------------------------------------------------------

const childEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
  ...process.env,
  SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.base.json'),
  DATABASE_URL,
  REDIS_URL,
  BULL_PREFIX: PREFIX,
  API_PORT: String(PORT),
  JWT_ACCESS_TTL_SECONDS: '7200',
  LOGIN_RATE_LIMIT: '1000',
  // The bench logs in as the demo firm and bank.
  SEED_DEMO: 'true',
  ...extra,
});

/** Node with SWC directly (not tools/run-ts.mjs), so the pid we signal is the process itself. */
function start(name: string, entry: string, extra: Record<string, string> = {}): ChildProcess {
  const log = fs.openSync(path.join(LOG_DIR, `${name}.log`), 'a');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: ROOT,
    env: childEnv(extra),
    stdio: ['ignore', log, log],
  });
  children.push(child);
  return child;
}

async function run(entry: string, args: string[]): Promise<void> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry, ...args], {
    cwd: ROOT,
    env: childEnv({}),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${entry} ${args.join(' ')} exited with ${code}`);
}

async function waitForLog(name: string, text: string, timeoutMs = 60_000): Promise<void> {
  const file = path.join(LOG_DIR, `${name}.log`);
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(text)) return;
    await sleep(100);
  }
  throw new Error(`${name} did not log "${text}" within ${timeoutMs} ms (see ${file})`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await Promise.race([once(child, 'exit'), sleep(15_000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

async function stopAll(): Promise<void> {
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const c of alive) c.kill('SIGTERM');
  const deadline = Date.now() + 10_000;
  while (alive.some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < deadline)
    await sleep(100);
  for (const c of alive) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

// Last resort if the bench itself dies: nothing it started may outlive it.
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    void stopAll().finally(() => process.exit(130));
  });
}

// --- HTTP -----------------------------------------------------------------------------

async function http<T>(method: string, url: string, token?: string, body?: unknown): Promise<T> {
  const res = await fetch(`${API}${url}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : null) as T;
}

async function login(email: string): Promise<string> {
  const s = await http<{ accessToken: string }>('POST', '/v1/auth/login', undefined, {
    email,
    password: PASSWORD,
  });
  return s.accessToken;
}

interface JobView {
  state: string;
  progress: number;
  result: Record<string, unknown> | null;
  finishedAt: string | null;
}

async function pollUntil<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > until) throw new Error(`${what}: not done within ${timeoutMs} ms`);
    await sleep(POLL_MS);
  }
}

async function waitForJob(token: string, jobId: string, timeoutMs: number): Promise<JobView> {
  return pollUntil(`job ${jobId}`, timeoutMs, async () => {
    const job = await http<JobView>('GET', `/v1/jobs/${jobId}`, token);
    if (job.state === 'failed') throw new Error(`job ${jobId} failed`);
    return job.state === 'completed' ? job : undefined;
  });
}

// --- where the time goes: BullMQ's own timestamps ---------------------------------------

interface Timing {
  queuedMs: number;
  waitMs: number;
  runMs: number;
}

function timing(job: Job, t0: number): Timing {
  const processed = job.processedOn ?? job.timestamp;
  return {
    queuedMs: job.timestamp - t0,
    waitMs: processed - job.timestamp,
    runMs: (job.finishedOn ?? processed) - processed,
  };
}

/** A fan-out job's phases: enqueue, wait, fan-out, shards (span and each), merge. */
async function fanOutBreakdown(queue: Queue, queueJobId: string, t0: number): Promise<string> {
  const parent = await queue.getJob(queueJobId);
  if (!parent) return 'job already removed';
  const deps = await parent.getDependencies();
  // A child key is <prefix>:<queue>:<id>; a full rematch's shards live on the background queue.
  const children = Object.keys(deps.processed ?? {}).map((k) => ({
    id: k.slice(k.lastIndexOf(':') + 1),
    background: k.includes(`:${MATCHING_BACKGROUND_QUEUE}:`),
  }));
  const background = new Queue(MATCHING_BACKGROUND_QUEUE, {
    connection: queue.opts.connection,
    prefix: PREFIX,
  });
  const shards = (
    await Promise.all(children.map((c) => (c.background ? background : queue).getJob(c.id)))
  ).filter((j): j is Job => j !== undefined);
  const firstShardStart = Math.min(...shards.map((s) => s.processedOn ?? Infinity));
  const lastShardEnd = Math.max(...shards.map((s) => s.finishedOn ?? 0));
  const shardRuns = shards
    .map((s) => `${s.id?.split('-').pop()}:${(s.finishedOn ?? 0) - (s.processedOn ?? 0)}`)
    .join(' ');
  await background.close();
  // The parent's processedOn is its last (merge) step, so only its enqueue and end are shown.
  return (
    `enqueued +${parent.timestamp - t0} ms; ${shards.length} shards ran from +${firstShardStart - t0} ` +
    `to +${lastShardEnd - t0} ms [ms each: ${shardRuns}]; merged by +${(parent.finishedOn ?? 0) - t0} ms`
  );
}

async function needJobBreakdown(queue: Queue, needId: string, t0: number): Promise<string> {
  const jobs = await queue.getJobs(['completed'], 0, 200);
  const job = jobs.find((j) => j.name === 'need.changed' && j.data?.entityId === needId);
  if (!job) return 'job not found';
  const t = timing(job, t0);
  return `enqueued +${t.queuedMs} ms, waited ${t.waitMs} ms, ran ${t.runMs} ms, done +${(job.finishedOn ?? 0) - t0} ms`;
}

// --- where the time goes: Postgres' slow-statement log of this database -----------------

/** Settings of this database only (other engineers' databases are untouched); null resets them. */
async function setSlowStatementLogging(ms: number | null): Promise<void> {
  const db = new Client({ connectionString: `${BASE_URL}/postgres` });
  await db.connect();
  try {
    const settings = {
      log_min_duration_statement: ms === null ? null : String(Math.max(0, Math.floor(ms))),
      // Bind parameters here are arrays of thousands of uuids: never write them to the log.
      log_parameter_max_length: ms === null ? null : '0',
    };
    for (const [name, value] of Object.entries(settings)) {
      await db.query(
        value === null
          ? `ALTER DATABASE lianrong_pipeline_bench RESET ${name}`
          : `ALTER DATABASE lianrong_pipeline_bench SET ${name} = ${value}`,
      );
    }
  } finally {
    await db.end();
  }
}

function pgLogSize(): number {
  try {
    return fs.statSync(PG_LOG).size;
  } catch {
    return -1;
  }
}

/** Slow statements of this database since `offset` in the server log, grouped by their text. */
async function slowStatementSummary(offset: number): Promise<string[]> {
  if (offset < 0) return [`(server log ${PG_LOG} not readable: set PIPELINE_BENCH_PG_LOG)`];
  const groups = new Map<string, { n: number; ms: number; max: number }>();
  const head =
    /@lianrong_pipeline_bench LOG:\s+duration: ([\d.]+) ms\s+(?:statement|execute [^:]*): (.*)$/;
  const entry = /^\d{4}-\d\d-\d\d /;
  let current: { ms: number; sql: string } | null = null;
  const close = () => {
    if (!current) return;
    const key = current.sql.replace(/\s+/g, ' ').trim().slice(0, 110);
    const g = groups.get(key) ?? { n: 0, ms: 0, max: 0 };
    g.n++;
    g.ms += current.ms;
    g.max = Math.max(g.max, current.ms);
    groups.set(key, g);
    current = null;
  };
  // Streamed line by line: the server log is shared and may be large.
  const lines = readline.createInterface({
    input: fs.createReadStream(PG_LOG, { start: offset }),
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    if (entry.test(line)) {
      close();
      const m = head.exec(line);
      if (m) current = { ms: Number(m[1]), sql: m[2] };
    } else if (current && current.sql.length < 200) {
      current.sql += ` ${line}`;
    }
  }
  close();
  return [...groups.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 12)
    .map(
      ([sql, g]) =>
        `${(g.ms / 1000).toFixed(1).padStart(7)} s  ${String(g.n).padStart(5)}×  max ${(g.max / 1000).toFixed(2)} s  ${sql}`,
    );
}

// --- the measurements -------------------------------------------------------------------

async function rematchAll(adminToken: string, queue: Queue, label: string): Promise<number> {
  const t0 = Date.now();
  const started = performance.now();
  const { jobId } = await http<{ jobId: string }>('POST', '/v1/admin/rematch', adminToken);
  const job = await waitForJob(adminToken, jobId, 30 * 60_000);
  const seconds = (performance.now() - started) / 1000;
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  const { rows } = await db
    .query<{ queue_job_id: string }>('SELECT queue_job_id FROM matching_jobs WHERE id = $1', [
      jobId,
    ])
    .finally(() => db.end());
  say(`  ${label}: ${seconds.toFixed(2)} s, result ${JSON.stringify(job.result)}`);
  say(`    ${await fanOutBreakdown(queue, rows[0].queue_job_id, t0)}`);
  return seconds;
}

/**
 * The demo seed leaves a rematch.all in the outbox; the bench starts its own rematches, and
 * a queued one would run first and be counted in the 1-worker figure.
 */
async function dropQueuedRematch(): Promise<void> {
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    await db.query(`DELETE FROM outbox_events WHERE topic = 'rematch.all'`);
  } finally {
    await db.end();
  }
}

async function clearMatches(): Promise<void> {
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    await db.query(`DELETE FROM matches WHERE status = 'suggested'`);
  } finally {
    await db.end();
  }
}

/** Eligible for nearly every synthetic need: any tier, region, amount, term, collateral, purpose. */
const wideProduct = (round: number) => ({
  name: `基准测试普惠贷${round + 1}`,
  kind: 'credit',
  amountMin: 100_000,
  amountMax: 100_000_000,
  termMin: 1,
  termMax: 120,
  rateMinBps: 350,
  rateMaxBps: 900,
  minTier: 'none',
  regions: [],
  sectors: [],
  chainIds: [],
  collateralAccepted: ['none', 'ip_pledge', 'receivables', 'property', 'equipment', 'guarantee'],
  purposes: [],
});

async function productRounds(bankToken: string, queue: Queue): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = Date.now();
    const started = performance.now();
    const product = await http<{ id: string; matchingJobId: string }>(
      'POST',
      '/v1/products',
      bankToken,
      wideProduct(round),
    );
    const postMs = performance.now() - started;
    const total = await pollUntil(`product ${product.id}`, 600_000, async () => {
      // The job first: reading the officer's view while shards write it only adds load.
      const job = await http<JobView>('GET', `/v1/jobs/${product.matchingJobId}`, bankToken);
      if (job.state === 'failed') throw new Error(`product job ${product.matchingJobId} failed`);
      if (job.state !== 'completed') return undefined;
      const matches = await http<{ total: number }>(
        'GET',
        `/v1/products/${product.id}/matches?limit=1`,
        bankToken,
      );
      return matches.total > 0 ? matches.total : undefined;
    });
    const ms = performance.now() - started;
    samples.push(ms);
    say(
      `  product ${round + 1}: ${ms.toFixed(0)} ms (POST ${postMs.toFixed(0)} ms, ${total} needs in view)`,
    );
    const db = new Client({ connectionString: DATABASE_URL });
    await db.connect();
    const { rows } = await db
      .query<{ queue_job_id: string }>('SELECT queue_job_id FROM matching_jobs WHERE id = $1', [
        product.matchingJobId,
      ])
      .finally(() => db.end());
    say(`    ${await fanOutBreakdown(queue, rows[0].queue_job_id, t0)}`);
    await sleep(300);
  }
  return samples;
}

async function needRounds(firmToken: string, queue: Queue): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = Date.now();
    const started = performance.now();
    // Like the demo's bojiang-wc need, which the demo banks' products match.
    const need = await http<{ id: string }>('POST', '/v1/needs', firmToken, {
      amount: 5_000_000 + round * 100_000,
      termMonths: 12,
      purpose: 'working_capital',
      maxRateBps: 450,
      collateral: 'none',
      note: `基准测试 ${round + 1}`,
    });
    const postMs = performance.now() - started;
    const items = await pollUntil(`need ${need.id}`, 60_000, async () => {
      const m = await http<{ items: unknown[] }>('GET', `/v1/needs/${need.id}/matches`, firmToken);
      return m.items.length > 0 ? m.items.length : undefined;
    });
    const ms = performance.now() - started;
    samples.push(ms);
    say(
      `  need ${round + 1}: ${ms.toFixed(0)} ms (POST ${postMs.toFixed(0)} ms, ${items} products)`,
    );
    say(`    ${await needJobBreakdown(queue, need.id, t0)}`);
    await sleep(300);
  }
  return samples;
}

async function main(): Promise<void> {
  const benchStart = performance.now();
  say(
    `pipeline bench: db lianrong_pipeline_bench, port ${PORT}, prefix ${PREFIX}, logs ${LOG_DIR}`,
  );
  await run('apps/api/src/database/cli.ts', ['reset']);
  await run('apps/api/src/database/cli.ts', ['seed']);
  if (SLOW_MS > 0) await setSlowStatementLogging(SLOW_MS);
  await dropQueuedRematch();
  const firms = firmsForOpenNeeds(SEED, OPEN_NEEDS);
  const load = await loadSynthetic(DATABASE_URL, {
    firms,
    products: PRODUCTS,
    seed: SEED,
    queueRematch: false,
  });
  say(
    `loaded ${firms} firms, ${load.rows.funding_needs} needs (≥ ${OPEN_NEEDS} open), ${load.rows.loan_products} products in ${load.seconds.toFixed(1)} s`,
  );

  const queue = new Queue(MATCHING_QUEUE, {
    connection: {
      host: new URL(REDIS_URL).hostname,
      port: Number(new URL(REDIS_URL).port || 6379),
      maxRetriesPerRequest: null,
    },
    prefix: PREFIX,
  });
  try {
    start('api', 'apps/api/src/main.ts', { LOG_LEVEL: 'warn', OUTBOX_RELAY: 'true' });
    const worker1 = start('worker-1', 'apps/api/src/worker.ts');
    await Promise.all([
      waitForLog('api', 'Lianrong API listening'),
      waitForLog('worker-1', 'matching worker started'),
    ]);
    const [admin, bank, firm] = await Promise.all(
      ['admin', 'bank', 'firm'].map((r) => login(`${r}@lianrong.demo`)),
    );

    const logStart = pgLogSize();
    say('rematch.all');
    const rematchAll1wS = await rematchAll(admin, queue, '1 worker');
    await clearMatches();
    // Both runs start from cold workers (caches empty), so they do the same work.
    await stop(worker1);
    start('worker-1b', 'apps/api/src/worker.ts');
    start('worker-2', 'apps/api/src/worker.ts');
    await Promise.all([
      waitForLog('worker-1b', 'matching worker started'),
      waitForLog('worker-2', 'matching worker started'),
    ]);
    const rematchAll2wS = await rematchAll(admin, queue, '2 workers');

    say('product → matches (2 workers, after a full rematch)');
    const productToMatchesMs = Math.round(median(await productRounds(bank, queue)));
    say('need → matches');
    const needToMatchesMs = Math.round(median(await needRounds(firm, queue)));

    if (SLOW_MS > 0) {
      say(`slowest statements (≥ ${SLOW_MS} ms each, whole bench, by total time):`);
      for (const line of await slowStatementSummary(logStart)) say(`  ${line}`);
    }
    const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
    say('');
    say(
      `productToMatchesMs ${productToMatchesMs} (target ≤ ${TARGETS.productToMatchesMs}) ${ok(productToMatchesMs <= TARGETS.productToMatchesMs)}`,
    );
    say(
      `needToMatchesMs    ${needToMatchesMs} (target ≤ ${TARGETS.needToMatchesMs}) ${ok(needToMatchesMs <= TARGETS.needToMatchesMs)}`,
    );
    say(`rematchAll1wS      ${rematchAll1wS.toFixed(2)}`);
    say(
      `rematchAll2wS      ${rematchAll2wS.toFixed(2)} (target < 1 worker) ${ok(rematchAll2wS < rematchAll1wS)}`,
    );
    say(
      `bench wall time ${((performance.now() - benchStart) / 1000).toFixed(0)} s; process logs in ${LOG_DIR}`,
    );
    console.log(
      JSON.stringify({
        productToMatchesMs,
        needToMatchesMs,
        rematchAll1wS: Number(rematchAll1wS.toFixed(2)),
        rematchAll2wS: Number(rematchAll2wS.toFixed(2)),
      }),
    );
  } finally {
    await stopAll();
    if (SLOW_MS > 0) await setSlowStatementLogging(null).catch(() => undefined);
    // The bench's keys only: its prefix is its own.
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

main().catch(async (e: unknown) => {
  console.error(`pipeline bench failed: ${e instanceof Error ? e.stack : String(e)}`);
  await stopAll();
  process.exit(1);
});
