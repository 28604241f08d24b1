import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { type DataSource } from 'typeorm';
import { createDataSource } from '../../../src/database/data-source';
import { firmsForOpenNeeds, loadSynthetic } from '../../../src/database/scale/load-synthetic';
import { DEMO_PASSWORD } from '../../../src/database/seeds/demo-data';
import { MATCHING_BACKGROUND_QUEUE } from '../../../src/queue/queue.constants';
import { redisConnection } from '../../../src/queue/queue.module';
import { WORKING_CAPITAL_NEED } from '../fixtures';
import {
  clearMatches,
  jobOutcome,
  type MatchesDigest,
  matchesDigest,
  rematchFinished,
} from '../rematch-run';
import { documentedOperations, type Role, ROLES } from '../route-matrix';
import {
  eventually,
  matchingDrained,
  startProcess,
  startWorker,
  type WorkerProcess,
} from '../worker-process';
import { type Answer, call } from './http-call';
import {
  freePort,
  type PrivatePostgres,
  type PrivateRedis,
  startPrivatePostgres,
  startPrivateRedis,
} from './private-services';

const ROOT = path.resolve(__dirname, '../../../../..');
const SEED = 4242;
/**
 * A full rematch of ~3,000 open needs × 100 products in ~100 small shards: long enough
 * that every fault lands in a run under way, short enough to run four times.
 */
const OPEN_NEEDS = 3_000;
const PRODUCTS = 100;
/** The promise under test: while a dependency is away, every request answers within this. */
const ANSWER_WITHIN_MS = 10_000;
/** After the dependency is back, our processes serve again within this, untouched. */
const RECOVER_WITHIN_MS = 30_000;
const EMAILS: Record<Role, string> = {
  firm: 'firm@lianrong.demo',
  bank: 'bank@lianrong.demo',
  gov: 'gov@lianrong.demo',
  admin: 'admin@lianrong.demo',
};
/** What a 503 must never show a client: the driver, the dependency, where it runs. */
const LEAKS = /ECONN|127\.0\.0\.1|postgres|redis|ioredis|terminat|stream|socket|timeout exceeded/i;

/**
 * Issue 13 §6, against real processes: the API (apps/api/src/main.ts) and the matching
 * worker (apps/api/src/worker.ts) run against a PostgreSQL cluster and a Redis of this
 * suite's own (./private-services.ts), which it restarts under them. The shared servers
 * other suites use are never touched. SIGKILLed workers: pipeline-crash.integration-spec.
 */
describe('faults: PostgreSQL and Redis restarted under a running API and worker', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let api: WorkerProcess | undefined;
  let worker: WorkerProcess | undefined;
  let db: DataSource;
  let base: string;
  const tokens = {} as Record<Role, string>;
  const prefix = `{lianrong-faults-${process.pid}}`;
  const place = () => ({ redisUrl: redis.url, prefix });
  const figures = { faults: 0, requestsWhileAway: 0, slowestMs: 0, recoveryMs: [] as number[] };
  let reference: MatchesDigest;

  const http = (method: string, route: string, role?: Role, body?: unknown) =>
    call(base, method, route, {
      token: role ? tokens[role] : undefined,
      body,
      withinMs: ANSWER_WITHIN_MS,
    });

  beforeAll(async () => {
    [pg, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
    const databaseUrl = pg.url('lianrong_faults');
    const env: NodeJS.ProcessEnv = {
      DATABASE_URL: databaseUrl,
      TEST_DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      BULL_PREFIX: prefix,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      // A request waits at most this for a connection while the database is away, and
      // (plus a margin) for the answer to a statement.
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
      DATABASE_STATEMENT_TIMEOUT_MS: '3000',
      // A job whose worker lost Redis is seen as stalled within seconds.
      WORKER_LOCK_MS: '2000',
      MATCH_SHARD_SIZE: '100',
      MATCH_PRODUCT_SHARD_SIZE: '2',
    };
    // The real CLI, as `npm start` and the compose file's migrate service use it.
    for (const command of ['reset', 'seed']) {
      await promisify(execFile)(
        process.execPath,
        ['tools/run-ts.mjs', 'apps/api/src/database/cli.ts', command],
        { cwd: ROOT, env: { ...process.env, ...env } },
      );
    }
    await loadSynthetic(databaseUrl, {
      firms: firmsForOpenNeeds(SEED, OPEN_NEEDS),
      products: PRODUCTS,
      seed: SEED,
    });
    db = await createDataSource(databaseUrl).initialize();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    [api, worker] = await Promise.all([
      startProcess('apps/api/src/main.ts', 'Lianrong API listening', {
        ...env,
        API_PORT: String(port),
      }),
      startWorker(env),
    ]);
    for (const role of ROLES) {
      const res = await http('POST', '/api/v1/auth/login', undefined, {
        email: EMAILS[role],
        password: DEMO_PASSWORD,
      });
      if (res.status !== 200) throw new Error(`login ${role}: ${res.status} ${res.text}`);
      tokens[role] = res.body.accessToken;
    }
    // The seed and the load each queued a full rematch.
    await matchingDrained(db, 180_000, place());
  }, 420_000);

  afterAll(async () => {
    const stop = async (p: WorkerProcess | undefined) => {
      if (!p || p.child.exitCode !== null) return;
      const timer = setTimeout(() => p.child.kill('SIGKILL'), 15_000);
      await p.stop();
      clearTimeout(timer);
    };
    await Promise.all([stop(api), stop(worker)]);
    // For whoever reads a failure: what each process said.
    const logs = path.join(ROOT, 'test-output', 'faults');
    fs.mkdirSync(logs, { recursive: true });
    fs.writeFileSync(path.join(logs, 'api.log'), api?.output() ?? '');
    fs.writeFileSync(path.join(logs, 'worker.log'), worker?.output() ?? '');
    if (pg) fs.writeFileSync(path.join(logs, 'postgres.log'), pg.log());
    if (redis) fs.writeFileSync(path.join(logs, 'redis.log'), redis.log());
    await db?.destroy().catch(() => undefined);
    await Promise.all([pg?.destroy(), redis?.destroy()]);
    console.log(
      `faults survived: ${figures.faults}; requests answered while a dependency was away: ${figures.requestsWhileAway}, slowest ${figures.slowestMs} ms; back to serving after ${figures.recoveryMs.join(' / ')} ms`,
    );
  }, 60_000);

  /** Our processes never restarted: the same API and worker are still running. */
  const expectUntouched = () => {
    for (const p of [api, worker]) {
      expect(p?.child.exitCode).toBeNull();
      expect(p?.child.signalCode).toBeNull();
    }
  };

  /** Queues a full rematch as the admin does, from the UI's button. */
  const rematch = async (): Promise<string> => {
    const res = await http('POST', '/api/v1/admin/rematch', 'admin');
    expect(res.status).toBe(202);
    return res.body.jobId;
  };

  const completedShards = async (): Promise<number> => {
    const queue = new Queue(MATCHING_BACKGROUND_QUEUE, {
      connection: redisConnection(redis.url),
      prefix,
    });
    try {
      return await queue.getCompletedCount();
    } finally {
      await queue.close();
    }
  };

  /** Shards of the run under way still to be done (Redis must answer). */
  const shardsLeft = async (): Promise<number> => {
    const queue = new Queue(MATCHING_BACKGROUND_QUEUE, {
      connection: redisConnection(redis.url),
      prefix,
    });
    try {
      const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(c).reduce((a, b) => a + b, 0);
    } finally {
      await queue.close();
    }
  };

  /** Shards of run `id` that failed at least once and were retried. */
  const retriedShards = async (id: string): Promise<number> => {
    const queue = new Queue(MATCHING_BACKGROUND_QUEUE, {
      connection: redisConnection(redis.url),
      prefix,
    });
    try {
      const jobs = await queue.getJobs(['completed']);
      return jobs.filter((j) => j.id?.startsWith(`${id}-`) && (j.stacktrace ?? []).length > 0)
        .length;
    } finally {
      await queue.close();
    }
  };

  /** Waits until a run is partly done: shards completed since `before`, many more to come. */
  const midway = async (before: number): Promise<void> => {
    await eventually(
      async () =>
        (await completedShards()) > before && (await shardsLeft()) >= 20 ? true : undefined,
      120_000,
      20,
    );
  };

  /** Every answer given while a dependency is away: in time, never a 500, always the shape. */
  const expectHonest = (label: string, res: Answer) => {
    figures.requestsWhileAway++;
    figures.slowestMs = Math.max(figures.slowestMs, res.ms);
    const where = `${label} → ${res.status} ${res.text.slice(0, 200)}`;
    expect({ where, ms: res.ms <= ANSWER_WITHIN_MS }).toEqual({ where, ms: true });
    // The probes answer in their own shape (modules/health and its suite own it). Liveness
    // says the process is up, which it is; readiness must not claim what is away.
    if (label.includes('/api/health/live')) {
      expect({ where, live: res.status }).toEqual({ where, live: 200 });
      return;
    }
    if (label.includes('/api/health')) {
      expect({ where, ready: res.status < 300 }).toEqual({ where, ready: false });
      return;
    }
    expect({ where, status: res.status >= 500 && res.status !== 503 }).toEqual({
      where,
      status: false,
    });
    if (res.status < 400) return;
    expect({ where, shape: Object.keys(res.body ?? {}).sort() }).toEqual({
      where,
      shape: ['details', 'error', 'message', 'statusCode'],
    });
    expect(res.body.statusCode).toBe(res.status);
    if (res.status === 503) {
      expect(res.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: expect.any(String),
        details: [],
      });
      expect({ where, leak: LEAKS.test(res.text) }).toEqual({ where, leak: false });
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
    }
  };

  /** Every documented read, as a role that may call it, while the database is away. */
  const everyRead = async (jobId: string): Promise<Map<string, Answer>> => {
    const answers = new Map<string, Answer>();
    for (const op of documentedOperations()) {
      if (op.method !== 'get') continue;
      const role: Role = op.roles[0] ?? 'firm';
      const route = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        if (name === 'id' && op.path.startsWith('/api/v1/jobs/')) return jobId;
        const param = op.params.find((p) => p.name === name);
        return param?.isUuid === false ? '2024' : '00000000-0000-4000-8000-000000000001';
      });
      const res = await http('GET', route, role);
      expectHonest(`GET ${route} as ${role}`, res);
      answers.set(op.key, res);
    }
    return answers;
  };

  const servingAgain = async (): Promise<void> => {
    const from = Date.now();
    await eventually(
      async () =>
        (await http('GET', '/api/v1/firms/me', 'firm')).status === 200 ? true : undefined,
      RECOVER_WITHIN_MS,
      100,
    );
    figures.recoveryMs.push(Date.now() - from);
  };

  it('an uninterrupted full rematch gives the reference matches', async () => {
    await clearMatches(db);
    const id = await rematch();
    await rematchFinished(db, id, 180_000);
    reference = await matchesDigest(db);
    expect(reference.rows).toBeGreaterThan(OPEN_NEEDS);
    expect(reference.pairs).toBe(reference.rows);
  }, 240_000);

  it('PostgreSQL restarted mid-rematch: 503 in the error shape meanwhile, then service and the same matches without a restart of ours', async () => {
    await clearMatches(db);
    const before = await completedShards();
    const id = await rematch();
    await midway(before);

    await pg.stop();
    try {
      // The outage lands in the run: shards are still to do.
      expect(await shardsLeft()).toBeGreaterThan(0);
      // Reads of every documented route, and the writes people make most.
      const reads = await everyRead(id);
      for (const key of ['GET /firms/me', 'GET /needs', 'GET /jobs/{id}', 'GET /products']) {
        expect({ key, status: reads.get(key)?.status }).toEqual({ key, status: 503 });
      }
      const writes: [string, string, Role | undefined, unknown][] = [
        ['POST', '/api/v1/auth/login', undefined, { email: EMAILS.firm, password: DEMO_PASSWORD }],
        ['POST', '/api/v1/needs', 'firm', WORKING_CAPITAL_NEED],
        ['POST', '/api/v1/admin/rematch', 'admin', undefined],
      ];
      for (const [method, route, role, body] of writes) {
        const res = await http(method, route, role, body);
        expectHonest(`${method} ${route}`, res);
        expect({ route, status: res.status }).toEqual({ route, status: 503 });
      }
    } finally {
      await pg.start();
    }
    figures.faults++;

    await servingAgain();
    const login = await http('POST', '/api/v1/auth/login', undefined, {
      email: EMAILS.firm,
      password: DEMO_PASSWORD,
    });
    expect(login.status).toBe(200);
    // The worker carried the run through the outage: its failed shards were retried.
    await rematchFinished(db, id, 180_000);
    expect(await retriedShards(id)).toBeGreaterThan(0);
    expect(await matchesDigest(db)).toEqual(reference);
    expectUntouched();
  }, 300_000);

  it('PostgreSQL stops answering mid-rematch (frozen, like a hung host): 503 within the bound, no half-made write, and everything carries on when it answers again', async () => {
    await clearMatches(db);
    const needsOf = async () =>
      (await http('GET', '/api/v1/needs', 'firm')).body.items.length as number;
    const needsBefore = await needsOf();
    const before = await completedShards();
    const id = await rematch();
    await midway(before);

    pg.freeze();
    try {
      expect(await shardsLeft()).toBeGreaterThan(0);
      // At once, so pooled connections and new ones are both tried.
      const probes: [string, string, Role | undefined, unknown][] = [
        ['GET', '/api/v1/firms/me', 'firm', undefined],
        ['GET', '/api/v1/needs', 'firm', undefined],
        ['GET', '/api/v1/bank/matches', 'bank', undefined],
        ['GET', '/api/v1/gov/firms', 'gov', undefined],
        ['POST', '/api/v1/needs', 'firm', WORKING_CAPITAL_NEED],
        ['POST', '/api/v1/auth/login', undefined, { email: EMAILS.bank, password: DEMO_PASSWORD }],
      ];
      const answers = await Promise.all(
        probes.map(([method, route, role, body]) => http(method, route, role, body)),
      );
      answers.forEach((res, i) => {
        const [method, route] = probes[i];
        expectHonest(`${method} ${route}`, res);
        expect({ route, status: res.status }).toEqual({ route, status: 503 });
      });
    } finally {
      pg.thaw();
    }
    figures.faults++;

    await servingAgain();
    // The connection the refused need was written on was closed, so it was rolled back.
    expect(await needsOf()).toBe(needsBefore);
    await rematchFinished(db, id, 180_000);
    expect(await matchesDigest(db)).toEqual(reference);
    expectUntouched();
  }, 300_000);

  it('Redis restarted mid-rematch: logins refuse with 503, the rest serves, and the queued shards resume to the same matches', async () => {
    await clearMatches(db);
    const before = await completedShards();
    const id = await rematch();
    await midway(before);

    await redis.stop();
    try {
      expect(await jobOutcome(db, id)).toBeUndefined();
      // The login limits cannot count: logins wait for Redis rather than go unlimited.
      const login = await http('POST', '/api/v1/auth/login', undefined, {
        email: EMAILS.firm,
        password: DEMO_PASSWORD,
      });
      expectHonest('POST /api/v1/auth/login', login);
      expect(login.status).toBe(503);
      // A job's live progress is in Redis: its poll answers 503 in bounded time.
      const progress = await http('GET', `/api/v1/jobs/${id}`, 'admin');
      expectHonest('GET /api/v1/jobs/{id}', progress);
      expect(progress.status).toBe(503);
      // What needs only PostgreSQL serves as usual.
      for (const [route, role] of [
        ['/api/v1/firms/me', 'firm'],
        ['/api/v1/needs', 'firm'],
        ['/api/v1/bank/matches', 'bank'],
      ] as const) {
        const res = await http('GET', route, role);
        expectHonest(`GET ${route}`, res);
        expect({ route, status: res.status }).toEqual({ route, status: 200 });
      }
    } finally {
      await redis.start();
    }
    figures.faults++;

    await eventually(
      async () =>
        (await http('GET', `/api/v1/jobs/${id}`, 'admin')).status === 200 ? true : undefined,
      RECOVER_WITHIN_MS,
      100,
    );
    await rematchFinished(db, id, 180_000);
    expect(await matchesDigest(db)).toEqual(reference);
    expectUntouched();
  }, 300_000);

  it('Redis down: changes made meanwhile wait in the outbox and are matched once it is back — nothing lost', async () => {
    await matchingDrained(db, 120_000, place());
    const needs = await http('GET', '/api/v1/needs', 'firm');
    const open = (needs.body.items as { id: string; status: string }[]).find(
      (n) => n.status === 'open',
    );
    const products = await http('GET', '/api/v1/products', 'bank');
    const active = (products.body.items as { id: string; status: string }[]).find(
      (p) => p.status === 'active',
    );
    expect(open && active).toBeTruthy();

    const changed: string[] = [];
    const held = () =>
      db
        .query('SELECT count(*)::int AS n FROM outbox_events WHERE entity_id = ANY($1::uuid[])', [
          changed,
        ])
        .then(([{ n }]: { n: number }[]) => n);
    await redis.stop();
    let posted: Answer;
    try {
      // Writes go through: the write budget is not counted while Redis is away.
      posted = await http('POST', '/api/v1/needs', 'firm', WORKING_CAPITAL_NEED);
      expect(posted.status).toBe(201);
      const edited = await http('PATCH', `/api/v1/needs/${open?.id}`, 'firm', {
        termMonths: 18,
      });
      expect(edited.status).toBe(200);
      const repriced = await http('PATCH', `/api/v1/products/${active?.id}`, 'bank', {
        rateMaxBps: 700,
      });
      expect(repriced.status).toBe(200);
      changed.push(posted.body.id, open?.id as string, active?.id as string);
      // Both relays (API and worker) try and fail: the notes stay.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await held()).toBe(3);
    } finally {
      await redis.start();
    }
    figures.faults++;
    await eventually(async () => ((await held()) === 0 ? true : undefined), RECOVER_WITHIN_MS, 100);
    await matchingDrained(db, 120_000, place());
    const [{ n: postedMatches }] = await db.query(
      'SELECT count(*)::int AS n FROM matches WHERE need_id = $1',
      [posted.body.id],
    );
    expect(postedMatches).toBeGreaterThan(0);
    const relayed = await matchesDigest(db);

    // What the relayed jobs made of those changes is what a full rematch from scratch makes.
    await clearMatches(db);
    await rematchFinished(db, await rematch(), 180_000);
    expect(await matchesDigest(db)).toEqual(relayed);
    expectUntouched();
  }, 300_000);
});
