import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { evaluate, needBlockers } from '@lianrong/matching';
import { createDataSource } from '../src/database/data-source';
import { DEFAULT_SEED, loadSynthetic } from '../src/database/scale/load-synthetic';
import { DashboardFactsService } from '../src/modules/dashboards/dashboard-facts.service';
import { loadNeedEntries, loadProducts } from '../src/modules/matching/matching-inputs';
import { WorkingCalendar } from '../src/modules/matches/response-clock';
import { databaseExists, loadAverage, machineLine } from './bench-support';

// npm run bench:gov -- [--firms 1000000] [--products 2000] [--duration 15] [--reuse]
//
// The government dashboard's overview (GET /gov/chains) on the scale data set, through the
// real API process, under autocannon at 10 and 50 connections:
//   facts   the API reads the fact tables the worker builds (what production runs)
//   live    the same figures summed from the records on every request
//           (GOV_DASHBOARD_SOURCE=live): the baseline, measured in the same run
// Each is measured for the same request repeated and for requests cycling through varied
// filters (periods, tiers, cities, banks). Also printed: how long one fact build takes.
//
// Self-contained: its own database (lianrong_bench_gov: reset, demo seed for the gov login,
// seed:scale's synthetic firms, needs and products), its own API on its own port. The
// synthetic data set has no loan history, so the bench writes some, straight in SQL, for
// timing only: a stored match for 60% of open needs and, over the last twelve months,
// applications, reviews, approvals, drawdowns and declines on 4% of needs. These pairs are
// not checked against the matching rules (the figures' correctness is the integration
// suite's job: gov-dashboard.integration-spec.ts).

const ROOT = path.resolve(__dirname, '../../..');
const BASE_URL = process.env.GOV_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const DB_NAME = 'lianrong_bench_gov';
const DATABASE_URL = `${BASE_URL}/${DB_NAME}`;
const PORT = 3700 + (process.pid % 100);
const API = `http://127.0.0.1:${PORT}/api`;
const PASSWORD = 'Lianrong@2026';
const TARGET_P99_MS = 100;
/** A live request longer than this counts as timed out (it keeps the database busy meanwhile). */
const LIVE_TIMEOUT_S = 60;

const LOG_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'lr-gov-bench-'));
const children: ChildProcess[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => console.log(line);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const childEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.base.json'),
  DATABASE_URL,
  BULL_PREFIX: `{lr-gov-bench-${process.pid}}`,
  API_PORT: String(PORT),
  LOGIN_RATE_LIMIT: '100000',
  SEED_DEMO: 'true',
  OUTBOX_RELAY: 'false',
  LOG_LEVEL: 'warn',
  ...extra,
});

async function run(entry: string, args: string[]): Promise<void> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry, ...args], {
    cwd: ROOT,
    env: childEnv(),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${entry} ${args.join(' ')} exited with ${code}`);
}

async function startApi(source: 'facts' | 'live'): Promise<ChildProcess> {
  const log = fs.openSync(path.join(LOG_DIR, `api-${source}.log`), 'a');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    // The live baseline's statements run for tens of seconds: let them finish (the API's
    // default cancels a statement after 30 s) so the baseline is measured, not refused.
    env: childEnv({
      GOV_DASHBOARD_SOURCE: source,
      DATABASE_STATEMENT_TIMEOUT_MS: String((LIVE_TIMEOUT_S + 30) * 1000),
      // Nor refused after waiting 5 s for one of the pool's connections, when 50 queue up.
      DATABASE_CONNECT_TIMEOUT_MS: String(LIVE_TIMEOUT_S * 1000),
    }),
    stdio: ['ignore', log, log],
  });
  children.push(child);
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    const up = await fetch(`${API}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return child;
    await sleep(200);
  }
  throw new Error(`the API did not answer within 90 s (see ${LOG_DIR})`);
}

async function stopApi(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

function stopAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}
process.on('exit', stopAll);

/** Live requests keep running in Postgres after their clients gave up: end them. */
async function cancelQueries(): Promise<void> {
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(
    `SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state = 'active'`,
    [DB_NAME],
  );
  await client.end();
}

/** Loan history on synthetic needs, for timing (see the header): not checked against the rules. */
const SIMULATE_SQL = `
  SELECT setseed(0.2611);
  CREATE TEMP TABLE active AS
    SELECT id, bank_id, rate_min_bps, (row_number() OVER (ORDER BY id) - 1)::int AS k
      FROM loan_products WHERE status = 'active';
  INSERT INTO matches (need_id, product_id, firm_id, bank_id, score, engine_version, in_need_top)
  SELECT n.id, p.id, n.firm_id, p.bank_id, 50, 'bench', true
    FROM (SELECT id, firm_id, floor(random() * (SELECT count(*) FROM active))::int AS k
            FROM funding_needs WHERE status = 'open') n
    JOIN active p ON p.k = n.k
   WHERE random() < 0.6;
  CREATE TEMP TABLE worked AS
    SELECT n.id AS need_id, n.firm_id, n.amount, n.term_months, p.id AS product_id, p.bank_id, p.rate_min_bps,
           random() AS r, now() - random() * interval '360 days' AS applied_at, random() AS r3
      FROM (SELECT id, firm_id, amount, term_months, floor(random() * (SELECT count(*) FROM active))::int AS k
              FROM funding_needs WHERE random() < 0.04) n
      JOIN active p ON p.k = (n.k + 1) % (SELECT count(*) FROM active);
  INSERT INTO matches (need_id, product_id, firm_id, bank_id, score, engine_version, status, version,
      applied_at, first_response_at, proposed_amount, proposed_rate_bps, proposed_term_months,
      approved_amount, approved_rate_bps, approved_term_months, approved_at,
      disbursed_amount, disbursed_at, decline_reason)
  SELECT need_id, product_id, firm_id, bank_id, 50, 'bench',
         (CASE WHEN r < 0.30 THEN 'applied' WHEN r < 0.40 THEN 'in_review' WHEN r < 0.45 THEN 'pending_approval'
               WHEN r < 0.60 THEN 'approved' WHEN r < 0.85 THEN 'disbursed' WHEN r < 0.95 THEN 'declined'
               ELSE 'withdrawn' END)::match_status, 2,
         applied_at,
         CASE WHEN r >= 0.30 OR r3 < 0.5 THEN applied_at + r3 * interval '8 days' END,
         CASE WHEN r >= 0.40 AND r < 0.45 THEN amount END,
         CASE WHEN r >= 0.40 AND r < 0.45 THEN rate_min_bps END,
         CASE WHEN r >= 0.40 AND r < 0.45 THEN term_months END,
         CASE WHEN r >= 0.45 AND r < 0.85 THEN amount END,
         CASE WHEN r >= 0.45 AND r < 0.85 THEN rate_min_bps END,
         CASE WHEN r >= 0.45 AND r < 0.85 THEN term_months END,
         CASE WHEN r >= 0.45 AND r < 0.85 THEN applied_at + interval '9 days' END,
         CASE WHEN r >= 0.60 AND r < 0.85 THEN amount END,
         CASE WHEN r >= 0.60 AND r < 0.85 THEN applied_at + interval '12 days' END,
         CASE WHEN r >= 0.85 AND r < 0.95 THEN 'other' END
    FROM worked
  ON CONFLICT (need_id, product_id) DO NOTHING;
  INSERT INTO match_events (match_id, kind, from_status, to_status, at, amount, occurred_on)
  SELECT id, 'transition', 'in_review', status, COALESCE(disbursed_at, first_response_at),
         CASE WHEN status = 'disbursed' THEN disbursed_amount END,
         CASE WHEN status = 'disbursed' THEN (disbursed_at AT TIME ZONE 'Asia/Shanghai')::date END
    FROM matches WHERE engine_version = 'bench' AND status IN ('declined', 'disbursed');
  ANALYZE;`;

interface Cannon {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

async function cannon(
  token: string,
  paths: string[],
  connections: number,
  seconds: number,
  timeoutS = 10,
  amount?: number,
): Promise<Cannon> {
  const result = await autocannon({
    url: `${API}${paths[0]}`,
    connections,
    ...(amount ? { amount } : { duration: seconds }),
    timeout: timeoutS,
    // As a browser asks: the API keeps the answer's gzip per build of the facts.
    headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
    // Each connection cycles through the list: varied filters defeat any caching.
    requests: paths.map((p) => ({ method: 'GET', path: `/api${p}` })),
  });
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

const line = (label: string, c: Cannon) =>
  `  ${label.padEnd(34)} ${fmt(c.requests).padStart(7)} req  ${c.rps.toFixed(0).padStart(5)} req/s  p50 ${String(c.p50).padStart(6)} ms  p99 ${String(c.p99).padStart(6)} ms  max ${String(c.max).padStart(6)} ms${c.errors + c.timeouts + c.non2xx ? `  errors ${c.errors} timeouts ${c.timeouts} non-2xx ${c.non2xx}` : ''}`;

/** Requests a gov user makes while filtering the page. */
function variedPaths(months: string[]): string[] {
  const [m0, m3, m6, m11] = [months[0], months[3], months[6], months[11]];
  const paths: string[] = [];
  for (const period of [
    '',
    `from=${m6}&to=${m11}`,
    `from=${m0}&to=${m3}`,
    `from=${m11}&to=${m11}`,
  ]) {
    for (const extra of ['', 'tier=srdi', 'city=430100', 'city=430200&tier=little_giant']) {
      const q = [period, extra].filter(Boolean).join('&');
      paths.push(`/v1/gov/chains${q ? `?${q}` : ''}`);
    }
  }
  return paths;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      firms: { type: 'string', default: '1000000' },
      products: { type: 'string', default: '2000' },
      duration: { type: 'string', default: '15' },
      reuse: { type: 'boolean', default: false },
    },
  });
  const firms = Number(values.firms);
  const products = Number(values.products);
  const seconds = Number(values.duration);
  say(
    `gov dashboard bench: db ${DB_NAME}, ${fmt(firms)} firms, ${fmt(products)} products, port ${PORT}, logs ${LOG_DIR}`,
  );
  const load = loadAverage;
  say(machineLine());

  const exists = await databaseExists(BASE_URL, DB_NAME);
  let reused = false;
  if (values.reuse && exists) {
    const c = new Client({ connectionString: DATABASE_URL });
    await c.connect();
    const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM firms`);
    await c.end();
    reused = rows[0].n >= firms;
    if (reused) say(`reusing the loaded database (${fmt(rows[0].n)} firms)`);
  }
  if (!reused) {
    await run('apps/api/src/database/cli.ts', ['reset']);
    await run('apps/api/src/database/cli.ts', ['seed']);
    const load = await loadSynthetic(DATABASE_URL, {
      firms,
      products,
      seed: DEFAULT_SEED,
      queueRematch: false,
    });
    say(
      `loaded ${fmt(load.rows.firms ?? firms)} firms, ${fmt(load.rows.funding_needs)} needs in ${load.seconds.toFixed(0)} s`,
    );
    const started = performance.now();
    const c = new Client({ connectionString: DATABASE_URL });
    await c.connect();
    await c.query(SIMULATE_SQL);
    const { rows } = await c.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM matches GROUP BY status ORDER BY status`,
    );
    await c.end();
    say(
      `loan history written in ${((performance.now() - started) / 1000).toFixed(0)} s: ${rows.map((r) => `${r.status} ${fmt(r.n)}`).join(', ')}`,
    );
  }

  // One fact build, as the worker runs it.
  const ds = await createDataSource(DATABASE_URL).initialize();
  const facts = new DashboardFactsService(ds, new WorkingCalendar());
  const build = await facts.refresh();
  // Again with nothing changed, as the scheduled build finds it: the blockers' verdicts hold.
  const again = await facts.refresh();
  const factRows: { n: string }[] = await ds.query(
    `SELECT (SELECT count(*) FROM gov_fact_needs) + (SELECT count(*) FROM gov_fact_loans)
          + (SELECT count(*) FROM gov_fact_firm_spans) + (SELECT count(*) FROM gov_fact_firms)
          + (SELECT count(*) FROM gov_fact_response_days) AS n`,
  );
  // A blocked need is judged against every active product (nothing ends the scan early):
  // its cost, from needs of the data set and the products each of them fails.
  const entries = await loadNeedEntries(ds.manager, {
    kind: 'ids',
    ids: (
      (await ds.query(
        `SELECT id FROM funding_needs WHERE status = 'open' ORDER BY md5(id::text) LIMIT 200`,
      )) as { id: string }[]
    ).map((r) => r.id),
  });
  const active = (await loadProducts(ds.manager)).filter((p) => p.status === 'active');
  let judgedMs = 0;
  for (const { firm, need } of entries) {
    const failing = active.filter((p) => !evaluate(firm, need, p).eligible);
    const started = performance.now();
    needBlockers(firm, need, failing);
    judgedMs += (performance.now() - started) * (active.length / Math.max(1, failing.length));
  }
  const perBlockedNeedMs = judgedMs / Math.max(1, entries.length);
  const [{ open }] = (await ds.query(
    `SELECT count(*)::int AS open FROM funding_needs WHERE status = 'open'`,
  )) as { open: number }[];
  await ds.destroy();
  say(
    `fact build: ${fmt(build.durationMs)} ms, of which blockers ${fmt(build.blockersMs)} ms (${fmt(build.blockerNeeds)} needs judged); ${fmt(Number(factRows[0].n))} fact rows`,
  );
  say(
    `fact build again, nothing changed: ${fmt(again.durationMs)} ms, of which blockers ${fmt(again.blockersMs)} ms (${fmt(again.blockerNeeds)} needs judged)`,
  );
  say(
    `blockers: a blocked need takes ${perBlockedNeedMs.toFixed(2)} ms to judge against ${fmt(active.length)} products; if 10% of the ${fmt(open)} open needs were blocked, a build would spend ~${fmt((perBlockedNeedMs * open) / 10 / 1000)} s on them`,
  );

  const login = async () => {
    const res = await fetch(`${API}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'gov@lianrong.demo', password: PASSWORD }),
    });
    return ((await res.json()) as { accessToken: string }).accessToken;
  };
  const timed = async (token: string, p: string) => {
    const started = performance.now();
    const res = await fetch(`${API}${p}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as {
      filters?: { period: { from: string; to: string } };
      trend?: { month: string }[];
    };
    if (!res.ok) throw new Error(`${p} → ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    return { ms: performance.now() - started, body };
  };

  // Pre-aggregated: what production serves.
  let api = await startApi('facts');
  let token = await login();
  const first = await timed(token, '/v1/gov/chains');
  const months = (first.body.trend ?? []).map((p) => p.month);
  const varied = variedPaths(months);
  for (const p of varied) await timed(token, p);
  say(`facts: first request ${first.ms.toFixed(0)} ms`);
  const facts10 = await cannon(token, ['/v1/gov/chains'], 10, seconds);
  const facts50 = await cannon(token, ['/v1/gov/chains'], 50, seconds);
  const factsVaried10 = await cannon(token, varied, 10, seconds);
  const factsVaried50 = await cannon(token, varied, 50, seconds);
  say(line('facts, same request, 10 conn', facts10));
  say(line('facts, same request, 50 conn', facts50));
  say(line(`facts, ${varied.length} filter sets, 10 conn`, factsVaried10));
  say(line(`facts, ${varied.length} filter sets, 50 conn`, factsVaried50));
  say(`  (load average ${load()})`);
  await stopApi(api);

  // Baseline: the same figures summed from the records on every request.
  api = await startApi('live');
  token = await login();
  const live1 = await timed(token, '/v1/gov/chains');
  say(`live: one request alone ${fmt(live1.ms)} ms`);
  // One request per connection, all at once: what 10 or 50 users opening the page meet.
  const live10 = await cannon(token, ['/v1/gov/chains'], 10, 0, LIVE_TIMEOUT_S, 10);
  await cancelQueries();
  const live50 = await cannon(token, ['/v1/gov/chains'], 50, 0, LIVE_TIMEOUT_S, 50);
  await cancelQueries();
  say(line('live (baseline), 10 conn', live10));
  say(line('live (baseline), 50 conn', live50));
  await stopApi(api);
  await cancelQueries();

  const ok = (c: Cannon) =>
    c.p99 <= TARGET_P99_MS && c.errors + c.timeouts + c.non2xx === 0 ? 'ok' : 'MISSED';
  say('');
  say(`target: p99 ≤ ${TARGET_P99_MS} ms at 10 and 50 connections (facts)`);
  say(
    `  same request   10 conn p99 ${facts10.p99} ms ${ok(facts10)}; 50 conn p99 ${facts50.p99} ms ${ok(facts50)}`,
  );
  say(
    `  varied filters 10 conn p99 ${factsVaried10.p99} ms ${ok(factsVaried10)}; 50 conn p99 ${factsVaried50.p99} ms ${ok(factsVaried50)}`,
  );
  say(
    `  baseline (live) one request ${fmt(live1.ms)} ms; 10 conn p99 ${live10.p99} ms, 50 conn p99 ${live50.p99} ms`,
  );
  console.log(
    JSON.stringify({
      firms,
      products,
      factBuildMs: build.durationMs,
      factRebuildMs: again.durationMs,
      blockedNeedJudgeMs: Number(perBlockedNeedMs.toFixed(2)),
      factsP99Ms: {
        c10: facts10.p99,
        c50: facts50.p99,
        variedC10: factsVaried10.p99,
        variedC50: factsVaried50.p99,
      },
      factsRps: {
        c10: Math.round(facts10.rps),
        c50: Math.round(facts50.rps),
        variedC10: Math.round(factsVaried10.rps),
        variedC50: Math.round(factsVaried50.rps),
      },
      liveSingleMs: Math.round(live1.ms),
      liveP99Ms: { c10: live10.p99, c50: live50.p99 },
      liveRequests: { c10: live10.requests, c50: live50.requests },
      liveTimeouts: { c10: live10.timeouts, c50: live50.timeouts },
      liveNon2xx: { c10: live10.non2xx, c50: live50.non2xx },
    }),
  );
  if ([facts10, facts50, factsVaried10, factsVaried50].some((c) => ok(c) !== 'ok'))
    process.exitCode = 1;
}

main()
  .catch((e: unknown) => {
    console.error(`gov dashboard bench failed: ${e instanceof Error ? e.stack : String(e)}`);
    process.exitCode = 1;
  })
  .finally(stopAll);
