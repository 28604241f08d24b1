#!/usr/bin/env node
// `npm run fuzz -- --runs N [--seed S]`: the schema-driven body fuzz (issue 13) with N cases per
// route instead of the bounded number `npm test` runs, on a database of its own
// (<name>_fuzz, created, migrated and seeded by the integration setup).
import { ROOT, bin, ensureDependencies, loadDotEnv, logger, run } from './lib/proc.mjs';
import servicePlan from './lib/service-plan.cjs';

const log = logger('fuzz');

/** @param {string[]} argv */
function parse(argv) {
  const out = { runs: 200, seed: /** @type {string | undefined} */ (undefined) };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === '--runs' && /^\d+$/.test(value ?? '')) out.runs = Number(value);
    else if (argv[i] === '--seed' && /^-?\d+$/.test(value ?? '')) out.seed = value;
    else {
      console.error('usage: npm run fuzz -- [--runs N] [--seed S]');
      process.exit(2);
    }
    i++;
  }
  return out;
}

async function main() {
  loadDotEnv();
  const { runs, seed } = parse(process.argv.slice(2));
  await ensureDependencies();
  const { ensureServices } = await import('./services.mjs');
  const services = await ensureServices();
  const databaseUrl = servicePlan.deriveDatabaseUrl(services.databaseUrl, 'fuzz');
  log(`${runs} cases per route${seed ? `, seed ${seed}` : ''}`);
  const code = await run(
    bin('jest'),
    ['-c', 'apps/api/jest.integration.config.js', '--runInBand', 'fuzz/'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        SEED_DEMO: 'true',
        DATABASE_URL: databaseUrl,
        TEST_DATABASE_URL: databaseUrl,
        REDIS_URL: services.redisUrl,
        BULL_PREFIX: `{lianrong-fuzz-${process.pid}}`,
        FUZZ_RUNS: String(runs),
        ...(seed ? { FUZZ_SEED: seed } : {}),
      },
    },
  );
  process.exit(code);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
