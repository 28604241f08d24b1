import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * A PostgreSQL cluster and a Redis of the suite's own, on free ports, with their data in a
 * temporary directory: the fault tests stop and start them at will, while every other
 * suite on the machine keeps the shared servers. Missing server binaries are installed
 * from Debian packages the way tools/services.mjs installs them; a machine where that
 * fails, fails the suite with the reason — never a silent skip.
 */

const ROOT = path.resolve(__dirname, '../../../../..');
const run = promisify(execFile);
const PG_LIB = '/usr/lib/postgresql';

/** A port free right now (the kernel picks it; released for the server to take). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Debian keeps each server version's binaries in /usr/lib/postgresql/<version>/bin. */
function postgresBinDir(): string | null {
  let versions: string[] = [];
  try {
    versions = fs.readdirSync(PG_LIB);
  } catch {
    return null;
  }
  const found = versions
    .filter((v) => /^\d+$/.test(v) && fs.existsSync(path.join(PG_LIB, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return found.length ? path.join(PG_LIB, found[0], 'bin') : null;
}

function redisServerBin(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'redis-server');
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** apt-get install through tools/services.mjs (root or sudo, apt-get update once). */
function aptInstall(packages: string[]): void {
  const script = `import { aptInstall } from './tools/services.mjs';\nawait aptInstall(${JSON.stringify(packages)});`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    stdio: 'inherit',
    timeout: 600_000,
  });
}

function ensure<T>(find: () => T | null, packages: string[], what: string): T {
  const found = find();
  if (found) return found;
  try {
    aptInstall(packages);
  } catch (error) {
    throw new Error(
      `${what} is not installed and installing ${packages.join(', ')} failed: ${String(error)}`,
    );
  }
  const installed = find();
  if (!installed)
    throw new Error(`${what} is still missing after installing ${packages.join(', ')}`);
  return installed;
}

/** initdb and postgres refuse to run as root: as root, they run as Debian's `postgres` user. */
function asServerUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as');
  }
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export interface PrivatePostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> — trust auth, no password. */
  url: (database: string) => string;
  /** `pg_ctl stop -m fast`: open sessions are terminated, as in a restart or a failover. */
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /**
   * SIGSTOP to every process of the server: connections stay open and new ones are
   * accepted by the kernel, but nothing answers — a hung host, a stalled disk.
   */
  freeze: () => void;
  thaw: () => void;
  /** Stops the server (if running) and deletes its data. */
  destroy: () => Promise<void>;
  log: () => string;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = ensure(postgresBinDir, ['postgresql'], `PostgreSQL server (${PG_LIB}/*/bin)`);
  const owner = asServerUser();
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'lianrong-faults-pg-'));
  const dataDir = path.join(base, 'data');
  const logFile = path.join(base, 'postgres.log');
  if (owner) fs.chownSync(base, owner.uid, owner.gid);
  const port = await freePort();
  const cmd = async (tool: string, args: string[]) => {
    const file = path.join(bin, tool);
    const [exe, argv] = owner ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
    try {
      await run(exe, argv, { cwd: base, timeout: 120_000 });
    } catch (error) {
      throw new Error(`${tool} ${args.join(' ')} failed: ${String(error)}\n${tail(logFile)}`);
    }
  };
  // Trust on loopback only, like the development cluster tools/services.mjs sets up; no
  // fsync: the data is thrown away, and a fast stop still checkpoints it for the restart.
  await cmd('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  const options = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${base}'`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=100',
  ].join(' ');
  const start = () =>
    cmd('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
  const stop = () => cmd('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  let running = false;
  await start();
  running = true;
  // Best effort if the test process dies without its afterAll: never leave a server behind.
  const onExit = () => {
    if (!running) return;
    try {
      const file = path.join(bin, 'pg_ctl');
      const args = ['-D', dataDir, '-m', 'immediate', 'stop'];
      if (owner)
        execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'ignore' });
      else execFileSync(file, args, { stdio: 'ignore' });
    } catch {
      // already stopped
    }
  };
  process.once('exit', onExit);
  /** The postmaster (first line of postmaster.pid) and every backend and helper it forked. */
  const serverPids = (): number[] => {
    const postmaster = Number(
      fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    const children = fs
      .readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
          // pid (comm) state ppid …: comm may hold spaces, so read after its closing paren.
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
        } catch {
          return false;
        }
      })
      .map(Number);
    return [postmaster, ...children];
  };
  const signalServer = (signal: NodeJS.Signals) => {
    for (const pid of serverPids()) {
      try {
        process.kill(pid, signal);
      } catch {
        // a backend that just ended
      }
    }
  };
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    freeze: () => signalServer('SIGSTOP'),
    thaw: () => signalServer('SIGCONT'),
    stop: async () => {
      await stop();
      running = false;
    },
    start: async () => {
      await start();
      running = true;
    },
    destroy: async () => {
      process.removeListener('exit', onExit);
      if (running) await stop().catch(() => undefined);
      running = false;
      fs.rmSync(base, { recursive: true, force: true });
    },
    log: () => tail(logFile, 200),
  };
}

export interface PrivateRedis {
  port: number;
  url: string;
  /** SIGTERM: Redis writes its append-only file and exits, as in a restart. */
  stop: () => Promise<void>;
  /** Starts again on the same port and data: queued jobs are read back from the AOF. */
  start: () => Promise<void>;
  destroy: () => Promise<void>;
  log: () => string;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const server = ensure(redisServerBin, ['redis-server'], 'redis-server');
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'lianrong-faults-redis-'));
  const logFile = path.join(base, 'redis.log');
  const port = await freePort();
  let child: ChildProcess | undefined;
  // As production runs it (docker/compose.yaml): AOF so queued jobs survive a restart,
  // noeviction so BullMQ's keys are never dropped.
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    base,
    '--appendonly',
    'yes',
    '--maxmemory-policy',
    'noeviction',
    '--save',
    '',
    '--logfile',
    logFile,
  ];
  const answers = () =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      let reply = '';
      socket.setTimeout(1_000, () => socket.destroy());
      socket.on('connect', () => socket.write('PING\r\n'));
      socket.on('data', (d) => {
        reply += d;
        if (reply.includes('\r\n')) {
          socket.destroy();
          resolve(reply.startsWith('+PONG'));
        }
      });
      socket.on('close', () => resolve(false));
      socket.on('error', () => resolve(false));
    });
  const start = async () => {
    const started = spawn(server, args, { stdio: 'ignore' });
    child = started;
    const deadline = Date.now() + 30_000;
    while (!(await answers())) {
      if (started.exitCode !== null || Date.now() > deadline)
        throw new Error(`redis-server did not start on ${port}:\n${tail(logFile)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  const onExit = () => child?.kill('SIGKILL');
  process.once('exit', onExit);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    destroy: async () => {
      process.removeListener('exit', onExit);
      await stop();
      fs.rmSync(base, { recursive: true, force: true });
    },
    log: () => tail(logFile, 200),
  };
}
