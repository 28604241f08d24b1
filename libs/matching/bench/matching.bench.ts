import { availableParallelism } from 'node:os';
import {
  MatchWorkerPool,
  NeedPacker,
  allocateNeedTop,
  compileProducts,
  createProductHeaps,
  packNeeds,
  rankNeedAgainstProducts,
  rankProductAgainstNeeds,
  rankRangeInto,
} from '../src/batch';
import { QUERIES, connect, dropDatabase, engineTop, fetchTop, loadBaseline, timeQuery, type SqlTop } from './sql-baseline';
import { syntheticContext, syntheticNeedEntries, syntheticProducts } from '../testing';

// npm run bench:matching — the four figures of issue 4, each beside its target and the
// figure a first prototype measured on a 2-core machine. The last line is one JSON object.

const SEED = 20_240_601;
// BENCH_NEEDS shrinks the 1M set for a quick trial; the figures use the default.
const NEEDS = Number(process.env.BENCH_NEEDS ?? 1_000_000);
const PRODUCTS = 2_000;
const SQL_NEEDS = 20_000;
const K = 10;
const M = 1_000;
const DB_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lianrong_bench';

const ms = (x: number): string => `${x.toFixed(x < 1 ? 4 : 1)} ms`;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function sameTop(a: SqlTop, b: SqlTop): { identical: boolean; differing: number } {
  let differing = 0;
  const keys = new Set([...a.keys(), ...b.keys()]);
  for (const key of keys) if (JSON.stringify(a.get(key) ?? []) !== JSON.stringify(b.get(key) ?? [])) differing++;
  return { identical: differing === 0, differing };
}

async function main(): Promise<void> {
  const ctx = syntheticContext();
  const products = syntheticProducts(SEED, PRODUCTS);
  console.log(`matching bench — seed ${SEED}, ${NEEDS.toLocaleString('en')} needs × ${PRODUCTS} products, ${availableParallelism()} cores`);

  let t0 = performance.now();
  const packer = new NeedPacker(NEEDS, { shared: true });
  for (const { firm, need } of syntheticNeedEntries(SEED, NEEDS)) packer.add(firm, need);
  const needs = packer.finish();
  const packMs = performance.now() - t0;
  t0 = performance.now();
  const compiled = compileProducts(products, needs, ctx);
  const compileMs = performance.now() - t0;
  console.log(`setup: generate + pack 1M needs ${(packMs / 1000).toFixed(1)} s; compile ${compiled.ids.length} active products ${ms(compileMs)}`);

  // (a) one product against 1M needs, median over 25 products spread over the tiers.
  const sample = Array.from({ length: 25 }, (_, i) => compiled.ids[Math.floor(((i + 0.5) * compiled.ids.length) / 25)]);
  rankProductAgainstNeeds(needs, compiled, sample[0], M); // warm-up
  const perProduct: number[] = [];
  let eligibleSum = 0;
  for (const id of sample) {
    const t = performance.now();
    eligibleSum += rankProductAgainstNeeds(needs, compiled, id, M).eligible;
    perProduct.push(performance.now() - t);
  }
  const productVs1mMs = median(perProduct);
  console.log(
    `(a) one product vs 1M needs, top ${M}: median ${ms(productVs1mMs)} over 25 products (avg ${Math.round(eligibleSum / 25).toLocaleString('en')} eligible) — target ≤ 20 ms; prototype ~15 ms`,
  );

  // (b) one need against 2,000 products, mean over 20,000 needs spread over the set.
  const step = Math.floor(NEEDS / 20_000);
  for (let i = 0; i < 2_000; i++) rankNeedAgainstProducts(needs, compiled, i * step, K); // warm-up
  t0 = performance.now();
  for (let i = 0; i < 20_000; i++) rankNeedAgainstProducts(needs, compiled, i * step, K);
  const needVs2kMs = (performance.now() - t0) / 20_000;
  console.log(`(b) one need vs ${PRODUCTS} products, top ${K}: mean ${ms(needVs2kMs)} — target ≤ 0.05 ms; prototype ~0.015 ms`);

  // (c) everything, both views (top K per need, top M per product), on all cores.
  const pool = new MatchWorkerPool();
  t0 = performance.now();
  const full = await pool.run(needs, compiled, { k: K, m: M });
  const full1mx2kS = (performance.now() - t0) / 1000;
  await pool.close();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const pairs = NEEDS * compiled.ids.length;
  console.log(
    `(c) full ${(NEEDS / 1e6).toFixed(2)}M × ${compiled.ids.length}, top ${K} per need + top ${M} per product, ${pool.threads} threads: ${full1mx2kS.toFixed(2)} s, ` +
      `${full.eligiblePairs.toLocaleString('en')} eligible pairs (${((100 * full.eligiblePairs) / pairs).toFixed(1)} %), peak RSS ${peakRssMb} MB — target ≤ 8 s, ≤ 3000 MB; prototype ~8 s`,
  );

  // (d) the same rules in PostgreSQL over 20k needs × 2,000 products against the engine.
  const sqlEntries = [...syntheticNeedEntries(SEED + 1, SQL_NEEDS)];
  const sqlNeeds = packNeeds(sqlEntries);
  const sqlCompiled = compileProducts(products, sqlNeeds, ctx);
  const out = allocateNeedTop(SQL_NEEDS, K);
  let engineMs = Infinity;
  for (let run = 0; run < 3; run++) {
    const t = performance.now();
    rankRangeInto(sqlNeeds.columns, sqlCompiled.columns, 0, SQL_NEEDS, K, createProductHeaps(sqlCompiled.ids.length, 0), out, 0);
    engineMs = Math.min(engineMs, performance.now() - t);
  }
  const engineLists = engineTop(sqlNeeds, sqlCompiled.ids, out);

  const client = await connect(DB_URL);
  let sqlMs = Infinity;
  let identical = false;
  try {
    await loadBaseline(client, sqlEntries, products, ctx);
    await client.query('SET jit = on');
    await client.query('SET max_parallel_workers_per_gather = 2');
    let bestQuery = '';
    let allIdentical = true;
    for (const [name, sql] of Object.entries(QUERIES)) {
      const t = await timeQuery(client, sql, 3);
      const check = sameTop(await fetchTop(client, sql), engineLists);
      console.log(`    SQL ${name}: best of 3 ${ms(t)}; top-10 lists identical to the engine: ${check.identical} (${check.differing} needs differ)`);
      allIdentical &&= check.identical;
      if (t < sqlMs) {
        sqlMs = t;
        bestQuery = name;
      }
    }
    identical = allIdentical;
    const sqlRatio = sqlMs / engineMs;
    console.log(
      `(d) ${SQL_NEEDS.toLocaleString('en')} needs × ${PRODUCTS} products, top ${K}: PostgreSQL (${bestQuery}) ${ms(sqlMs)} vs engine (1 thread) ${ms(engineMs)}: ${sqlRatio.toFixed(1)}× — target ≥ 15×; prototype: SQL 1.93 s, engine 114 ms`,
    );
    console.log(
      JSON.stringify({
        productVs1mMs: +productVs1mMs.toFixed(2),
        needVs2kMs: +needVs2kMs.toFixed(4),
        full1mx2kS: +full1mx2kS.toFixed(2),
        peakRssMb,
        sqlMs: +sqlMs.toFixed(1),
        engineMs: +engineMs.toFixed(1),
        sqlRatio: +sqlRatio.toFixed(1),
        identical,
      }),
    );
  } finally {
    await client.end();
    await dropDatabase(DB_URL);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
