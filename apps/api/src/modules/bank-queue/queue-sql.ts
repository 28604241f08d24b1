import { type WorkingCapitalYear } from '@lianrong/matching';
import { type MatchStatus, type Tier } from '../../common/domain-enums';
import { regionPrefix } from '../../common/region';
import { type QueueCursor, type QueueSort } from './queue-cursor';

// The SQL of the officer's queue, written once for the JSON pages, the counts and the
// export. Every value travels as a bind parameter; only fixed fragments are spliced.

export interface QueueFilters {
  productId?: string;
  chainId?: string;
  tiers?: Tier[];
  regionCode?: string;
  statuses?: MatchStatus[];
  appliedOnly?: boolean;
  overdue?: boolean;
  whitelisted?: boolean;
}

/**
 * The rows an officer sees: the officer's view of each product (its best M needs) plus every
 * match a firm applied for or the bank worked on. Written exactly as the partial indexes of
 * migration 1763840000000 state it, so the planner can use them.
 */
export const QUEUE_ROWS = `(m.in_product_top OR m.status <> 'suggested')`;

/** Sort keys, as the expression indexes of migration 1763840000000 hold them. */
const SORT_KEY: Record<QueueSort, string> = {
  score: `COALESCE(m.score, -1)`,
  waiting: `COALESCE(m.applied_at, 'infinity'::timestamptz)`,
};

/** The same keys as text that compares back exactly (microseconds kept), for the cursor. */
const SORT_KEY_TEXT: Record<QueueSort, string> = {
  score: `COALESCE(m.score, -1)::text`,
  waiting: `CASE WHEN m.applied_at IS NULL THEN 'infinity'
                 ELSE to_char(m.applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') END`,
};

const SORT_KEY_TYPE: Record<QueueSort, string> = { score: 'float8', waiting: 'timestamptz' };

/** Best score first; longest waiting first. Ties go by id in the same direction. */
const DIRECTION: Record<QueueSort, 'ASC' | 'DESC'> = { score: 'DESC', waiting: 'ASC' };

class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface QueueScope {
  bankId: string;
  /**
   * The overdue cutoff for each possible response-day limit: element i for i + 1 days, which
   * is Postgres's (1-based) element `days`. The bank's own limit is looked up inside the
   * statement, so a page stays one round trip.
   */
  overdueCutoffs?: Date[];
}

interface Conditions {
  joins: string;
  where: string;
  params: Params;
}

function conditions(scope: QueueScope, f: QueueFilters, withStatus: boolean): Conditions {
  const params = new Params();
  const bank = params.add(scope.bankId);
  const where = [`m.bank_id = ${bank}`, QUEUE_ROWS];
  const joinsFirm = f.tiers?.length || f.whitelisted !== undefined;
  const joinsOrg = f.regionCode !== undefined && regionPrefix(f.regionCode) !== '';
  if (f.productId) where.push(`m.product_id = ${params.add(f.productId)}`);
  if (f.chainId)
    where.push(
      `EXISTS (SELECT 1 FROM chain_members cm WHERE cm.chain_id = ${params.add(f.chainId)} AND cm.firm_id = m.firm_id)`,
    );
  if (f.tiers?.length) where.push(`f.tier = ANY(${params.add(f.tiers)}::firm_tier[])`);
  if (f.whitelisted !== undefined) where.push(`f.whitelisted = ${params.add(f.whitelisted)}`);
  if (joinsOrg) where.push(`o.region_code LIKE ${params.add(`${regionPrefix(f.regionCode!)}%`)}`);
  if (withStatus && f.statuses?.length) {
    where.push(`m.status = ANY(${params.add(f.statuses)}::match_status[])`);
    // Said in the text too, for the one plan the statement is run with (PreparedStatements):
    // it cannot see the values, and without this it scans the whole queue for a few
    // applications instead of reading matches_bank_worked_idx (bench:bank-queue).
    if (!f.statuses.includes('suggested')) where.push(`m.status <> 'suggested'`);
  }
  if (f.appliedOnly === true) where.push(`m.applied_at IS NOT NULL`);
  if (f.appliedOnly === false) where.push(`m.applied_at IS NULL`);
  if (f.overdue !== undefined) {
    const overdue = `(${LIVE_APPLICATION} AND m.applied_at < ${overdueCutoffSql(scope, bank, params)})`;
    where.push(f.overdue ? overdue : `NOT ${overdue}`);
  }
  return {
    // A queue is a few thousand of a million firms: probing each row's firm by key beats the
    // hash join over every firm of the tier or region the planner prefers (LIMIT 1 keeps the
    // lateral from being flattened back into that join). bench:bank-queue shows both plans.
    joins: [
      joinsFirm
        ? 'JOIN LATERAL (SELECT f.tier, f.whitelisted FROM firms f WHERE f.id = m.firm_id LIMIT 1) f ON true'
        : '',
      joinsOrg
        ? 'JOIN LATERAL (SELECT o.region_code FROM organizations o WHERE o.id = m.firm_id LIMIT 1) o ON true'
        : '',
    ]
      .filter(Boolean)
      .join(' '),
    where: where.join(' AND '),
    params,
  };
}

/** An application the bank has not answered yet: the response clock is running. */
export const LIVE_APPLICATION = `(m.status = 'applied' AND m.first_response_at IS NULL AND m.applied_at IS NOT NULL)`;

// Uncorrelated, so Postgres evaluates the bank's limit once per statement (an InitPlan).
function overdueCutoffSql(scope: QueueScope, bank: string, params: Params): string {
  if (!scope.overdueCutoffs) throw new Error('overdue filter without cutoffs');
  const cutoffs = params.add(scope.overdueCutoffs.map((d) => d.toISOString()));
  return `(${cutoffs}::timestamptz[])[(SELECT b.response_days FROM organizations b WHERE b.id = ${bank})]`;
}

/** The columns of financial_years the suggested line reads, by the field each fills. */
export const LINE_YEAR_COLUMNS = {
  year: 'year',
  revenue: 'revenue',
  costOfSales: 'cost_of_sales',
  netProfit: 'net_profit',
  accountsReceivable: 'accounts_receivable',
  inventory: 'inventory',
  accountsPayable: 'accounts_payable',
  prepayments: 'prepayments',
  advancesReceived: 'advances_received',
  ownWorkingCapital: 'own_working_capital',
  existingWorkingCapitalLoans: 'existing_working_capital_loans',
} as const satisfies Record<keyof WorkingCapitalYear, string>;

/** A year's figures as one JSON array, in LINE_YEAR_COLUMNS' order: one value to read per year. */
const LINE_YEAR_FIGURES = `json_build_array(${Object.values(LINE_YEAR_COLUMNS)
  .map((c) => `y.${c}`)
  .join(', ')}) AS figures`;

export interface QueueStatement {
  sql: string;
  params: unknown[];
}

/**
 * The page size is written into the text: with it as a value, the one plan a statement is
 * run with (PreparedStatements) must assume any number of rows and sorts the whole queue
 * rather than reading the sort key's index (bench:bank-queue, "all, by waiting").
 */
function pageLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`bad page size ${limit}`);
  return limit;
}

/**
 * One keyset page: the ids in sort order from the index (filtered, after the cursor, limit
 * rows), then the row details for just those ids — one statement, no OFFSET, no per-row
 * round trip. `limit` should be one more than shown, to know whether a next page exists.
 */
export function pageStatement(
  scope: QueueScope,
  f: QueueFilters,
  sort: QueueSort,
  cursor: QueueCursor | null,
  limit: number,
): QueueStatement {
  const { joins, where, params } = conditions(scope, f, true);
  const key = SORT_KEY[sort];
  const dir = DIRECTION[sort];
  const after = cursor
    ? ` AND (${key}, m.id) ${dir === 'DESC' ? '<' : '>'} (${params.add(cursor.key)}::${SORT_KEY_TYPE[sort]}, ${params.add(cursor.id)}::uuid)`
    : '';
  const sql = `
    WITH page AS (
      SELECT m.id, ${key} AS sort_key, ${SORT_KEY_TEXT[sort]} AS cursor_key
        FROM matches m ${joins}
       WHERE ${where}${after}
       ORDER BY ${key} ${dir}, m.id ${dir}
       LIMIT ${pageLimit(limit)}
    )
    SELECT m.id, m.version, m.status, m.score, m.ineligible, m.applied_at, m.first_response_at,
           m.approved_amount, m.approved_rate_bps, m.approved_term_months, m.disbursed_amount,
           m.proposed_amount, m.proposed_rate_bps, m.proposed_term_months, m.proposed_by,
           page.cursor_key,
           p.id AS product_id, p.name AS product_name,
           o.id AS firm_id, o.name AS firm_name, o.uscc, o.region_code, f.tier, f.whitelisted,
           n.id AS need_id, n.amount, n.term_months, n.purpose, n.collateral,
           b.response_days,
           COALESCE(ch.chains, '[]') AS chains, y1.figures AS latest_year, y0.figures AS year_before,
           pg_current_snapshot()::text AS snapshot
      FROM page
      JOIN matches m ON m.id = page.id
      -- One lookup by key per row for each table. As laterals (LIMIT 1 keeps each one apart)
      -- the planner has no join order to search: planning took half as long (bench:bank-queue).
      CROSS JOIN LATERAL (SELECT p.id, p.name FROM loan_products p WHERE p.id = m.product_id LIMIT 1) p
      CROSS JOIN LATERAL (SELECT n.id, n.amount, n.term_months, n.purpose, n.collateral
                            FROM funding_needs n WHERE n.id = m.need_id LIMIT 1) n
      CROSS JOIN LATERAL (SELECT f.tier, f.whitelisted FROM firms f WHERE f.id = m.firm_id LIMIT 1) f
      CROSS JOIN LATERAL (SELECT o.id, o.name, o.uscc, o.region_code
                            FROM organizations o WHERE o.id = m.firm_id LIMIT 1) o
      CROSS JOIN LATERAL (SELECT b.response_days FROM organizations b WHERE b.id = m.bank_id LIMIT 1) b
      LEFT JOIN LATERAL (
        SELECT json_agg(json_build_object('id', c.id, 'name', c.name) ORDER BY c.name, c.id) AS chains
          FROM chain_members cm
          -- One chain per membership (LIMIT 1), not a hash join that hashes every chain per row.
          CROSS JOIN LATERAL (SELECT c.id, c.name FROM chains c WHERE c.id = cm.chain_id LIMIT 1) c
         WHERE cm.firm_id = m.firm_id) ch ON true
      -- The suggested line reads the latest year and the one right before it: as JSON objects
      -- of every column they were a third of the statement (closing note of issue 12).
      LEFT JOIN LATERAL (SELECT y.year, ${LINE_YEAR_FIGURES} FROM financial_years y
                          WHERE y.firm_id = m.firm_id ORDER BY y.year DESC LIMIT 1) y1 ON true
      LEFT JOIN LATERAL (SELECT ${LINE_YEAR_FIGURES} FROM financial_years y
                          WHERE y.firm_id = m.firm_id AND y.year = y1.year - 1 LIMIT 1) y0 ON true
     ORDER BY page.sort_key ${dir}, page.id ${dir}`;
  return { sql, params: params.values };
}

/** Rows per status under the same filters, the status filter left out (the tabs of the page). */
export function countsStatement(scope: QueueScope, f: QueueFilters): QueueStatement {
  const { joins, where, params } = conditions(scope, f, false);
  return {
    sql: `SELECT m.status, count(*)::int AS n FROM matches m ${joins} WHERE ${where} GROUP BY m.status`,
    params: params.values,
  };
}
