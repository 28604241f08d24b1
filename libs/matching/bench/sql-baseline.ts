// The bench compares the engine with the same rules in SQL; only this file talks to Postgres.
// eslint-disable-next-line no-restricted-imports -- bench-only SQL baseline, never imported by src/
import { Client } from 'pg';
import { CHAIN_CENTIPOINTS, SCORE_WEIGHTS } from '../src/score';
import { COLLATERAL_BIT, PURPOSE_BIT, type PackedNeeds } from '../src/batch/pack-needs';
import { COLLATERALS, PURPOSES, tierRank, type MatchContext, type ProductInput } from '../src/types';
import { collateralAccepted } from '../src/eligibility';
import type { NeedInput } from '../src/types';
import type { SyntheticEntry } from '../testing';
import { needScoreParts } from '../src/score';
import { debtRatio, latestYear, rdIntensity } from '../src/firm-metrics';

// DESIGN §4 rules and score as PostgreSQL. Columns are pre-encoded (tier rank, purpose and
// collateral bits, all prefixes of region and industry codes so prefix rules become array
// overlaps, ±Infinity for unset thresholds and missing financials, the firm-only score
// parts) — the encoding a fair SQL implementation would keep in its tables. The pair parts
// of the score repeat score.ts operation by operation in float8, with floor(x + 0.5) for
// rounding, so both sides agree to the centipoint.

export type SqlTop = Map<string, { productId: string; cp: number }[]>;

const prefixes = (code: string): string[] => Array.from({ length: code.length }, (_, i) => code.slice(0, i + 1));
const num = (x: number): string => (x === Infinity ? 'Infinity' : x === -Infinity ? '-Infinity' : String(x));
// Strings become small integers: int4[] overlap compares ints instead of collated text.
const codes = new Map<string, number>();
const code = (x: string): number => {
  let c = codes.get(x);
  if (c === undefined) codes.set(x, (c = codes.size + 1));
  return c;
};
const arr = (xs: readonly string[]): string => `{${xs.map(code).join(',')}}`;

export async function connect(url: string): Promise<Client> {
  const admin = new Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  const db = new URL(url).pathname.slice(1);
  await admin.query(`DROP DATABASE IF EXISTS ${db}`);
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

export async function dropDatabase(url: string): Promise<void> {
  const admin = new Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)}`);
  await admin.end();
}

async function insertRows(client: Client, table: string, columns: string[], rows: string[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const params: string[] = [];
    const values = chunk.map((r) => `(${r.map((v) => (params.push(v), `$${params.length}`)).join(',')})`);
    await client.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${values.join(',')}`, params);
  }
}

export async function loadBaseline(
  client: Client,
  entries: readonly SyntheticEntry[],
  products: readonly ProductInput[],
  ctx: MatchContext,
): Promise<void> {
  await client.query(`
    CREATE TABLE needs (
      id text COLLATE "C" PRIMARY KEY, open boolean, tier smallint, amount bigint, term int, max_rate int,
      purpose_bit int, collateral_bit int, region_prefixes int[], industry_prefixes int[], chain_ids int[],
      lead_banks int[], supplier_of int[], wl int, revenue float8, rd float8, debt float8, patents float8,
      years float8, firm_cp int, wc float8);
    CREATE TABLE products (
      id text COLLATE "C" PRIMARY KEY, id_rank int, bank_id int, min_tier smallint, amount_min bigint, amount_max bigint,
      term_min int, term_max int, rate_min int, purpose_mask int, collateral_mask int, regions int[],
      sectors int[], chains int[], open_sector boolean, requires_wl boolean, min_revenue float8, min_rd float8,
      max_debt float8, min_patents float8, min_years float8, is_supply boolean, core_ids int[]);`);
  const lead = ctx.leadBankByChain ?? {};
  const needRows = entries.map(({ firm, need }) => {
    const fy = latestYear(firm);
    const parts = needScoreParts(firm, need);
    return [
      need.id,
      String(need.status === 'open'),
      String(tierRank(firm.tier)),
      String(need.amount),
      String(need.termMonths),
      String(need.maxRateBps),
      String(PURPOSE_BIT[need.purpose]),
      String(COLLATERAL_BIT[need.collateral]),
      arr(prefixes(firm.regionCode)),
      arr(prefixes(firm.industryCode)),
      arr(firm.chainIds),
      arr(firm.chainIds.map((c) => lead[c]).filter((b): b is string => b !== undefined)),
      arr(firm.supplierOf),
      firm.whitelisted ? '1' : '0',
      num(fy ? fy.revenue : -Infinity),
      num(fy ? rdIntensity(fy) : -Infinity),
      num(fy ? debtRatio(fy) : Infinity),
      num(fy ? fy.inventionPatents : -Infinity),
      num(firm.yearsInNiche),
      String(parts.firmCentipoints),
      num(parts.workingCapitalValue),
    ];
  });
  await insertRows(
    client,
    'needs',
    'id open tier amount term max_rate purpose_bit collateral_bit region_prefixes industry_prefixes chain_ids lead_banks supplier_of wl revenue rd debt patents years firm_cp wc'.split(' '),
    needRows,
  );
  const active = products.filter((p) => p.status === 'active');
  const ranks = new Map([...active].sort((a, b) => (a.id < b.id ? -1 : 1)).map((p, i) => [p.id, i]));
  const mask = <T extends string>(xs: readonly T[], all: readonly T[], bit: Record<T, number>): string =>
    String((xs.length === 0 ? all : xs).reduce((m, x) => m | bit[x], 0));
  const productRows = active.map((p) => [
    p.id,
    String(ranks.get(p.id)),
    String(code(p.bankId)),
    String(tierRank(p.minTier)),
    String(p.amountMin),
    String(p.amountMax),
    String(p.termMin),
    String(p.termMax),
    String(p.rateMinBps),
    mask(p.purposes, PURPOSES, PURPOSE_BIT),
    String(COLLATERALS.reduce((m, c) => (collateralAccepted(p, { collateral: c } as NeedInput) ? m | COLLATERAL_BIT[c] : m), 0)),
    arr(p.regions),
    arr(p.sectors),
    arr(p.chains),
    String(p.sectors.length === 0 && p.chains.length === 0),
    String(p.requiresWhitelist),
    num(p.minRevenue ?? -Infinity),
    num(p.minRdIntensity ?? -Infinity),
    num(p.maxDebtRatio ?? Infinity),
    num(p.minInventionPatents ?? -Infinity),
    num(p.minYearsInNiche ?? -Infinity),
    String(p.kind === 'supply_chain'),
    arr(p.coreEnterpriseIds),
  ]);
  await insertRows(
    client,
    'products',
    'id id_rank bank_id min_tier amount_min amount_max term_min term_max rate_min purpose_mask collateral_mask regions sectors chains open_sector requires_wl min_revenue min_rd max_debt min_patents min_years is_supply core_ids'.split(' '),
    productRows,
  );
  await client.query(`
    CREATE INDEX products_tier_amount ON products (min_tier, amount_min, amount_max);
    CREATE INDEX needs_open ON needs (open);
    ANALYZE needs; ANALYZE products;`);
}

// centered() of score.ts: min(x − lo, hi − x) / ((hi − lo) / 2), 0 below, 1 for a point range.
const centered = (x: string, lo: string, hi: string): string =>
  `(CASE WHEN ${hi} <= ${lo} THEN 1::float8 ELSE GREATEST(0::float8, LEAST(${x} - ${lo}, ${hi} - ${x})::float8 / ((${hi} - ${lo})::float8 / 2)) END)`;

const FIT = `(0.3::float8 * (0.5::float8 + 0.5::float8 * ${centered('n.amount', 'p.amount_min', 'p.amount_max')})
  + 0.3::float8 * n.wc
  + 0.25::float8 * LEAST(1::float8, GREATEST(0::float8, (n.max_rate - p.rate_min)::float8 / 300))
  + 0.15::float8 * (0.5::float8 + 0.5::float8 * ${centered('n.term', 'p.term_min', 'p.term_max')}))`;

const SCORE_CP = `(n.firm_cp
  + floor(${SCORE_WEIGHTS.fit}::float8 * ${FIT} * 100 + 0.5)::int
  + ('{${CHAIN_CENTIPOINTS.join(',')}}'::int[])[1
      + (CASE WHEN p.chains && n.chain_ids THEN 4 ELSE 0 END)
      + (CASE WHEN p.bank_id = ANY (n.lead_banks) THEN 2 ELSE 0 END)
      + n.wl])`;

const ELIGIBLE = `p.min_tier <= n.tier
  AND p.amount_min <= n.amount AND n.amount <= p.amount_max
  AND p.term_min <= n.term AND n.term <= p.term_max
  AND p.rate_min <= n.max_rate
  AND (p.purpose_mask & n.purpose_bit) <> 0
  AND (p.collateral_mask & n.collateral_bit) <> 0
  AND (cardinality(p.regions) = 0 OR p.regions && n.region_prefixes)
  AND (p.open_sector OR p.sectors && n.industry_prefixes OR p.chains && n.chain_ids)
  AND (NOT p.requires_wl OR n.wl = 1)
  AND n.revenue >= p.min_revenue AND n.rd >= p.min_rd AND n.debt <= p.max_debt
  AND n.patents >= p.min_patents AND n.years >= p.min_years
  AND (NOT p.is_supply OR p.core_ids && n.supplier_of)`;

export const QUERIES: Record<string, string> = {
  lateral: `SELECT n.id AS need_id, t.product_id, t.cp FROM needs n
    CROSS JOIN LATERAL (
      SELECT p.id AS product_id, ${SCORE_CP} AS cp FROM products p
      WHERE ${ELIGIBLE} ORDER BY cp DESC, p.id_rank LIMIT 10) t
    WHERE n.open`,
  window: `SELECT need_id, product_id, cp FROM (
      SELECT n.id AS need_id, p.id AS product_id, ${SCORE_CP} AS cp,
        row_number() OVER (PARTITION BY n.id ORDER BY ${SCORE_CP} DESC, p.id_rank) AS rn
      FROM needs n JOIN products p ON ${ELIGIBLE} WHERE n.open) s
    WHERE rn <= 10`,
};

/** Best of `runs` for one query, timing the full computation with a one-row result. */
export async function timeQuery(client: Client, sql: string, runs: number): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await client.query(`SELECT count(*), sum(cp) FROM (${sql}) q`);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

export async function fetchTop(client: Client, sql: string): Promise<SqlTop> {
  const res = await client.query<{ need_id: string; product_id: string; cp: number }>(
    `SELECT * FROM (${sql}) q ORDER BY need_id, cp DESC, product_id`,
  );
  const top: SqlTop = new Map();
  for (const row of res.rows) {
    const list = top.get(row.need_id) ?? [];
    list.push({ productId: row.product_id, cp: Number(row.cp) });
    top.set(row.need_id, list);
  }
  return top;
}

/** Engine lists in the same shape, for the identical-results check. */
export function engineTop(
  needs: PackedNeeds,
  productIds: readonly string[],
  top: { k: number; product: Int32Array; centipoints: Int32Array; count: Int32Array },
): SqlTop {
  const out: SqlTop = new Map();
  for (let n = 0; n < needs.ids.length; n++) {
    const count = top.count[n];
    if (count === 0) continue;
    const list: { productId: string; cp: number }[] = [];
    for (let j = 0; j < count; j++) list.push({ productId: productIds[top.product[n * top.k + j]], cp: top.centipoints[n * top.k + j] });
    out.set(needs.ids[n], list);
  }
  return out;
}
