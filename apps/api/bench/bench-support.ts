import os from 'node:os';
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
