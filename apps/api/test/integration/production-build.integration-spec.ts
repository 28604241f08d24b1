import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../src/database/seeds/demo-data';
import { testDatabaseUrl } from './test-env';

const ROOT = path.resolve(__dirname, '../../../..');
const OUT = path.join(ROOT, 'tmp', `api-build-${process.pid}`);
const STRONG_SECRET = 'production-build-test-secret-of-more-than-32-bytes';

/**
 * Required before the compiled code: any package that is only a dev dependency fails to
 * load, as it would in the image, which installs the production dependencies only.
 */
const FORBID_DEV_DEPENDENCIES = `
const Module = require('node:module');
const pkg = require(${JSON.stringify(path.join(ROOT, 'package.json'))});
const dev = new Set(Object.keys(pkg.devDependencies).filter((n) => !(n in pkg.dependencies)));
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const parts = request.split('/');
  const name = request.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  if (dev.has(name)) throw new Error('production code required the dev dependency ' + name);
  return resolve.call(this, request, ...rest);
};
`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
  /** The exit code, or the signal that ended it. */
  exited: Promise<number | string | null>;
}

function startCompiled(entry: string, env: NodeJS.ProcessEnv, args: string[] = []): Started {
  let output = '';
  const child = spawn(
    process.execPath,
    [
      '-r',
      path.join(OUT, 'forbid-dev.cjs'),
      '--enable-source-maps',
      path.join(OUT, entry),
      ...args,
    ],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { child, output: () => output, exited };
}

async function waitFor(what: string, started: Started, check: () => Promise<boolean>) {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) break;
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} never came; output:\n${started.output().slice(-3000)}`);
}

/**
 * The images run what `npm run build:api` writes: this builds it, then starts the compiled
 * API, worker and CLI as the containers do (NODE_ENV=production, no dev dependency
 * loadable), so a build that stops working fails here rather than in a deployment.
 */
describe('the production build', () => {
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    const built = spawnSync(process.execPath, ['tools/build-api.mjs', '--out', OUT], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (built.status !== 0) throw new Error(`build:api failed:\n${built.stdout}${built.stderr}`);
    fs.writeFileSync(path.join(OUT, 'forbid-dev.cjs'), FORBID_DEV_DEPENDENCIES);
    env = {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: STRONG_SECRET,
      DATABASE_URL: testDatabaseUrl(),
      LOG_LEVEL: 'warn',
      // The suite's own processes relay the outbox; these only have to start and answer.
      OUTBOX_RELAY: 'false',
      BULL_PREFIX: `{lianrong-build-${process.pid}}`,
    };
  });
  afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

  it('compiles to JavaScript only, with no TypeScript left to load', () => {
    const files = fs.readdirSync(OUT, { recursive: true, encoding: 'utf8' });
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining([
        path.join('apps/api/src/main.js'),
        path.join('apps/api/src/worker.js'),
        path.join('apps/api/src/database/cli.js'),
      ]),
    );
  });

  it('migrates with the compiled CLI', () => {
    const result = spawnSync(
      process.execPath,
      [
        '-r',
        path.join(OUT, 'forbid-dev.cjs'),
        path.join(OUT, 'apps/api/src/database/cli.js'),
        'migrate',
      ],
      { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/schema up to date|applied/);
    expect(result.status).toBe(0);
  });

  it('serves the API from the compiled code: probes, DTO validation, entities, tokens, docs', async () => {
    const port = await freePort();
    const api = startCompiled('apps/api/src/main.js', { ...env, API_PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor('readiness', api, async () => (await fetch(`${base}/api/health/ready`)).ok);
      expect((await fetch(`${base}/api/health/live`)).status).toBe(200);

      // class-validator reads the DTO's decorators: the field is named.
      const bad = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'not-an-email', password: 'x' }),
      });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toContain('email');

      // TypeORM's entities and Nest's injection both rest on decorator metadata.
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@lianrong.demo', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const { accessToken } = (await login.json()) as { accessToken: string };
      const auth = { Authorization: `Bearer ${accessToken}` };
      const me = await fetch(`${base}/api/v1/auth/me`, { headers: auth });
      expect(((await me.json()) as { role: string }).role).toBe('admin');
      const orgs = await fetch(`${base}/api/v1/admin/orgs`, { headers: auth });
      expect(orgs.status).toBe(200);

      // NODE_ENV=production: the docs are for admins only.
      expect((await fetch(`${base}/api/docs-json`)).status).toBe(401);
      expect((await fetch(`${base}/api/docs-json`, { headers: auth })).status).toBe(200);

      // Nest's shutdown hooks close the app, then raise the signal again on the process.
      api.child.kill('SIGTERM');
      expect([0, 'SIGTERM']).toContain(await api.exited);
      expect(api.output()).not.toMatch(/dev dependency/);
    } finally {
      if (api.child.exitCode === null) api.child.kill('SIGKILL');
    }
  });

  it('starts the compiled worker, which stops cleanly on SIGTERM', async () => {
    const worker = startCompiled('apps/api/src/worker.js', env);
    try {
      await waitFor('the worker', worker, async () =>
        /matching worker started/.test(worker.output()),
      );
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(worker.output()).not.toMatch(/dev dependency|Error/);
    } finally {
      if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    }
  });
});
