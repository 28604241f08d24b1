import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { ID_KIND, syntheticId } from '@lianrong/matching/testing';
import { DEFAULT_SEED, type LoadProgress, loadSynthetic } from './load-synthetic';

// npm run seed:scale -- --firms 1000000 --products 2000 [--seed N] [--no-rematch]
//
// Loads the synthetic data set into DATABASE_URL (default: the dev database). The database
// must be migrated (`cli.ts migrate`, or `cli.ts reset` for a clean one) and must not hold
// synthetic rows yet; demo data may be there. Afterwards a `rematch.all` waits in the
// outbox, so a running worker (`npm start`) matches everything.

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/lianrong';

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 0)
    throw new Error(`--${name} must be a non-negative integer`);
  return n;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function progressPrinter(): (p: LoadProgress) => void {
  const tty = process.stdout.isTTY;
  const started = Date.now();
  let lastDraw = 0;
  let lastDecile = -1;
  return (p) => {
    const share = p.totalFirms ? p.firms / p.totalFirms : 1;
    const now = Date.now();
    const rate = p.rows / Math.max((now - started) / 1000, 0.001);
    if (p.phase !== 'copy') {
      if (tty) process.stdout.write('\n');
      process.stdout.write(`${p.phase}…\n`);
      return;
    }
    const line = `[${'#'.repeat(Math.round(share * 30)).padEnd(30, '.')}] ${(share * 100).toFixed(1).padStart(5)}%  ${fmt(p.firms)}/${fmt(p.totalFirms)} firms  ${fmt(p.rows)} rows  ${fmt(rate)} rows/s`;
    if (tty) {
      // Redraw at most 4 times a second: the terminal is slower than the loader.
      if (now - lastDraw >= 250) {
        process.stdout.write(`\r${line}`);
        lastDraw = now;
      }
    } else if (Math.floor(share * 10) > lastDecile) {
      lastDecile = Math.floor(share * 10);
      process.stdout.write(`${line}\n`);
    }
  };
}

async function preflight(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>(
      `SELECT to_regclass('outbox_events') IS NOT NULL AS ok`,
    );
    if (!rows[0].ok)
      throw new Error('database is not migrated: run `cli.ts migrate` (or `reset`) first');
    const loaded = await client.query('SELECT 1 FROM organizations WHERE id = $1', [
      syntheticId(ID_KIND.bank, 0),
    ]);
    if (loaded.rowCount) {
      throw new Error(
        'database already holds synthetic data: reset it first (`cli.ts reset`, then `cli.ts seed` for the demo logins)',
      );
    }
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      firms: { type: 'string' },
      products: { type: 'string' },
      seed: { type: 'string' },
      'no-rematch': { type: 'boolean', default: false },
    },
  });
  const firms = positiveInt('firms', values.firms, 1_000_000);
  const products = positiveInt('products', values.products, 2_000);
  const seed = positiveInt('seed', values.seed, DEFAULT_SEED);
  const url = process.env.DATABASE_URL || DEFAULT_URL;
  const shown = new URL(url);
  shown.password = shown.password ? '***' : '';
  console.log(
    `loading ${fmt(firms)} firms and ${fmt(products)} products (seed ${seed}) into ${shown.toString()}`,
  );

  await preflight(url);
  const result = await loadSynthetic(
    url,
    { firms, products, seed, queueRematch: !values['no-rematch'] },
    progressPrinter(),
  );
  const copySeconds = result.phases.copy;
  const total = Object.values(result.rows).reduce((s, n) => s + n, 0);
  console.log('\ntable                     rows      rows/s (over the parallel COPY phase)');
  for (const [table, n] of Object.entries(result.rows)) {
    console.log(`${table.padEnd(24)} ${fmt(n).padStart(10)}  ${fmt(n / copySeconds).padStart(10)}`);
  }
  console.log(
    `${'total'.padEnd(24)} ${fmt(total).padStart(10)}  ${fmt(total / result.seconds).padStart(10)} (over the whole load)`,
  );
  console.log(
    `phases: ${Object.entries(result.phases)
      .map(([k, s]) => `${k} ${s.toFixed(1)} s`)
      .join(', ')}; total ${result.seconds.toFixed(1)} s`,
  );
  console.log(
    values['no-rematch']
      ? 'no rematch queued'
      : 'rematch.all queued in the outbox (a running worker picks it up)',
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
