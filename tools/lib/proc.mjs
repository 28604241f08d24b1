// Process helpers shared by tools/start.mjs, tools/test.mjs and tools/services.mjs.
// Node built-ins only: they run before `npm install` has.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import depsLib from './deps.cjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const useColor = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && !process.env.CI;
const COLORS = { api: 36, worker: 35, web: 32, db: 33, build: 34, services: 90, deps: 90 };

/**
 * @param {string} tag
 * @returns {string}
 */
export function prefix(tag) {
  const text = `[${tag}]`;
  const code = /** @type {Record<string, number>} */ (COLORS)[tag];
  return useColor && code ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/**
 * @param {string} tag
 * @returns {(line: string) => void}
 */
export function logger(tag) {
  return (line) => console.log(`${prefix(tag)} ${line}`);
}

/** @param {string} cmd */
export function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, cmd);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/**
 * A local binary from node_modules/.bin, the same one `npx` would pick.
 * @param {string} name
 */
export function bin(name) {
  return path.join(ROOT, 'node_modules', '.bin', name);
}

/**
 * Copies a child's output line by line with a tag in front, so interleaved output
 * of api, worker and web stays readable.
 * @param {import('node:child_process').ChildProcess} child
 * @param {string | null} tag
 */
function pipeTagged(child, tag) {
  /** @type {Array<[NodeJS.ReadableStream | null, NodeJS.WriteStream]>} */
  const pairs = [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ];
  for (const [from, to] of pairs) {
    if (!from) continue;
    if (tag === null) {
      from.pipe(to);
      continue;
    }
    const p = prefix(tag);
    createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) =>
      to.write(`${p} ${line}\n`),
    );
  }
}

/**
 * @typedef {object} RunOptions
 * @property {string | null} [tag] prefix for output lines; null copies output untouched
 * @property {NodeJS.ProcessEnv} [env]
 * @property {string} [cwd]
 * @property {string} [input] written to stdin
 */

/**
 * Runs a command to completion; resolves with its exit code (a signal counts as 1).
 * @param {string} cmd
 * @param {string[]} args
 * @param {RunOptions} [opts]
 * @returns {Promise<number>}
 */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? ROOT,
      env: opts.env ?? process.env,
      stdio: [opts.input === undefined ? 'inherit' : 'pipe', 'pipe', 'pipe'],
    });
    if (opts.input !== undefined && child.stdin) child.stdin.end(opts.input);
    pipeTagged(child, opts.tag === undefined ? null : opts.tag);
    child.on('error', (err) => {
      console.error(`${opts.tag ? `${prefix(opts.tag)} ` : ''}cannot run ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Quiet synchronous probe (e.g. `docker info`): true when the command exits 0.
 * @param {string} cmd
 * @param {string[]} args
 * @param {number} [timeoutMs]
 */
export function succeeds(cmd, args, timeoutMs = 15000) {
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: timeoutMs });
  return r.status === 0;
}

/**
 * Starts a long-running child in its own process group, so stopping it also stops
 * what it spawned (run-ts.mjs → node, npx → vite).
 * @param {string} tag
 * @param {string} cmd
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
export function startService(tag, cmd, args, env) {
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  pipeTagged(child, tag);
  return child;
}

/**
 * @param {import('node:child_process').ChildProcess} child
 * @param {NodeJS.Signals} signal
 */
export function signalGroup(child, signal) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/**
 * `npm install` when node_modules is missing or older than package-lock.json.
 * `npm ci` is not used: it rejects this lockfile here (optional platform binaries
 * missing from the registry), while `npm install` follows it.
 * @returns {Promise<void>}
 */
export async function ensureDependencies() {
  const log = logger('deps');
  const reason = depsLib.installReason(depsLib.readInstallState(ROOT));
  if (reason === null) {
    log('node_modules is up to date');
    return;
  }
  log(`${reason} → npm install (a cold install takes about 2 minutes)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // flock serialises concurrent installs into one tree (several shells, CI retries).
  const flock = which('flock');
  const [cmd, args] = flock
    ? [flock, ['/tmp/npm.lock', npm, 'install', '--no-audit', '--no-fund']]
    : [npm, ['install', '--no-audit', '--no-fund']];
  const code = await run(cmd, args, { tag: 'deps' });
  if (code !== 0) throw new Error(`npm install failed with exit code ${code}`);
  // npm may rewrite package-lock.json after node_modules/.package-lock.json; mark the
  // install as the newer of the two so the next run does not install again.
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  if (fs.existsSync(marker)) {
    const now = new Date();
    fs.utimesSync(marker, now, now);
  }
}

/**
 * Reads .env at the repo root into process.env (see .env.example); what is already
 * set in the environment wins. process.loadEnvFile exists from Node 20.12.
 */
export function loadDotEnv() {
  const file = path.join(ROOT, '.env');
  if (fs.existsSync(file) && typeof process.loadEnvFile === 'function') process.loadEnvFile(file);
}

/**
 * @param {number} ms
 * @returns {Promise<void>}
 */
export function sleep(ms) {
  return delay(ms);
}
