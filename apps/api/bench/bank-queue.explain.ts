import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { type QueueCursor, type QueueSort } from '../src/modules/bank-queue/queue-cursor';
import { overdueCutoffs } from '../src/modules/bank-queue/queue-clock';
import {
  type QueueFilters,
  type QueueStatement,
  QUEUE_ROWS,
  countsStatement,
  pageStatement,
} from '../src/modules/bank-queue/queue-sql';
import { WorkingCalendar } from '../src/modules/matches/response-clock';

// npm run bench:bank-queue -- [--simulate] [--plans] [--deep 5000]
//
// The officer's queue statements (GET /bank/matches) under EXPLAIN (ANALYZE, BUFFERS) on a
// scale database: `npm run seed:scale -- --firms 100000`, matched by a worker (`npm start`,
// or `tools/run-ts.mjs apps/api/src/worker.ts` against it). --simulate first turns ~2 % of
// the suggested pairs into worked matches (applications, reviews, approvals, loans, declines
// over the last 90 days) — once: it refuses a database that already has worked matches.
// It picks the bank with the largest queue and prints, per statement, planning and
// execution time and the shared buffers hit and read, for the first page and for a page
// `--deep` rows in (the cursor of the row there, as a client paging that far would hold):
// once planned for its values, once with the generic plan the API runs it with.

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/lianrong';
const PAGE = 51; // the API asks one row more than it shows

const SIMULATE_SQL = `
  SELECT setseed(0.4242);
  CREATE TEMP TABLE picked AS
    SELECT m.id, random() AS r, random() AS r2, n.amount AS amount, p.rate_min_bps, n.term_months
      FROM matches m JOIN funding_needs n ON n.id = m.need_id JOIN loan_products p ON p.id = m.product_id
     WHERE m.status = 'suggested' AND random() < 0.02;
  UPDATE matches m SET
    status = (CASE WHEN r < 0.40 THEN 'applied' WHEN r < 0.50 THEN 'contacted' WHEN r < 0.65 THEN 'in_review'
                   WHEN r < 0.70 THEN 'pending_approval' WHEN r < 0.80 THEN 'approved' WHEN r < 0.88 THEN 'disbursed'
                   WHEN r < 0.95 THEN 'declined' ELSE 'withdrawn' END)::match_status,
    applied_at = CASE WHEN r < 0.40 OR r >= 0.50 THEN now() - r2 * interval '90 days' END,
    first_response_at = CASE WHEN r >= 0.40 AND r < 0.95 THEN now() - r2 * interval '20 days'
                             WHEN r < 0.40 AND r2 < 0.25 THEN now() - r2 * interval '1 day' END,
    proposed_amount = CASE WHEN r >= 0.65 AND r < 0.70 THEN t.amount END,
    proposed_rate_bps = CASE WHEN r >= 0.65 AND r < 0.70 THEN t.rate_min_bps END,
    proposed_term_months = CASE WHEN r >= 0.65 AND r < 0.70 THEN t.term_months END,
    approved_amount = CASE WHEN r >= 0.70 AND r < 0.88 THEN t.amount END,
    approved_rate_bps = CASE WHEN r >= 0.70 AND r < 0.88 THEN t.rate_min_bps END,
    approved_term_months = CASE WHEN r >= 0.70 AND r < 0.88 THEN t.term_months END,
    approved_at = CASE WHEN r >= 0.70 AND r < 0.88 THEN now() - r2 * interval '10 days' END,
    disbursed_amount = CASE WHEN r >= 0.80 AND r < 0.88 THEN t.amount END,
    disbursed_at = CASE WHEN r >= 0.80 AND r < 0.88 THEN now() - r2 * interval '5 days' END,
    decline_reason = CASE WHEN r >= 0.88 AND r < 0.95 THEN 'other' END,
    version = m.version + 1
  FROM picked t WHERE t.id = m.id;
  DROP TABLE picked;
  ANALYZE matches;`;

interface Plan {
  'Planning Time': number;
  'Execution Time': number;
  Plan: PlanNode;
}
interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

/** Index names the plan used, outermost first. */
function indexes(node: PlanNode, out = new Set<string>()): Set<string> {
  if (node['Index Name']) out.add(node['Index Name']);
  for (const child of node.Plans ?? []) indexes(child, out);
  return out;
}

/** A bind value as SQL text, for EXECUTE (bench values only: ids, enums, numbers, dates). */
function literal(client: Client, value: unknown): string {
  if (Array.isArray(value))
    return client.escapeLiteral(`{${value.map((v) => `"${String(v)}"`).join(',')}}`);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return client.escapeLiteral(String(value));
}

function report(name: string, plan: Plan): void {
  const root = plan.Plan;
  console.log(
    `${name.padEnd(52)} ${plan['Planning Time'].toFixed(2).padStart(7)} ms plan ${plan['Execution Time'].toFixed(2).padStart(8)} ms exec  ` +
      `buffers hit ${String(root['Shared Hit Blocks']).padStart(6)} read ${String(root['Shared Read Blocks']).padStart(5)}  ` +
      `rows ${String(root['Actual Rows']).padStart(4)}  [${[...indexes(root)].join(', ')}]`,
  );
}

/**
 * Each statement twice: planned for its values (as a plain query is), and with the one
 * generic plan the API runs it with (PreparedStatements: named, force_generic_plan).
 */
async function explain(client: Client, name: string, st: QueueStatement, showPlan: boolean) {
  // The first run warms the cache the way a busy server has it warm; the second is measured.
  await client.query(st.sql, st.params);
  const custom = await client.query<{ 'QUERY PLAN': Plan[] }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${st.sql}`,
    st.params,
  );
  report(`${name} (custom)`, custom.rows[0]['QUERY PLAN'][0]);
  await client.query('SET plan_cache_mode = force_generic_plan');
  await client.query(`PREPARE bench_page AS ${st.sql}`);
  try {
    const execute = `EXECUTE bench_page(${st.params.map((v) => literal(client, v)).join(', ')})`;
    await client.query(execute);
    const generic = await client.query<{ 'QUERY PLAN': Plan[] }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${execute}`,
    );
    report(`${name} (generic)`, generic.rows[0]['QUERY PLAN'][0]);
    if (showPlan) {
      const text = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${execute}`,
      );
      console.log(text.rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n'));
    }
  } finally {
    await client.query('DEALLOCATE bench_page');
    await client.query('RESET plan_cache_mode');
  }
}

/** The cursor a client holds after paging `depth` rows in (found once with OFFSET, for the bench only). */
async function cursorAt(
  client: Client,
  sort: QueueSort,
  filters: QueueFilters,
  depth: number,
  scope: { bankId: string; overdueCutoffs: Date[] },
): Promise<QueueCursor | null> {
  const all = pageStatement(scope, filters, sort, null, depth);
  const { rows } = await client.query<{ id: string; cursor_key: string }>(all.sql, all.params);
  const last = rows[rows.length - 1];
  return rows.length === depth && last ? { sort, key: last.cursor_key, id: last.id } : null;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      simulate: { type: 'boolean', default: false },
      plans: { type: 'boolean', default: false },
      deep: { type: 'string', default: '5000' },
    },
  });
  const depth = Number(values.deep);
  const url = process.env.DATABASE_URL || DEFAULT_URL;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    if (values.simulate) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM matches WHERE status <> 'suggested'`,
      );
      if (rows[0].n > 0) throw new Error('worked matches exist already: --simulate runs once');
      await client.query(SIMULATE_SQL);
    }
    const stats = await client.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM matches GROUP BY 1 ORDER BY 1`,
    );
    const firms = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM firms`);
    console.log(
      `firms ${firms.rows[0].n.toLocaleString('en-US')}; matches by status: ${stats.rows.map((r) => `${r.status} ${r.n.toLocaleString('en-US')}`).join(', ')}`,
    );
    const banks = await client.query<{ bank_id: string; n: number; worked: number }>(
      `SELECT m.bank_id, count(*)::int AS n, count(*) FILTER (WHERE m.status <> 'suggested')::int AS worked
         FROM matches m WHERE ${QUEUE_ROWS} GROUP BY m.bank_id ORDER BY n DESC LIMIT 1`,
    );
    const bank = banks.rows[0];
    if (!bank) throw new Error('no matches: run a worker over the scale data first');
    console.log(
      `bank ${bank.bank_id}: ${bank.n.toLocaleString('en-US')} rows in its queue (${bank.worked.toLocaleString('en-US')} worked)`,
    );
    const sample = await client.query<{ product_id: string; chain_id: string | null }>(
      `SELECT m.product_id, (SELECT cm.chain_id FROM chain_members cm WHERE cm.firm_id = m.firm_id LIMIT 1) AS chain_id
         FROM matches m WHERE m.bank_id = $1 AND ${QUEUE_ROWS} ORDER BY m.id LIMIT 1`,
      [bank.bank_id],
    );
    const productId = sample.rows[0].product_id;
    const chain = await client.query<{ chain_id: string }>(
      `SELECT cm.chain_id FROM matches m JOIN chain_members cm ON cm.firm_id = m.firm_id
        WHERE m.bank_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      [bank.bank_id],
    );
    const scope = {
      bankId: bank.bank_id,
      overdueCutoffs: overdueCutoffs(new WorkingCalendar(), new Date()),
    };
    const cases: [string, QueueSort, QueueFilters][] = [
      ['all, by score', 'score', {}],
      ['all, by waiting', 'waiting', {}],
      ['status applied, by waiting', 'waiting', { statuses: ['applied'] }],
      ['overdue, by waiting', 'waiting', { overdue: true }],
      ['one product, by score', 'score', { productId }],
      ['tier little_giant, by score', 'score', { tiers: ['little_giant'] }],
      ['region 430100 (Changsha), by score', 'score', { regionCode: '430100' }],
      ['chain, by score', 'score', { chainId: chain.rows[0]?.chain_id }],
      ['whitelisted + applied only, by score', 'score', { whitelisted: true, appliedOnly: true }],
    ];
    console.log(`\nfirst page (${PAGE - 1} rows shown) and a page ${depth} rows in:`);
    for (const [name, sort, filters] of cases) {
      await explain(
        client,
        `${name} — first`,
        pageStatement(scope, filters, sort, null, PAGE),
        values.plans,
      );
      const cursor = await cursorAt(client, sort, filters, depth, scope);
      if (cursor)
        await explain(
          client,
          `${name} — deep`,
          pageStatement(scope, filters, sort, cursor, PAGE),
          values.plans,
        );
      else console.log(`${`${name} — deep`.padEnd(52)} (fewer than ${depth} rows)`);
    }
    console.log('\ncounts per status (first page only):');
    for (const [name, , filters] of cases)
      await explain(client, `${name} — counts`, countsStatement(scope, filters), values.plans);
  } finally {
    await client.end();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
