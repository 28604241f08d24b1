#!/usr/bin/env node
// `npm start`: from a fresh clone to a running platform with demo data.
//   dependencies → PostgreSQL + Redis → create-db, migrate, seed → web build →
//   api + worker + web preview → wait until they answer → banner.
// Any child dying stops the others and exits non-zero; Ctrl-C stops them all.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  ROOT,
  bin,
  ensureDependencies,
  loadDotEnv,
  logger,
  run,
  signalGroup,
  startService,
} from './lib/proc.mjs';

/* global fetch, AbortSignal */

const log = logger('start');
const DB_CLI = 'apps/api/src/database/cli.ts';
const VITE_CONFIG = 'apps/web/vite.config.ts';
const READY_TIMEOUT_MS = 180_000;
const DEMO_PASSWORD = 'Lianrong@2026';
const DEMO_LOGINS = [
  ['firm', 'firm@lianrong.demo', '湖南博匠信息科技 — CFO'],
  ['bank', 'bank@lianrong.demo', '中国银行湖南省分行'],
  ['gov', 'gov@lianrong.demo', '湖南省工业和信息化厅'],
  ['gov', 'changsha-gov@lianrong.demo', '长沙市工业和信息化局'],
  ['admin', 'admin@lianrong.demo', 'platform administrator'],
];

/** @type {Map<string, import('node:child_process').ChildProcess>} */
const children = new Map();
let stopping = false;

/** @param {string} message */
function fail(message) {
  log(`FAILED: ${message}`);
  process.exitCode = 1;
}

/**
 * Files the other parts of the repo provide; a missing one means that part has not
 * landed yet, which deserves a plain sentence rather than a stack trace.
 */
function missingEntryPoints() {
  const needed = [DB_CLI, 'apps/api/src/main.ts', 'apps/api/src/worker.ts', VITE_CONFIG];
  return needed.filter((f) => !fs.existsSync(path.join(ROOT, f)));
}

/**
 * @param {number} port
 * @returns {Promise<boolean>}
 */
async function portTaken(port) {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () =>
      server.close(() => resolve(false)),
    );
  });
}

/**
 * @param {string[]} urls any of them answering counts (Vite may bind ::1 or 127.0.0.1)
 * @param {(status: number) => boolean} ok
 */
async function answers(urls, ok) {
  for (const url of urls) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      await res.arrayBuffer().catch(() => undefined);
      if (ok(res.status)) return url;
    } catch {
      // not up yet
    }
  }
  return null;
}

/**
 * @param {string} label
 * @param {() => Promise<string | null>} check resolves with the URL that answered
 * @returns {Promise<string>}
 */
async function waitFor(label, check) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!stopping) {
    const url = await check();
    if (url) {
      log(`${label} answers`);
      return url;
    }
    if (Date.now() > deadline)
      throw new Error(`${label} did not answer within ${READY_TIMEOUT_MS / 1000}s`);
    await delay(1000);
  }
  throw new Error('stopped while waiting');
}

/** @param {NodeJS.Signals} signal */
async function stopAll(signal) {
  if (stopping) return;
  stopping = true;
  const alive = [...children.values()].filter((c) => c.exitCode === null && c.signalCode === null);
  if (alive.length === 0) return;
  log(`stopping ${[...children.keys()].join(', ')} (${signal})`);
  // Always SIGTERM: it is what the api and the worker handle as a graceful shutdown.
  for (const child of alive) signalGroup(child, 'SIGTERM');
  // Give the worker time to finish its current job (graceful shutdown), then insist.
  const exited = Promise.all(alive.map((c) => new Promise((resolve) => c.once('exit', resolve))));
  const timeout = delay(15_000).then(() => 'timeout');
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    log('still running after 15s → SIGKILL');
    for (const child of alive) signalGroup(child, 'SIGKILL');
  }
}

/**
 * @param {string} tag
 * @param {string} cmd
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
function launch(tag, cmd, args, env) {
  const child = startService(tag, cmd, args, env);
  children.set(tag, child);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    fail(`${tag} exited (${signal ?? `code ${code}`}); stopping the others`);
    void stopAll('SIGTERM').then(() => process.exit(1));
  });
  return child;
}

/**
 * @param {string} webUrl
 * @param {number} apiPort
 */
function banner(webUrl, apiPort) {
  const rule = '─'.repeat(72);
  const lines = [
    '',
    rule,
    '  Lianrong 链融 is running',
    '',
    `  Web app       ${webUrl}`,
    `  API docs      http://localhost:${apiPort}/api/docs`,
    '  Queues        bull-board: sign in as admin, 机构管理 → 队列看板',
    '',
    `  Demo logins (password ${DEMO_PASSWORD})`,
    ...DEMO_LOGINS.map(([role, email, who]) => `    ${role.padEnd(6)} ${email.padEnd(22)} ${who}`),
    '',
    '  Ctrl-C stops everything.',
    rule,
    '',
  ];
  console.log(lines.join('\n'));
}

async function main() {
  loadDotEnv();
  for (const sig of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM'])) {
    process.on(sig, () => {
      if (stopping) {
        // Second Ctrl-C: do not wait for graceful shutdowns any longer.
        for (const child of children.values()) signalGroup(child, 'SIGKILL');
        process.exit(1);
      }
      // A requested stop is a normal end unless a child had already failed.
      void stopAll(sig).then(() =>
        process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0),
      );
    });
  }

  await ensureDependencies();
  // Imported only now: services.mjs needs pg and ioredis from node_modules.
  const { ensureServices } = await import('./services.mjs');
  const { databaseUrl, redisUrl } = await ensureServices();

  const missing = missingEntryPoints();
  if (missing.length > 0) {
    throw new Error(
      `these files are not in the repo yet, so the platform cannot start: ${missing.join(', ')}`,
    );
  }

  const apiPort = Number(process.env.API_PORT || 3000);
  const webPort = Number(process.env.WEB_PORT || 4200);
  for (const [name, port] of /** @type {Array<[string, number]>} */ ([
    ['API_PORT', apiPort],
    ['WEB_PORT', webPort],
  ])) {
    if (await portTaken(port))
      throw new Error(`port ${port} (${name}) is in use — stop what runs there or set ${name}`);
  }

  /** @type {NodeJS.ProcessEnv} */
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    API_PORT: String(apiPort),
    WEB_PORT: String(webPort),
    API_URL: process.env.API_URL || `http://127.0.0.1:${apiPort}`,
    // A local run is a demo: the seed loads the demo logins and the login page lists them.
    SEED_DEMO: 'true',
  };

  // Idempotent: a second `npm start` finds the database, the migrations and the
  // demo rows in place and changes nothing.
  for (const command of ['create-db', 'migrate', 'seed']) {
    log(`database: ${command}`);
    const code = await run(process.execPath, ['tools/run-ts.mjs', DB_CLI, command], {
      tag: 'db',
      env,
    });
    if (code !== 0) throw new Error(`${DB_CLI} ${command} failed with exit code ${code}`);
  }

  log('building the web app (vite build)');
  const built = await run(bin('vite'), ['build', '--config', VITE_CONFIG], { tag: 'build', env });
  if (built !== 0) throw new Error(`vite build failed with exit code ${built}`);

  launch('api', process.execPath, ['tools/run-ts.mjs', 'apps/api/src/main.ts'], env);
  launch('worker', process.execPath, ['tools/run-ts.mjs', 'apps/api/src/worker.ts'], env);
  launch(
    'web',
    bin('vite'),
    ['preview', '--config', VITE_CONFIG, '--port', String(webPort), '--strictPort'],
    env,
  );

  await waitFor(`API health (http://127.0.0.1:${apiPort}/api/health)`, () =>
    answers([`http://127.0.0.1:${apiPort}/api/health`], (s) => s === 200),
  );
  // The web config decides the host it binds (127.0.0.1, ::1 or all); the banner
  // shows the address that actually answered.
  const webUrl = await waitFor(`web (port ${webPort})`, () =>
    answers(
      [`http://127.0.0.1:${webPort}/`, `http://localhost:${webPort}/`, `http://[::1]:${webPort}/`],
      (s) => s < 500,
    ),
  );
  banner(webUrl.replace(/\/$/, ''), apiPort);
}

main().catch(async (err) => {
  fail(err instanceof Error ? err.message : String(err));
  await stopAll('SIGTERM');
  process.exit(1);
});
