import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type FailureCode } from '@lianrong/matching';
import { type Tier } from '../../common/domain-enums';
import { FACT_TABLES, bind, factParams, type SqlFactTable } from './dashboard-facts.sql';
import {
  type FigureSums,
  emptySums,
  monthDate,
  type Period,
  type RegionScope,
} from './dashboard-figures';

/** Where a read takes its rows: the worker's fact tables, or the records summed on the spot. */
export type FactSource = 'facts' | 'live';

export interface ReadFilters {
  scope: RegionScope;
  period: Period;
  tier: Tier | null;
  bankId: string | null;
  /** Only this chain's rows (a chain page, or responsiveness for one chain). */
  chainId: string | null;
}

/** A group of summed rows: a chain (null: the region, every firm once), optionally one city. */
export const groupKey = (chainId: string | null, city: string | null) =>
  `${chainId ?? '*'}|${city ?? ''}`;

export interface TrendRow {
  chainId: string | null;
  month: string;
  applications: number;
  approvals: number;
  approvedAmount: number;
  disbursedAmount: number;
  firstBorrowers: number;
}

export interface BankSums {
  bankId: string;
  sums: FigureSums;
}

export interface BlockerSums {
  openNeeds: number;
  blockedNeeds: number;
  oneRuleAway: number;
  codes: Map<FailureCode, number>;
}

/** City (市州) of a region code, as the fact rows group it: the first four digits. */
const CITY = 'left(region_code, 4)';
const n = (v: unknown) => Number(v ?? 0);

/**
 * Sums the dashboard's fact rows under a request's filters. Every statement reads its table
 * through `from`, which is the fact table itself or, live, the SELECT that fills it run for
 * the request's region only — the same definitions either way.
 */
@Injectable()
export class DashboardReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private from(table: SqlFactTable, source: FactSource, alias: string = table): string {
    // OFFSET 0 keeps the outer filters out of the subquery: pushed into its CTE scans they
    // wreck the row estimates (nested loops over 70k × 70k rows on 100k firms).
    return source === 'facts'
      ? `${table} AS ${alias}`
      : `(${FACT_TABLES[table]} OFFSET 0) AS ${alias}`;
  }

  private async query<T>(
    sql: string,
    f: ReadFilters,
    now: Date,
    extra: Record<string, unknown> = {},
  ): Promise<T[]> {
    const { text, params } = bind(sql, {
      ...factParams(now, f.scope.lo, f.scope.hi),
      from: monthDate(f.period.from),
      to: monthDate(f.period.to),
      tier: f.tier,
      bank: f.bankId,
      chain: f.chainId,
      ...extra,
    });
    return this.db.query(text, params);
  }

  private where(): string {
    return `region_code BETWEEN :lo AND :hi AND (:tier::firm_tier IS NULL OR tier = :tier::firm_tier)
            AND (:chain::uuid IS NULL OR chain_id = :chain::uuid)`;
  }

  /**
   * Figures per chain (and region-wide), each also per city: the sums behind ChainFigures.
   * The lead bank's credit per chain comes along (leadCredit: chain → bank → amount).
   */
  async figureSums(
    f: ReadFilters,
    source: FactSource,
    now: Date,
  ): Promise<{
    sums: Map<string, FigureSums>;
    credit: Map<string, Map<string, number>>;
    trend: TrendRow[];
  }> {
    const sums = new Map<string, FigureSums>();
    const at = (chain: string | null, city: string | null) => {
      const key = groupKey(chain, city);
      let s = sums.get(key);
      if (!s) sums.set(key, (s = emptySums()));
      return s;
    };
    const where = this.where();
    const cityCol = `CASE WHEN GROUPING(${CITY}) = 0 THEN ${CITY} END AS city`;
    const [firms, needs, spans, loans, days, credit] = await Promise.all([
      this.query<{ chain_id: string | null; city: string | null; tier: Tier; n: number }>(
        `SELECT chain_id, ${cityCol}, tier, sum(firms)::int AS n
           FROM ${this.from('gov_fact_firms', source)} WHERE ${where}
          GROUP BY GROUPING SETS ((chain_id, tier), (chain_id, ${CITY}, tier))`,
        f,
        now,
      ),
      this.query<{
        chain_id: string | null;
        city: string | null;
        needs: number;
        amount: string;
        matched: number;
      }>(
        `SELECT chain_id, ${cityCol}, sum(needs)::int AS needs, sum(amount)::bigint AS amount,
                sum(matched_needs)::int AS matched
           FROM ${this.from('gov_fact_needs', source)}
          WHERE ${where} AND start_month <= :to::date AND end_month >= :from::date
          GROUP BY GROUPING SETS ((chain_id), (chain_id, ${CITY}))`,
        f,
        now,
      ),
      this.query<{
        chain_id: string | null;
        city: string | null;
        kind: 'need' | 'credit';
        n: number;
      }>(
        `SELECT chain_id, ${cityCol}, kind,
                (COALESCE(sum(firms) FILTER (WHERE part = 'run' AND start_month <= :to::date AND end_month >= :from::date), 0)
                 - COALESCE(sum(firms) FILTER (WHERE part = 'gap' AND start_month > :from::date AND end_month < :to::date), 0))::int AS n
           FROM ${this.from('gov_fact_firm_spans', source)}
          WHERE ${where}
            AND ((kind = 'need' AND bank_id IS NULL) OR (kind = 'credit' AND bank_id IS NOT DISTINCT FROM :bank::uuid))
          GROUP BY GROUPING SETS ((chain_id, kind), (chain_id, ${CITY}, kind))`,
        f,
        now,
      ),
      this.query<LoanRow & { city: string | null; month: string | null }>(
        `SELECT chain_id, ${cityCol}, CASE WHEN GROUPING(month) = 0 THEN to_char(month, 'YYYY-MM') END AS month,
                ${LOAN_SUMS}
           FROM ${this.from('gov_fact_loans', source)}
          WHERE ${where} AND month BETWEEN :from::date AND :to::date
            AND (:bank::uuid IS NULL OR bank_id = :bank::uuid)
          GROUP BY GROUPING SETS ((chain_id), (chain_id, ${CITY}), (chain_id, month))`,
        f,
        now,
      ),
      this.query<{ chain_id: string | null; city: string | null; days: number; n: number }>(
        `SELECT chain_id, ${cityCol}, days, sum(applications)::int AS n
           FROM ${this.from('gov_fact_response_days', source)}
          WHERE ${where} AND month BETWEEN :from::date AND :to::date
            AND (:bank::uuid IS NULL OR bank_id = :bank::uuid)
          GROUP BY GROUPING SETS ((chain_id, days), (chain_id, ${CITY}, days))`,
        f,
        now,
      ),
      // The lead bank's share is of every bank's credit, whatever the bank filter.
      this.query<{ chain_id: string; bank_id: string; amount: string }>(
        `SELECT chain_id, bank_id, sum(approved_amount)::bigint AS amount
           FROM ${this.from('gov_fact_loans', source)}
          WHERE ${where} AND chain_id IS NOT NULL AND month BETWEEN :from::date AND :to::date
          GROUP BY chain_id, bank_id`,
        f,
        now,
      ),
    ]);
    for (const r of firms) at(r.chain_id, r.city).firmsByTier[r.tier] += r.n;
    for (const r of needs) {
      const s = at(r.chain_id, r.city);
      s.openNeeds = r.needs;
      s.amountAsked = n(r.amount);
      s.matchedNeeds = r.matched;
    }
    for (const r of spans) {
      const s = at(r.chain_id, r.city);
      if (r.kind === 'need') s.needFirms = r.n;
      else s.creditFirms = r.n;
    }
    const trend: TrendRow[] = [];
    for (const r of loans) {
      if (r.month !== null) {
        trend.push({
          chainId: r.chain_id,
          month: r.month,
          applications: n(r.applications),
          approvals: n(r.approvals),
          approvedAmount: n(r.approved_amount),
          disbursedAmount: n(r.disbursed_amount),
          firstBorrowers: n(r.first_borrowers),
        });
        continue;
      }
      addLoanRow(at(r.chain_id, r.city), r);
    }
    for (const r of days) {
      const h = at(r.chain_id, r.city).responseDays;
      h.set(r.days, (h.get(r.days) ?? 0) + r.n);
    }
    const byChain = new Map<string, Map<string, number>>();
    for (const r of credit) {
      const m = byChain.get(r.chain_id) ?? new Map<string, number>();
      m.set(r.bank_id, n(r.amount));
      byChain.set(r.chain_id, m);
    }
    return { sums, credit: byChain, trend };
  }

  /** Per bank: the loan figures of the region's firms (or one chain's) under the filters. */
  async bankSums(f: ReadFilters, source: FactSource, now: Date): Promise<BankSums[]> {
    // Without a chain, the region-wide rows: every firm once, also those in no chain.
    const chainWhere = `region_code BETWEEN :lo AND :hi AND (:tier::firm_tier IS NULL OR tier = :tier::firm_tier)
      AND chain_id IS NOT DISTINCT FROM :chain::uuid
      AND month BETWEEN :from::date AND :to::date AND (:bank::uuid IS NULL OR bank_id = :bank::uuid)`;
    const [loans, days] = await Promise.all([
      this.query<LoanRow & { bank_id: string }>(
        `SELECT bank_id, ${LOAN_SUMS} FROM ${this.from('gov_fact_loans', source)} WHERE ${chainWhere} GROUP BY bank_id`,
        f,
        now,
      ),
      this.query<{ bank_id: string; days: number; n: number }>(
        `SELECT bank_id, days, sum(applications)::int AS n FROM ${this.from('gov_fact_response_days', source)}
          WHERE ${chainWhere} GROUP BY bank_id, days`,
        f,
        now,
      ),
    ]);
    const byBank = new Map<string, FigureSums>();
    for (const r of loans) {
      const s = emptySums();
      addLoanRow(s, r);
      byBank.set(r.bank_id, s);
    }
    for (const r of days) {
      const s = byBank.get(r.bank_id) ?? emptySums();
      s.responseDays.set(r.days, (s.responseDays.get(r.days) ?? 0) + r.n);
      byBank.set(r.bank_id, s);
    }
    return [...byBank.entries()].map(([bankId, sums]) => ({ bankId, sums }));
  }

  /** Blockers per chain (null: region-wide) and per chain × tier (tier null: all tiers). */
  async blockerSums(f: ReadFilters, now: Date): Promise<Map<string, BlockerSums>> {
    const where = this.where();
    const [blocked, codes] = await Promise.all([
      this.query<{
        chain_id: string | null;
        tier: Tier | null;
        open: number;
        blocked: number;
        one: number;
      }>(
        `SELECT chain_id, CASE WHEN GROUPING(tier) = 0 THEN tier END AS tier,
                sum(open_needs)::int AS open, sum(blocked_needs)::int AS blocked, sum(one_rule_away)::int AS one
           FROM gov_fact_blocked WHERE ${where}
          GROUP BY GROUPING SETS ((chain_id), (chain_id, tier))`,
        f,
        now,
      ),
      this.query<{ chain_id: string | null; tier: Tier | null; code: FailureCode; n: number }>(
        `SELECT chain_id, CASE WHEN GROUPING(tier) = 0 THEN tier END AS tier, code, sum(needs)::int AS n
           FROM gov_fact_blocker_codes WHERE ${where}
          GROUP BY GROUPING SETS ((chain_id, code), (chain_id, tier, code))`,
        f,
        now,
      ),
    ]);
    const out = new Map<string, BlockerSums>();
    const at = (chain: string | null, tier: Tier | null) => {
      const key = groupKey(chain, tier);
      let s = out.get(key);
      if (!s)
        out.set(key, (s = { openNeeds: 0, blockedNeeds: 0, oneRuleAway: 0, codes: new Map() }));
      return s;
    };
    for (const r of blocked) {
      const s = at(r.chain_id, r.tier);
      s.openNeeds = r.open;
      s.blockedNeeds = r.blocked;
      s.oneRuleAway = r.one;
    }
    for (const r of codes) at(r.chain_id, r.tier).codes.set(r.code, r.n);
    return out;
  }

  /**
   * The chains an agency sees: those set up within its region, and those with member firms
   * in it (a chain spanning regions) — with a city filter, those with members in the city.
   */
  async visibleChains(
    agency: RegionScope,
    f: ReadFilters,
    source: FactSource,
    now: Date,
  ): Promise<
    {
      id: string;
      name: string;
      region_code: string;
      lead_bank_id: string | null;
      lead_bank_name: string | null;
    }[]
  > {
    const narrowed = f.scope.prefix !== agency.prefix;
    return this.query(
      `SELECT c.id, c.name, c.region_code, c.lead_bank_id, b.name AS lead_bank_name
         FROM chains c LEFT JOIN organizations b ON b.id = c.lead_bank_id
        WHERE (:chain::uuid IS NULL OR c.id = :chain::uuid)
          AND ((NOT :narrowed::boolean AND c.region_code BETWEEN :alo AND :ahi)
               OR EXISTS (SELECT 1 FROM ${this.from('gov_fact_firms', source, 'm')}
                           WHERE m.chain_id = c.id AND m.region_code BETWEEN :lo AND :hi))
        ORDER BY c.name, c.id`,
      f,
      now,
      { narrowed, alo: agency.lo, ahi: agency.hi },
    );
  }
}

interface LoanRow {
  chain_id: string | null;
  applications: string;
  answered: string;
  overdue: string;
  approvals: string;
  approved_amount: string;
  approved_rate_amount: string;
  unsecured_amount: string;
  declines: string;
  first_disbursements: string;
  disbursed_amount: string;
  first_borrowers: string;
}

const LOAN_SUMS = `sum(applications) AS applications, sum(answered) AS answered, sum(overdue) AS overdue,
  sum(approvals) AS approvals, sum(approved_amount) AS approved_amount,
  sum(approved_rate_amount) AS approved_rate_amount, sum(unsecured_amount) AS unsecured_amount,
  sum(declines) AS declines, sum(first_disbursements) AS first_disbursements,
  sum(disbursed_amount) AS disbursed_amount, sum(first_borrowers) AS first_borrowers`;

function addLoanRow(s: FigureSums, r: LoanRow): void {
  s.applications += n(r.applications);
  s.answered += n(r.answered);
  s.overdue += n(r.overdue);
  s.approvals += n(r.approvals);
  s.approvedAmount += n(r.approved_amount);
  s.approvedRateAmount += n(r.approved_rate_amount);
  s.unsecuredAmount += n(r.unsecured_amount);
  s.declines += n(r.declines);
  s.firstDisbursements += n(r.first_disbursements);
  s.disbursedAmount += n(r.disbursed_amount);
  s.firstBorrowers += n(r.first_borrowers);
}
