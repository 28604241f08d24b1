import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Client } from 'pg';
import { LOG_DIR, REPO_ROOT, WEB_BUILD_DIR } from './paths';

// The suite brings up its own stack on its own ports and database, so it neither
// needs nor disturbs the developer's `npm start` (3000/4200, database lianrong).
export const E2E_DB_NAME = 'lianrong_e2e';
export const E2E_API_PORT = 3100;
export const E2E_WEB_PORT = 4300;
export const E2E_API_URL = `http://127.0.0.1:${E2E_API_PORT}`;
export const E2E_WEB_URL = `http://127.0.0.1:${E2E_WEB_PORT}`;

/** DATABASE_URL with the database swapped for lianrong_e2e (host, user, password kept). */
export function e2eDatabaseUrl(base = process.env.DATABASE_URL): string {
  if (!base) return `postgres://postgres@127.0.0.1:5432/${E2E_DB_NAME}`;
  const url = new URL(base);
  url.pathname = `/${E2E_DB_NAME}`;
  return url.toString();
}

export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const admin = new URL(databaseUrl);
  const name = decodeURIComponent(admin.pathname.slice(1));
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export interface Service {
  name: string;
  child: ChildProcess;
  logFile: string;
}

function logTail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Runs a command to completion, logging to test-output/e2e-logs/<name>.log. */
export function run(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `${name}.log`);
  const log = createWriteStream(logFile);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    child.on('error', reject);
    child.on('exit', (code) => {
      log.end();
      if (code === 0) resolve();
      else reject(new Error(`${name} exited with ${code}; log ${logFile}:\n${logTail(logFile)}`));
    });
  });
}

/** Starts a long-running process in its own process group, so teardown can end it and its children. */
export function start(name: string, args: string[], env: NodeJS.ProcessEnv): Service {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return { name, child, logFile };
}

// node:http without an agent, so no keep-alive socket outlives the check and holds
// Jest open after the run (global fetch pools connections).
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: 2_000 }, (response) => {
      response.resume();
      // Any HTTP answer below 500 means the server is up (401 from a guarded route too).
      resolve((response.statusCode ?? 500) < 500);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

export async function waitForHttp(service: Service, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null || service.child.signalCode !== null) {
      throw new Error(`${service.name} exited early (${service.child.exitCode ?? service.child.signalCode}):\n${logTail(service.logFile)}`);
    }
    if (await answers(url)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${service.name} did not answer ${url} within ${timeoutMs} ms:\n${logTail(service.logFile)}`);
}

/** Waits until a service's log contains `marker` (for processes with no HTTP port, like the worker). */
export async function waitForLog(service: Service, marker: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null || service.child.signalCode !== null) {
      throw new Error(`${service.name} exited early (${service.child.exitCode ?? service.child.signalCode}):\n${logTail(service.logFile)}`);
    }
    if (logTail(service.logFile, Number.MAX_SAFE_INTEGER).includes(marker)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${service.name} did not log "${marker}" within ${timeoutMs} ms:\n${logTail(service.logFile)}`);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM to the whole process group, SIGKILL after a grace period. */
export async function stop(service: Service, graceMs = 8_000): Promise<void> {
  const { child } = service;
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const outcome = await Promise.race([exited, timeout]);
  // A pending grace timer would keep Jest alive for its full length after the run.
  clearTimeout(timer);
  if (outcome === 'timeout') {
    signalGroup(child.pid, 'SIGKILL');
    await exited;
  }
}

export function webBuildArgs(): string[] {
  return [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.ts', '--outDir', WEB_BUILD_DIR];
}

export function webPreviewArgs(): string[] {
  return [
    path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'),
    'preview',
    '--config',
    'apps/web/vite.config.ts',
    '--outDir',
    WEB_BUILD_DIR,
    '--port',
    String(E2E_WEB_PORT),
    '--strictPort',
  ];
}
