import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

// What the benches share: their JSON calls to the API process each starts, and the lines that
// say which machine, how busy, measured a run.

/** JSON over HTTP to a bench's own API process; a non-2xx answer throws with its body. */
export function apiClient(base: string) {
  async function http<T>(method: string, url: string, token?: string, body?: unknown): Promise<T> {
    const res = await fetch(`${base}${url}`, {
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
  /** An access token for a demo (or bench-made) user. */
  const login = async (email: string, password: string) =>
    (await http<{ accessToken: string }>('POST', '/v1/auth/login', undefined, { email, password }))
      .accessToken;
  return { http, login };
}

/** The machine's 1, 5 and 15 minute load averages, as `uptime` prints them. */
export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** Which machine measured the run and how busy it was when the run began. */
export const machineLine = () =>
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${loadAverage()}`;

/** Whether the server at `serverUrl` (no database in the path) holds database `name`. */
export async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const probe = new Client({ connectionString: `${serverUrl}/postgres` });
  await probe.connect();
  try {
    return (
      ((await probe.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount ?? 0) >
      0
    );
  } finally {
    await probe.end();
  }
}

/** Runs a TypeScript entry point (a database CLI command) to its end; a failure throws. */
export async function runEntry(
  root: string,
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${entry} ${args.join(' ')} exited with ${code}`);
}

/** Waits until a started process writes `text` to its log file (2 min at most). */
export async function waitForLog(child: ChildProcess, file: string, text: string): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`${path.basename(file)}: exited early (see ${file})`);
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path.basename(file)}: "${text}" not logged in time (see ${file})`);
}
