import { mkdirSync } from 'node:fs';
import { OUTPUT_DIR, SCREENSHOT_DIR } from './support/paths';
import {
  E2E_API_PORT,
  E2E_API_URL,
  E2E_WEB_PORT,
  E2E_WEB_URL,
  e2eDatabaseUrl,
  ensureDatabase,
  run,
  start,
  stop,
  waitForHttp,
  waitForLog,
  webBuildArgs,
  webPreviewArgs,
  type Service,
} from './support/stack';

declare global {
  var __E2E_SERVICES__: Service[] | undefined;
}

const RUN_TS = 'tools/run-ts.mjs';
const DB_CLI = 'apps/api/src/database/cli.ts';
// worker.ts prints this once its BullMQ consumer and outbox relay are up.
const WORKER_READY = 'matching worker started';

/**
 * Brings up a self-contained stack: a fresh `lianrong_e2e` database with the demo
 * seeds, the API on 3100, the matching worker (so publishing a product completes its
 * job) and the production web build on 4300. Setting E2E_BASE_URL
 * instead points the suite at a stack that is already running.
 */
export default async function globalSetup(): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  mkdirSync(OUTPUT_DIR, { recursive: true });
  if (process.env.E2E_BASE_URL) return;

  const databaseUrl = e2eDatabaseUrl();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    API_PORT: String(E2E_API_PORT),
    // Queue keys of this run stay apart from a dev worker sharing the same Redis.
    BULL_PREFIX: process.env.BULL_PREFIX ?? `e2e-${process.pid}`,
    API_URL: E2E_API_URL,
    WEB_PORT: String(E2E_WEB_PORT),
    // The journeys log in as the demo users, and the login page lists them.
    SEED_DEMO: 'true',
  };

  await ensureDatabase(databaseUrl);
  // The build does not need the database, so it runs while the seeds load.
  await Promise.all([
    run('db-reset', [RUN_TS, DB_CLI, 'reset'], env).then(() => run('db-seed', [RUN_TS, DB_CLI, 'seed'], env)),
    run('web-build', webBuildArgs(), env),
  ]);

  const services: Service[] = [];
  globalThis.__E2E_SERVICES__ = services;
  try {
    const api = start('api', [RUN_TS, 'apps/api/src/main.ts'], env);
    services.push(api);
    // Same DATABASE_URL and BULL_PREFIX as the API: it consumes the jobs the API's outbox records.
    const worker = start('worker', [RUN_TS, 'apps/api/src/worker.ts'], env);
    services.push(worker);
    const web = start('web-preview', webPreviewArgs(), env);
    services.push(web);
    await Promise.all([
      waitForHttp(api, `${E2E_API_URL}/api/v1/auth/me`, 120_000),
      waitForLog(worker, WORKER_READY, 120_000),
      waitForHttp(web, `${E2E_WEB_URL}/login`, 60_000),
    ]);
    // Through the preview proxy too, so a wrong API_URL fails here, not in a test.
    await waitForHttp(web, `${E2E_WEB_URL}/api/v1/auth/me`, 10_000);
  } catch (error) {
    await Promise.all(services.map((s) => stop(s)));
    globalThis.__E2E_SERVICES__ = undefined;
    throw error;
  }
  process.env.E2E_BASE_URL = E2E_WEB_URL;
}
