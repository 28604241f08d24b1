import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DEV_JWT_SECRET } from '../../src/config/app-config';

const ROOT = path.resolve(__dirname, '../../../..');

/** The entry points themselves, as a deployment starts them: no Nest, no database needed to refuse. */
describe('a production start', () => {
  const start = (entry: string, secret: string | undefined) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    delete env.JWT_SECRET;
    if (secret !== undefined) env.JWT_SECRET = secret;
    return spawnSync(process.execPath, ['tools/run-ts.mjs', entry], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
  };

  it.each([
    ['apps/api/src/main.ts', 'the development default', DEV_JWT_SECRET],
    ['apps/api/src/worker.ts', 'the development default', DEV_JWT_SECRET],
    ['apps/api/src/main.ts', 'no secret', undefined],
    ['apps/api/src/worker.ts', 'a short secret', 'x'.repeat(31)],
  ])('of %s with %s exits non-zero naming JWT_SECRET', (entry, _, secret) => {
    const result = start(entry, secret);
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    expect(result.stderr).toMatch(/JWT_SECRET: must/);
  });
});

describe('the seed step', () => {
  it('loads no demo data unless SEED_DEMO=true (it does not even connect)', () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // Nothing listens there: connecting would fail the command.
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
    };
    delete env.SEED_DEMO;
    const result = spawnSync(
      process.execPath,
      ['tools/run-ts.mjs', 'apps/api/src/database/cli.ts', 'seed'],
      { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/demo data: not loaded \(set SEED_DEMO=true/);
  });
});
