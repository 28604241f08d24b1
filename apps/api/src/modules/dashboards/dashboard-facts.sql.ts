import { TIER_VALID_YEARS } from '@lianrong/matching';

// The government dashboard's figures, defined once as SQL over the base tables. The worker
// writes each SELECT below into its gov_fact_* table for every region (the facts); the API
// sums those rows under the agency's filters. Run against the base tables for one region,
// the same SELECTs answer the same question live (GOV_DASHBOARD_SOURCE=live, the
// benchmark's baseline, and the answer before the first build).
//
// Named parameters (:name) are bound by `bind`:
//   :lo, :hi        region codes of the firms counted (a GB/T 2260 prefix padded with 0 / 9)
//   :now            the instant the figures describe (overdue applications are counted at it)
//   :minTierYear    certifications from this year on still count (libs/matching's TIER_VALID_YEARS)
//
// Shared vocabulary of the definitions:
// - A firm counts where it is registered (organizations.region_code), in every chain it is a
//   member of (chain_members), and once in the region-wide rows (chain_id NULL), which also
//   hold firms that belong to no chain.
// - Tier: the certified tier while it counts (its year and the two after), else none.
// - Months are China's (Asia/Shanghai): an application at 23:30 on 31 May is May's.
// - Standing credit (授信): a match now approved or disbursed; an approval the firm withdrew
//   from, or that closed when another loan fulfilled the need, granted nothing.

/** Month (first day) of an instant on China's calendar. */
const month = (sql: string) => `date_trunc('month', ${sql} AT TIME ZONE 'Asia/Shanghai')::date`;
/** China's calendar day of an instant. */
const day = (sql: string) => `(${sql} AT TIME ZONE 'Asia/Shanghai')::date`;

/** The firms counted, each with its county and the tier that counts today. */
const FIRMS = `
  firm_dims AS (
    SELECT f.id AS firm_id, o.region_code,
           (CASE WHEN f.tier_year >= :minTierYear THEN f.tier ELSE 'none' END)::firm_tier AS tier
      FROM firms f JOIN organizations o ON o.id = f.id
     WHERE o.region_code BETWEEN :lo AND :hi
  ),
  firm_chains AS (
    SELECT firm_id, region_code, tier, NULL::uuid AS chain_id FROM firm_dims
    UNION ALL
    SELECT d.firm_id, d.region_code, d.tier, cm.chain_id
      FROM firm_dims d JOIN chain_members cm ON cm.firm_id = d.firm_id
  )`;

/**
 * A need is open from the month it was posted through the month it was fulfilled or
 * withdrawn (closed_at), or on, while it is still open. It is matched when it holds a
 * stored eligible match of any status: in the firm's ranked products, in a bank's view, or
 * applied for. (The worker drops the suggestions of a closed need, so a need withdrawn
 * without any application no longer counts as matched.)
 */
const NEEDS = `
  need_rows AS (
    SELECT n.firm_id, n.amount,
           ${month('n.created_at')} AS start_month,
           COALESCE(${month('n.closed_at')}, 'infinity'::date) AS end_month,
           EXISTS (SELECT 1 FROM matches m WHERE m.need_id = n.id AND NOT m.ineligible) AS matched
      FROM funding_needs n JOIN firm_dims d ON d.firm_id = n.firm_id
  )`;

/** Member firms by chain, county and tier. */
export const FACT_FIRMS = `
  WITH ${FIRMS}
  SELECT chain_id, region_code, tier, count(*)::int AS firms
    FROM firm_chains GROUP BY chain_id, region_code, tier`;

/** Needs by the months they were open: a period counts those whose months meet it. */
export const FACT_NEEDS = `
  WITH ${FIRMS}, ${NEEDS}
  SELECT fc.chain_id, fc.region_code, fc.tier, r.start_month, r.end_month,
         count(*)::int AS needs, sum(r.amount)::bigint AS amount,
         (count(*) FILTER (WHERE r.matched))::int AS matched_needs
    FROM need_rows r JOIN firm_chains fc ON fc.firm_id = r.firm_id
   GROUP BY fc.chain_id, fc.region_code, fc.tier, r.start_month, r.end_month`;

/**
 * Distinct firms per period without a row per firm. For each firm the months it "was
 * active" form runs of consecutive months with gaps between them; a firm was active in a
 * period [F, T] exactly when some run meets it, and the runs meeting it are consecutive, so
 *   firms active in [F, T] = Σ runs meeting [F, T] − Σ gaps lying strictly inside (F, T)
 * (a gap strictly inside lies between two runs that both meet the period). Runs and gaps
 * are counted by their months, so the period is free.
 *
 * kind 'need': months with a need open (the coverage's denominator, "firms with open needs").
 * kind 'credit': months with an approval of standing credit or a drawdown on it (the
 * coverage's numerator, "firms with an approved or disbursed match"), per bank and for any
 * bank (bank_id NULL).
 */
export const FACT_FIRM_SPANS = `
  WITH ${FIRMS}, ${NEEDS},
  credit_events AS (
    SELECT m.firm_id, m.bank_id, ${month('m.approved_at')} AS m
      FROM matches m JOIN firm_dims d ON d.firm_id = m.firm_id
     WHERE m.status IN ('approved', 'disbursed') AND m.approved_at IS NOT NULL
    UNION ALL
    SELECT m.firm_id, m.bank_id, date_trunc('month', e.occurred_on)::date
      FROM match_events e JOIN matches m ON m.id = e.match_id JOIN firm_dims d ON d.firm_id = m.firm_id
     WHERE m.status = 'disbursed' AND e.to_status = 'disbursed' AND e.amount IS NOT NULL
       AND e.occurred_on IS NOT NULL
  ),
  ivals AS (
    SELECT firm_id, NULL::uuid AS bank_id, 'need'::varchar AS kind, start_month AS s, end_month AS e
      FROM need_rows
    UNION ALL
    SELECT DISTINCT firm_id, bank_id, 'credit', m, m FROM credit_events
    UNION ALL
    SELECT DISTINCT firm_id, NULL::uuid, 'credit', m, m FROM credit_events
  ),
  ordered AS (
    SELECT firm_id, bank_id, kind, s, e,
           max(e) OVER (PARTITION BY firm_id, bank_id, kind ORDER BY s, e
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
      FROM ivals
  ),
  numbered AS (
    SELECT firm_id, bank_id, kind, s, e,
           sum(CASE WHEN prev_end IS NULL OR s > prev_end + interval '1 month' THEN 1 ELSE 0 END)
             OVER (PARTITION BY firm_id, bank_id, kind ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS run_no
      FROM ordered
  ),
  runs AS (
    SELECT firm_id, bank_id, kind, min(s) AS s, max(e) AS e
      FROM numbered GROUP BY firm_id, bank_id, kind, run_no
  ),
  parts AS (
    SELECT firm_id, bank_id, kind, 'run'::varchar AS part, s, e FROM runs
    UNION ALL
    SELECT firm_id, bank_id, kind, 'gap', (e + interval '1 month')::date, (next_s - interval '1 month')::date
      FROM (SELECT r.*, lead(s) OVER (PARTITION BY firm_id, bank_id, kind ORDER BY s) AS next_s FROM runs r) r
     WHERE next_s IS NOT NULL
  )
  SELECT fc.chain_id, fc.region_code, fc.tier, p.bank_id, p.kind, p.part,
         p.s AS start_month, p.e AS end_month, count(*)::int AS firms
    FROM parts p JOIN firm_chains fc ON fc.firm_id = p.firm_id
   GROUP BY fc.chain_id, fc.region_code, fc.tier, p.bank_id, p.kind, p.part, p.s, p.e`;

/**
 * The loan loop per bank and China month:
 * - applications: matches by the month of their (latest) application (applied_at);
 *   answered: of those, the ones the bank has moved (first_response_at); overdue: of those,
 *   still waiting at :now past the bank's response days, in working days (the response
 *   clock: working days that began after the application's day, up to :now's day);
 * - approvals, approved_amount: standing credit by the month it was approved (approved_at);
 *   approved_rate_amount: Σ amount × rate (bps), for the amount-weighted average rate;
 *   unsecured_amount: the part whose need offered no collateral (信用贷);
 * - declines: decline moves by their month;
 * - first_disbursements: disbursed matches by the value date of their first drawdown;
 *   disbursed_amount: every drawdown (分笔放款) by its value date;
 * - first_borrowers: 首贷户, firms by the month of their first standing approval on the
 *   platform, under the bank that granted it.
 */
export const FACT_LOANS = `
  WITH ${FIRMS},
  today AS (SELECT workday_no FROM work_calendar WHERE day = ${day(':now::timestamptz')}),
  ev AS (
    SELECT m.firm_id, m.bank_id, ${month('m.applied_at')} AS month,
           1 AS applications, (m.first_response_at IS NOT NULL)::int AS answered,
           COALESCE((m.status = 'applied' AND m.first_response_at IS NULL
                     AND (SELECT workday_no FROM today) - w.workday_no > b.response_days), false)::int AS overdue,
           0 AS approvals, 0::bigint AS approved_amount, 0::numeric AS approved_rate_amount,
           0::bigint AS unsecured_amount, 0 AS declines, 0 AS first_disbursements,
           0::bigint AS disbursed_amount, 0 AS first_borrowers
      FROM matches m
      JOIN firm_dims d ON d.firm_id = m.firm_id
      JOIN organizations b ON b.id = m.bank_id
      LEFT JOIN work_calendar w ON w.day = ${day('m.applied_at')}
     WHERE m.status <> 'suggested' AND m.applied_at IS NOT NULL
    UNION ALL
    SELECT m.firm_id, m.bank_id, ${month('m.approved_at')}, 0, 0, 0,
           1, m.approved_amount, m.approved_amount::numeric * m.approved_rate_bps,
           CASE WHEN n.collateral = 'none' THEN m.approved_amount ELSE 0 END, 0, 0, 0, 0
      FROM matches m
      JOIN firm_dims d ON d.firm_id = m.firm_id
      JOIN funding_needs n ON n.id = m.need_id
     WHERE m.status IN ('approved', 'disbursed')
    UNION ALL
    SELECT m.firm_id, m.bank_id, ${month('e.at')}, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0
      FROM match_events e
      JOIN matches m ON m.id = e.match_id
      JOIN firm_dims d ON d.firm_id = m.firm_id
     WHERE e.to_status = 'declined' AND e.kind = 'transition'
    UNION ALL
    SELECT m.firm_id, m.bank_id, date_trunc('month', e.occurred_on)::date, 0, 0, 0, 0, 0, 0, 0, 0,
           (e.k = 1)::int, e.amount, 0
      FROM (SELECT x.match_id, x.occurred_on, x.amount,
                   row_number() OVER (PARTITION BY x.match_id ORDER BY x.occurred_on, x.at, x.id) AS k
              FROM match_events x
             WHERE x.to_status = 'disbursed' AND x.amount IS NOT NULL AND x.occurred_on IS NOT NULL) e
      JOIN matches m ON m.id = e.match_id AND m.status = 'disbursed'
      JOIN firm_dims d ON d.firm_id = m.firm_id
    UNION ALL
    SELECT firm_id, bank_id, month, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
      FROM (SELECT DISTINCT ON (m.firm_id) m.firm_id, m.bank_id, ${month('m.approved_at')} AS month
              FROM matches m JOIN firm_dims d ON d.firm_id = m.firm_id
             WHERE m.status IN ('approved', 'disbursed')
             ORDER BY m.firm_id, m.approved_at, m.id) first
  )
  SELECT fc.chain_id, fc.region_code, fc.tier, ev.bank_id, ev.month,
         sum(applications)::int AS applications, sum(answered)::int AS answered,
         sum(overdue)::int AS overdue, sum(approvals)::int AS approvals,
         sum(approved_amount)::bigint AS approved_amount,
         sum(approved_rate_amount) AS approved_rate_amount,
         sum(unsecured_amount)::bigint AS unsecured_amount, sum(declines)::int AS declines,
         sum(first_disbursements)::int AS first_disbursements,
         sum(disbursed_amount)::bigint AS disbursed_amount,
         sum(first_borrowers)::int AS first_borrowers
    FROM ev JOIN firm_chains fc ON fc.firm_id = ev.firm_id
   GROUP BY fc.chain_id, fc.region_code, fc.tier, ev.bank_id, ev.month`;

/**
 * Working days from application to the bank's first move, as the response clock counts
 * them (WorkingCalendar.workingDaysBetween: working days that began after the application's
 * day, up to and including the move's), per application month: a histogram, so that a
 * median can be taken over any filter.
 */
export const FACT_RESPONSE_DAYS = `
  WITH ${FIRMS}
  SELECT fc.chain_id, fc.region_code, fc.tier, m.bank_id, ${month('m.applied_at')} AS month,
         wr.workday_no - wa.workday_no AS days, count(*)::int AS applications
    FROM matches m
    JOIN firm_chains fc ON fc.firm_id = m.firm_id
    JOIN work_calendar wa ON wa.day = ${day('m.applied_at')}
    JOIN work_calendar wr ON wr.day = ${day('m.first_response_at')}
   WHERE m.status <> 'suggested' AND m.applied_at IS NOT NULL AND m.first_response_at IS NOT NULL
   GROUP BY fc.chain_id, fc.region_code, fc.tier, m.bank_id, ${month('m.applied_at')}, wr.workday_no - wa.workday_no`;

/** Open needs now, by the firm's dims, and the ones with no stored eligible match (blocker candidates). */
export const OPEN_NEEDS_FOR_BLOCKERS = `
  SELECT n.id, (NOT EXISTS (SELECT 1 FROM matches m WHERE m.need_id = n.id AND NOT m.ineligible)) AS unmatched
    FROM funding_needs n
   WHERE n.status = 'open' AND (:after::uuid IS NULL OR n.id > :after)
   ORDER BY n.id LIMIT :limit`;

/** Fact tables and the SELECT that fills each; the order is the build's. */
export const FACT_TABLES = {
  gov_fact_firms: FACT_FIRMS,
  gov_fact_needs: FACT_NEEDS,
  gov_fact_firm_spans: FACT_FIRM_SPANS,
  gov_fact_loans: FACT_LOANS,
  gov_fact_response_days: FACT_RESPONSE_DAYS,
} as const;
export type SqlFactTable = keyof typeof FACT_TABLES;

/** Columns of each fact table in the order its SELECT returns them. */
export const FACT_COLUMNS: Record<SqlFactTable, string[]> = {
  gov_fact_firms: ['chain_id', 'region_code', 'tier', 'firms'],
  gov_fact_needs: [
    'chain_id',
    'region_code',
    'tier',
    'start_month',
    'end_month',
    'needs',
    'amount',
    'matched_needs',
  ],
  gov_fact_firm_spans: [
    'chain_id',
    'region_code',
    'tier',
    'bank_id',
    'kind',
    'part',
    'start_month',
    'end_month',
    'firms',
  ],
  gov_fact_loans: [
    'chain_id',
    'region_code',
    'tier',
    'bank_id',
    'month',
    'applications',
    'answered',
    'overdue',
    'approvals',
    'approved_amount',
    'approved_rate_amount',
    'unsecured_amount',
    'declines',
    'first_disbursements',
    'disbursed_amount',
    'first_borrowers',
  ],
  gov_fact_response_days: [
    'chain_id',
    'region_code',
    'tier',
    'bank_id',
    'month',
    'days',
    'applications',
  ],
};

/** A statement with :named parameters turned into $n ones, each value bound once. */
export function bind(
  sql: string,
  values: Record<string, unknown>,
): { text: string; params: unknown[] } {
  const order: string[] = [];
  // `::type` casts are not parameters: a name preceded by a colon is left alone.
  const text = sql.replace(/(?<![:\w]):([a-zA-Z][a-zA-Z0-9]*)/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for :${name}`);
    let i = order.indexOf(name);
    if (i < 0) i = order.push(name) - 1;
    return `$${i + 1}`;
  });
  return { text, params: order.map((n) => values[n]) };
}

/** The values the fact SELECTs are bound with for one region (all regions: 000000–999999). */
export function factParams(now: Date, lo = '000000', hi = '999999') {
  return {
    lo,
    hi,
    now: now.toISOString(),
    // effectiveTier reads the certification year against the UTC calendar year of "today".
    minTierYear: now.getUTCFullYear() - TIER_VALID_YEARS + 1,
  };
}
