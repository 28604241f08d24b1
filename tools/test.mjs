#!/usr/bin/env node
// `npm test`: dependencies → PostgreSQL + Redis (+ Chromium for the browser suite) →
// lint, type-check, unit, integration, e2e — each timed, all run even when one fails —
// then a summary whose last line is exactly `N passed, N failed`.
//   --only unit|integration|e2e|lint|typecheck   (repeatable or comma-separated)
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, bin, ensureDependencies, loadDotEnv, logger, run } from './lib/proc.mjs';
import summary from './lib/summary.cjs';
import servicePlan from './lib/service-plan.cjs';

/** @typedef {import('./lib/summary.cjs').StepResult} StepResult */

const log = logger('test');
const STEP_IDS = /** @type {const} */ (['lint', 'typecheck', 'unit', 'integration', 'e2e']);
const OUTPUT_DIR = path.join(ROOT, 'test-output');
const CHROMIUM = '/usr/bin/chromium';

/**
 * @typedef {object} JestStep
 * @property {'jest'} kind
 * @property {string | null} config null: the root config (unit projects)
 * @property {string[]} args
 * @property {string} suffix database suffix for suites that own a database
 */

/**
 * @typedef {object} Ctx
 * @property {{ databaseUrl: string, redisUrl: string } | null} services
 * @property {string | null} servicesError
 * @property {string | null} chromiumError
 * @property {string} runId
 */

/** @param {string} rel */
const exists = (rel) => fs.existsSync(path.join(ROOT, rel));

/**
 * Env of a suite that owns a database and queue namespace: its own database next to
 * the developer's (lianrong → lianrong_test) so a run never wipes the demo data, and
 * a BullMQ prefix unique to this run so parallel runs never share jobs.
 * @param {Ctx} ctx
 * @param {string} suffix
 * @returns {NodeJS.ProcessEnv}
 */
function suiteEnv(ctx, suffix) {
  if (!ctx.services) return process.env;
  return {
    ...process.env,
    DATABASE_URL: servicePlan.deriveDatabaseUrl(ctx.services.databaseUrl, suffix),
    // The API's integration setup reads this name first (apps/api/test/integration/test-env.ts).
    TEST_DATABASE_URL: servicePlan.deriveDatabaseUrl(ctx.services.databaseUrl, suffix),
    REDIS_URL: ctx.services.redisUrl,
    BULL_PREFIX: `{lianrong-${suffix}-${ctx.runId}}`,
  };
}

/**
 * Unit tests should not need a database; if one does, it gets the developer's URL
 * untouched rather than a test database nobody created.
 * @param {Ctx} ctx
 * @returns {NodeJS.ProcessEnv}
 */
function unitEnv(ctx) {
  return { ...process.env, BULL_PREFIX: `{lianrong-unit-${ctx.runId}}` };
}

/**
 * @param {string} id
 * @param {string} reportPath
 * @param {string | null} config
 * @param {string[]} extra
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<Omit<StepResult, 'id' | 'seconds'>>}
 */
async function runJest(id, reportPath, config, extra, env) {
  // A report left from an earlier run must never stand in for this one.
  fs.rmSync(reportPath, { force: true });
  const args = [
    ...(config ? ['-c', config] : []),
    ...extra,
    '--ci',
    '--json',
    `--outputFile=${path.relative(ROOT, reportPath)}`,
  ];
  log(`jest ${args.join(' ')}`);
  const code = await run(bin('jest'), args, { env });
  /** @type {import('./lib/summary.cjs').JestReport | null} */
  let report = null;
  try {
    report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  } catch {
    // no report: counted as one failure below
  }
  return summary.jestOutcome(report, code);
}

/**
 * @type {Record<(typeof STEP_IDS)[number], (ctx: Ctx) => Promise<Omit<StepResult, 'id' | 'seconds'>>>}
 */
const STEPS = {
  lint: async () => summary.checkOutcome(await run(bin('eslint'), ['.', '--max-warnings=0'])),

  typecheck: async () => summary.checkOutcome(await run(process.execPath, ['tools/typecheck.mjs'])),

  unit: async (ctx) => runJest('unit', path.join(OUTPUT_DIR, 'unit.json'), null, [], unitEnv(ctx)),

  integration: async (ctx) => {
    const config = 'apps/api/jest.integration.config.js';
    if (!exists(config)) return skipped(`${config} does not exist yet`);
    if (!ctx.services) return notRun(`PostgreSQL/Redis unavailable: ${ctx.servicesError}`);
    return runJest(
      'integration',
      path.join(OUTPUT_DIR, 'integration.json'),
      config,
      ['--runInBand'],
      suiteEnv(ctx, 'test'),
    );
  },

  e2e: async (ctx) => {
    const config = 'apps/web-e2e/jest.config.js';
    if (!exists(config)) return skipped(`${config} does not exist yet`);
    if (!ctx.services) return notRun(`PostgreSQL/Redis unavailable: ${ctx.servicesError}`);
    if (ctx.chromiumError) return notRun(`Chromium unavailable: ${ctx.chromiumError}`);
    // The browser suite brings up its own api/web on its own ports and swaps the
    // database name itself (lianrong_e2e); it gets the base URLs and its own queue prefix.
    return runJest('e2e', path.join(OUTPUT_DIR, 'e2e.json'), config, ['--runInBand'], {
      ...process.env,
      DATABASE_URL: ctx.services.databaseUrl,
      REDIS_URL: ctx.services.redisUrl,
      BULL_PREFIX: `{lianrong-e2e-${ctx.runId}}`,
      CHROMIUM_PATH: process.env.CHROMIUM_PATH || CHROMIUM,
    });
  },
};

/**
 * Skipping is only for a suite whose config has not landed yet.
 * @param {string} note
 * @returns {Omit<StepResult, 'id' | 'seconds'>}
 */
function skipped(note) {
  return { status: 'skipped', passed: 0, failed: 0, note };
}

/**
 * A suite that exists but could not run is a failure, not a skip.
 * @param {string} note
 * @returns {Omit<StepResult, 'id' | 'seconds'>}
 */
function notRun(note) {
  return { status: 'failed', passed: 0, failed: 1, note };
}

/** @param {string[]} selected */
async function prepare(selected) {
  /** @type {Ctx} */
  const ctx = {
    services: null,
    servicesError: null,
    chromiumError: null,
    runId: `${Date.now().toString(36)}-${process.pid}`,
  };
  if (!selected.some((s) => s === 'unit' || s === 'integration' || s === 'e2e')) return ctx;

  const { ensureServices, aptInstall } = await import('./services.mjs');
  try {
    ctx.services = await ensureServices();
  } catch (err) {
    ctx.servicesError = err instanceof Error ? err.message : String(err);
    log(`services: FAILED — ${ctx.servicesError}`);
  }

  if (
    selected.includes('e2e') &&
    exists('apps/web-e2e/jest.config.js') &&
    !fs.existsSync(CHROMIUM)
  ) {
    log(`${CHROMIUM} is missing → apt-get install chromium fonts-noto-cjk`);
    try {
      // CJK fonts, or the screenshots of a zh-CN UI show boxes.
      await aptInstall(['chromium', 'fonts-noto-cjk'], { noRecommends: true });
      if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} still missing after the install`);
    } catch (err) {
      ctx.chromiumError = err instanceof Error ? err.message : String(err);
      log(`chromium: FAILED — ${ctx.chromiumError}`);
    }
  }
  return ctx;
}

/** @param {number} s */
const fmt = (s) => `${s.toFixed(1)}s`;

async function main() {
  loadDotEnv();
  // Every suite logs in as the demo users, so each of them (and whatever they start) seeds them.
  process.env.SEED_DEMO = 'true';
  const parsed = summary.parseOnly(process.argv.slice(2), STEP_IDS);
  if (parsed.error) {
    console.error(`usage: npm test [-- --only ${STEP_IDS.join('|')} ...]\n${parsed.error}`);
    process.exit(2);
  }
  const selected = parsed.only ?? [...STEP_IDS];
  const started = performance.now();

  await ensureDependencies();
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const ctx = await prepare(selected);

  /** @type {StepResult[]} */
  const results = [];
  for (const id of STEP_IDS) {
    if (!selected.includes(id)) continue;
    console.log(`\n━━ ${id} ${'━'.repeat(Math.max(0, 60 - id.length))}`);
    const t0 = performance.now();
    /** @type {Omit<StepResult, 'id' | 'seconds'>} */
    let outcome;
    try {
      outcome = await STEPS[id](ctx);
    } catch (err) {
      outcome = notRun(err instanceof Error ? err.message : String(err));
    }
    const seconds = (performance.now() - t0) / 1000;
    results.push({ id, seconds, ...outcome });
    const counts =
      outcome.status === 'skipped' ? '' : ` — ${outcome.passed} passed, ${outcome.failed} failed`;
    log(
      `${id} ${outcome.status} in ${fmt(seconds)}${counts}${outcome.note ? ` (${outcome.note})` : ''}`,
    );
  }

  console.log(`\n━━ summary (${fmt((performance.now() - started) / 1000)}) ${'━'.repeat(44)}`);
  console.log(summary.summaryTable(results));
  // Contract with CI: this is the last line printed.
  console.log(summary.summaryLine(results));
  process.exitCode = summary.exitCodeFor(results);
}

main().catch((err) => {
  // Preparation itself failed (npm install): nothing ran, and the line says so.
  console.error(`[test] FAILED: ${err instanceof Error ? err.message : String(err)}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
