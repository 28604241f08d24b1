#!/usr/bin/env node
// Makes sure PostgreSQL and Redis answer at DATABASE_URL / REDIS_URL.
//   1. They answer → use them, touch nothing.
//   2. A Docker engine runs → `docker compose -f docker/compose.yaml up -d` the missing ones.
//   3. Otherwise → install from Debian packages (root or sudo), start them, and let the
//      URL's user log in over loopback (pg_hba `trust` for 127.0.0.1 and ::1).
// The branch is chosen by tools/lib/service-plan.cjs (pure, unit-tested); this file
// only probes and carries the plan out.
//
// CLI: node tools/services.mjs [--plan]   (--plan: print the probes and the plan, change nothing)
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { URL, pathToFileURL } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';
import plan from './lib/service-plan.cjs';
import { ROOT, loadDotEnv, logger, run, sleep, succeeds, which } from './lib/proc.mjs';

const log = logger('services');
const COMPOSE_FILE = path.join(ROOT, 'docker', 'compose.yaml');
const READY_TIMEOUT_MS = 120_000;
// Debian's default cluster name; overridable for machines (and our own branch tests)
// that keep a differently named cluster.
const PG_CLUSTER = process.env.LIANRONG_PG_CLUSTER || 'main';

/** @typedef {import('./lib/service-plan.cjs').ServiceState} ServiceState */

/**
 * @param {NodeJS.ProcessEnv} [env]
 */
export function serviceUrls(env = process.env) {
  return {
    databaseUrl: env.DATABASE_URL || plan.DEFAULT_DATABASE_URL,
    redisUrl: env.REDIS_URL || plan.DEFAULT_REDIS_URL,
  };
}

/**
 * @param {string} host
 * @param {number} port
 * @param {number} [timeoutMs]
 * @returns {Promise<boolean>}
 */
export function tcpAnswers(host, port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: host.replace(/^\[|\]$/g, ''), port });
    const done = (/** @type {boolean} */ ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Logs in to the maintenance database `postgres` (the app database may not exist
 * yet: `create-db` makes it).
 * @param {string} databaseUrl
 * @returns {Promise<{ state: ServiceState, detail: string }>}
 */
export async function probePostgres(databaseUrl) {
  const url = new URL(databaseUrl);
  const port = Number(url.port || 5432);
  if (!(await tcpAnswers(url.hostname, port)))
    return { state: 'down', detail: `nothing listens on ${url.host}` };
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({
    connectionString: admin.toString(),
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
    const r = await client.query('SHOW server_version');
    return { state: 'up', detail: `PostgreSQL ${r.rows[0].server_version}` };
  } catch (err) {
    return { state: 'auth_failed', detail: err instanceof Error ? err.message : String(err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * @param {string} redisUrl
 * @returns {Promise<{ state: ServiceState, detail: string, evictionPolicy?: string }>}
 */
export async function probeRedis(redisUrl) {
  const url = new URL(redisUrl);
  const port = Number(url.port || 6379);
  if (!(await tcpAnswers(url.hostname, port)))
    return { state: 'down', detail: `nothing listens on ${url.host}` };
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => undefined); // reported through the awaited calls below
  try {
    await client.connect();
    await client.ping();
    const info = await client.info('server');
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
    /** @type {string | undefined} */
    let evictionPolicy;
    try {
      const policy = /** @type {string[]} */ (await client.config('GET', 'maxmemory-policy'));
      evictionPolicy = policy[1];
    } catch {
      // CONFIG may be renamed or forbidden on managed Redis; the policy check is advisory.
    }
    return { state: 'up', detail: `Redis ${version}`, evictionPolicy };
  } catch (err) {
    return { state: 'auth_failed', detail: err instanceof Error ? err.message : String(err) };
  } finally {
    client.disconnect();
  }
}

function postgresInstalled() {
  if (!which('pg_ctlcluster')) return false;
  try {
    return fs
      .readdirSync('/usr/lib/postgresql')
      .some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));
  } catch {
    return false;
  }
}

/**
 * @param {{ databaseUrl: string, redisUrl: string }} urls
 * @returns {Promise<{ probes: import('./lib/service-plan.cjs').Probes, details: { postgres: string, redis: string }, evictionPolicy?: string }>}
 */
export async function gatherProbes(urls) {
  const [p, r] = await Promise.all([probePostgres(urls.databaseUrl), probeRedis(urls.redisUrl)]);
  const needHost = p.state !== 'up' || r.state !== 'up';
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return {
    probes: {
      postgres: p.state,
      redis: r.state,
      postgresLocal: plan.isLoopbackHost(new URL(urls.databaseUrl).hostname),
      redisLocal: plan.isLoopbackHost(new URL(urls.redisUrl).hostname),
      // Host probes only matter when something is missing; `docker info` can take seconds.
      docker: needHost && which('docker') !== null && succeeds('docker', ['info']),
      root,
      sudo: which('sudo') !== null,
      apt: which('apt-get') !== null,
      postgresInstalled: needHost && postgresInstalled(),
      redisInstalled: needHost && which('redis-server') !== null,
    },
    details: { postgres: p.detail, redis: r.detail },
    evictionPolicy: r.evictionPolicy,
  };
}

// ---------------------------------------------------------------------------------
// Privileged execution for the Debian branch.

/** @type {'root' | 'sudo'} */
let privilege = 'root';

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ input?: string }} [opts]
 */
function runPrivileged(cmd, args, opts = {}) {
  if (privilege === 'root') return run(cmd, args, { tag: 'services', input: opts.input });
  // -n: fail rather than hang on a password prompt when nobody can answer it.
  const sudoArgs = process.stdin.isTTY && opts.input === undefined ? [] : ['-n'];
  return run('sudo', [...sudoArgs, cmd, ...args], { tag: 'services', input: opts.input });
}

/**
 * @param {string} cmd
 * @param {string[]} args
 */
async function mustRunPrivileged(cmd, args) {
  const code = await runPrivileged(cmd, args);
  if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${code}`);
}

let aptUpdated = false;
const APT_ENV = 'DEBIAN_FRONTEND=noninteractive';

async function aptUpdateOnce() {
  if (aptUpdated) return;
  log('apt-get update');
  await mustRunPrivileged('env', [APT_ENV, 'apt-get', 'update']);
  aptUpdated = true;
}

/**
 * apt-get update runs at most once per process (it is slow and the lists do not
 * change within a run). Exported for tools/test.mjs (Chromium).
 * @param {string[]} packages
 * @param {{ noRecommends?: boolean }} [opts]
 */
export async function aptInstall(packages, opts = {}) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  privilege = root ? 'root' : 'sudo';
  if (!root && !which('sudo'))
    throw new Error(`installing ${packages.join(', ')} needs root or sudo`);
  if (!which('apt-get'))
    throw new Error(`no apt-get here: install ${packages.join(', ')} yourself`);
  await aptUpdateOnce();
  log(`apt-get install ${packages.join(' ')}`);
  await mustRunPrivileged('env', [
    APT_ENV,
    'apt-get',
    'install',
    '-y',
    ...(opts.noRecommends ? ['--no-install-recommends'] : []),
    ...packages,
  ]);
}

function postgresVersion() {
  /** @type {string[]} */
  let names = [];
  try {
    names = fs.readdirSync('/etc/postgresql');
  } catch {
    // no cluster configuration at all yet
  }
  const fromEtc = plan.pickPostgresVersion(names);
  if (fromEtc) return fromEtc;
  try {
    return plan.pickPostgresVersion(fs.readdirSync('/usr/lib/postgresql'));
  } catch {
    return null;
  }
}

/** @param {string} databaseUrl */
async function startPostgres(databaseUrl) {
  const version = postgresVersion();
  if (!version)
    throw new Error(
      'PostgreSQL is installed but no version directory was found under /usr/lib/postgresql',
    );
  if (!fs.existsSync(`/etc/postgresql/${version}/${PG_CLUSTER}`)) {
    log(`creating cluster ${version}/${PG_CLUSTER}`);
    await mustRunPrivileged('pg_createcluster', [version, PG_CLUSTER]);
  }
  const port = new URL(databaseUrl).port || '5432';
  if (port !== '5432')
    log(
      `note: DATABASE_URL uses port ${port}; the Debian cluster listens where its postgresql.conf says`,
    );
  log(`starting PostgreSQL ${version} (pg_ctlcluster ${version} ${PG_CLUSTER} start)`);
  // Debian's policy-rc.d keeps services from starting on install, and there may be
  // no systemd: start the cluster directly.
  const code = await runPrivileged('pg_ctlcluster', [
    '--skip-systemctl-redirect',
    version,
    PG_CLUSTER,
    'start',
  ]);
  // Exit 2 is "already running" — fine, the wait below decides.
  if (code !== 0 && code !== 2)
    throw new Error(`pg_ctlcluster start failed with exit code ${code}`);
}

/** @param {string} databaseUrl */
async function ensurePostgresLogin(databaseUrl) {
  const deadline = Date.now() + 30_000;
  let probe = await probePostgres(databaseUrl);
  while (probe.state === 'down' && Date.now() < deadline) {
    await sleep(500);
    probe = await probePostgres(databaseUrl);
  }
  if (probe.state !== 'auth_failed') return;
  const version = postgresVersion();
  const hbaPath = `/etc/postgresql/${version}/${PG_CLUSTER}/pg_hba.conf`;
  const user = decodeURIComponent(new URL(databaseUrl).username || 'postgres');
  log(`login refused (${probe.detail})`);
  const current = await readPrivileged(hbaPath);
  const next = plan.withLoopbackTrust(current, user);
  if (next === null) {
    throw new Error(
      `${hbaPath} already trusts ${user} on loopback, yet login fails: ${probe.detail}`,
    );
  }
  log(
    `${hbaPath}: trusting user "${user}" from 127.0.0.1 and ::1 (local development; no password in the URL)`,
  );
  if (!fs.existsSync(`${hbaPath}.lianrong.bak`))
    await writePrivileged(`${hbaPath}.lianrong.bak`, current);
  await writePrivileged(hbaPath, next);
  await mustRunPrivileged('pg_ctlcluster', [
    '--skip-systemctl-redirect',
    String(version),
    PG_CLUSTER,
    'reload',
  ]);
}

/** @param {string} file */
async function readPrivileged(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (privilege === 'root') throw err;
    // pg_hba.conf is readable by the postgres user only.
    const { execFileSync } = await import('node:child_process');
    return execFileSync('sudo', ['-n', 'cat', file], { encoding: 'utf8' });
  }
}

/**
 * @param {string} file
 * @param {string} content
 */
async function writePrivileged(file, content) {
  if (privilege === 'root') {
    fs.writeFileSync(file, content);
    return;
  }
  const code = await runPrivileged('tee', [file], { input: content });
  if (code !== 0) throw new Error(`cannot write ${file}`);
}

/** @param {string} redisUrl */
async function startRedis(redisUrl) {
  const port = new URL(redisUrl).port || '6379';
  // Debian's package makes /var/lib/redis and /var/log/redis; without them (or
  // without root) keep the data inside the repo's ignored tmp/.
  const system = privilege === 'root' || privilege === 'sudo';
  const dataDir =
    system && fs.existsSync('/var/lib/redis') ? '/var/lib/redis' : path.join(ROOT, 'tmp', 'redis');
  const logFile =
    system && fs.existsSync('/var/log/redis')
      ? '/var/log/redis/lianrong.log'
      : path.join(dataDir, 'redis.log');
  fs.mkdirSync(dataDir, { recursive: true });
  log(
    `starting redis-server on 127.0.0.1:${port} (appendonly yes, maxmemory-policy noeviction, dir ${dataDir})`,
  );
  // AOF and noeviction: BullMQ loses jobs if Redis drops keys or a restart forgets them.
  await mustRunPrivileged('redis-server', [
    '--daemonize',
    'yes',
    '--bind',
    '127.0.0.1',
    '--port',
    port,
    '--appendonly',
    'yes',
    '--maxmemory-policy',
    'noeviction',
    '--dir',
    dataDir,
    '--logfile',
    logFile,
  ]);
}

/**
 * @param {{ databaseUrl: string, redisUrl: string }} urls
 * @param {number} timeoutMs
 */
async function waitUntilUp(urls, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    const [p, r] = await Promise.all([probePostgres(urls.databaseUrl), probeRedis(urls.redisUrl)]);
    if (p.state === 'up' && r.state === 'up') {
      log(`PostgreSQL answers (${p.detail}); Redis answers (${r.detail})`);
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs / 1000}s — PostgreSQL: ${p.state} (${p.detail}); Redis: ${r.state} (${r.detail})`,
      );
    }
    if (!announced) {
      log('waiting for PostgreSQL and Redis to answer…');
      announced = true;
    }
    await sleep(1000);
  }
}

/**
 * @param {{ env?: NodeJS.ProcessEnv, dryRun?: boolean }} [opts]
 * @returns {Promise<{ databaseUrl: string, redisUrl: string, branch: string }>}
 */
export async function ensureServices(opts = {}) {
  const urls = serviceUrls(opts.env);
  log(`checking PostgreSQL at ${redact(urls.databaseUrl)} and Redis at ${redact(urls.redisUrl)}`);
  const { probes, details, evictionPolicy } = await gatherProbes(urls);
  log(`PostgreSQL: ${probes.postgres} (${details.postgres})`);
  log(`Redis: ${probes.redis} (${details.redis})`);
  if (evictionPolicy && evictionPolicy !== 'noeviction') {
    // Not ours to reconfigure: it answered, so someone else runs it.
    log(
      `warning: Redis maxmemory-policy is "${evictionPolicy}"; BullMQ wants "noeviction" (left unchanged)`,
    );
  }
  const decided = plan.planServices(probes);
  if (opts.dryRun) {
    log(`probes: ${JSON.stringify(probes)}`);
    log(`plan: ${JSON.stringify(decided)}`);
    return { ...urls, branch: decided.kind };
  }
  switch (decided.kind) {
    case 'ready':
      log('both answer — using them as they are');
      return { ...urls, branch: 'ready' };
    case 'error':
      throw new Error(decided.message);
    case 'docker': {
      log(
        `Docker engine found → docker compose -f docker/compose.yaml up -d ${decided.services.join(' ')}`,
      );
      const code = await run(
        'docker',
        ['compose', '-f', COMPOSE_FILE, 'up', '-d', ...decided.services],
        { tag: 'services' },
      );
      if (code !== 0) throw new Error(`docker compose up failed with exit code ${code}`);
      await waitUntilUp(urls, READY_TIMEOUT_MS);
      return { ...urls, branch: 'docker' };
    }
    case 'debian': {
      privilege = decided.privilege;
      log(
        `no Docker engine → Debian packages (${decided.privilege}): ${decided.steps.map((s) => s.op).join(', ')}`,
      );
      for (const step of decided.steps) {
        switch (step.op) {
          case 'apt-update':
            await aptUpdateOnce();
            break;
          case 'apt-install':
            await aptInstall(step.packages);
            break;
          case 'pg-start':
            await startPostgres(urls.databaseUrl);
            break;
          case 'pg-ensure-login':
            await ensurePostgresLogin(urls.databaseUrl);
            break;
          case 'redis-start':
            await startRedis(urls.redisUrl);
            break;
        }
      }
      await waitUntilUp(urls, READY_TIMEOUT_MS);
      return { ...urls, branch: 'debian' };
    }
  }
}

/** Hides a password in a URL before it is printed. @param {string} raw */
export function redact(raw) {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return raw;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  loadDotEnv();
  const dryRun = process.argv.includes('--plan');
  ensureServices({ dryRun }).then(
    (r) => {
      if (!dryRun) {
        console.log(`DATABASE_URL=${redact(r.databaseUrl)}`);
        console.log(`REDIS_URL=${redact(r.redisUrl)}`);
      }
    },
    (err) => {
      log(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
