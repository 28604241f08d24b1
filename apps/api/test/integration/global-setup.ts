import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { testDatabaseUrl } from './test-env';

/** Drops, creates, migrates and seeds the test database once per run, through the real CLI. */
export default function globalSetup(): void {
  const root = path.resolve(__dirname, '../../../..');
  // The suites log in as the demo users, also when jest is run without tools/test.mjs.
  const env = { ...process.env, DATABASE_URL: testDatabaseUrl(), SEED_DEMO: 'true' };
  for (const command of ['reset', 'seed']) {
    execFileSync(process.execPath, ['tools/run-ts.mjs', 'apps/api/src/database/cli.ts', command], {
      cwd: root,
      env,
      stdio: 'inherit',
    });
  }
}
