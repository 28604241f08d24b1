import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import {
  TIER_VALID_YEARS,
  needBlockers,
  type FailureCode,
  type NeedBlockers,
  type Tier,
} from '@lianrong/matching';
import { DataSource, type EntityManager } from 'typeorm';
import { isoDay, shanghaiDayNumber } from '../../common/china-time';
import { loadNeedEntries, loadProducts } from '../matching/matching-inputs';
import { WorkingCalendar } from '../matches/response-clock';
import { FACT_COLUMNS, FACT_TABLES, OPEN_NEEDS_FOR_BLOCKERS, bind } from './dashboard-facts.sql';

/** The calendar table starts where chinese-days' official data does. */
export const CALENDAR_FIRST_DAY = '2004-01-01';
/** Open needs read per step of the blockers pass: memory holds one step's firms. */
const BLOCKER_PAGE = 2_000;
/** How long a read of the facts' state serves (see state()). */
const STATE_TTL_MS = 200;
/** One process rebuilds at a time; another that finds the lock taken leaves it to that one. */
const REFRESH_LOCK = 'lianrong:gov-facts';

export interface FactsState {
  /** The instant the facts describe (their build started); null before the first build. */
  refreshedAt: Date | null;
  /** The change counter the build started from; a higher counter now means newer changes. */
  changeSeq: number | null;
  durationMs: number | null;
  /** Needs the last build judged against every product for the blockers. */
  blockerNeeds: number | null;
  /** The change counter now. */
  currentSeq: number;
}

export interface RefreshResult {
  refreshed: boolean;
  durationMs: number;
  /** Of which: the blockers pass (needs judged by libs/matching). */
  blockersMs: number;
  blockerNeeds: number;
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

type DimKey = string;
const dimKey = (chainId: string | null, region: string, tier: Tier) =>
  `${chainId ?? ''}|${region}|${tier}`;

/**
 * Builds the government dashboard's fact tables (see dashboard-facts.sql.ts for what each
 * figure means). The worker calls `refresh` when the summed tables change and on a
 * schedule; tests and the benchmark call it directly.
 */
@Injectable()
export class DashboardFactsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DashboardFactsService.name);
  private memo?: { at: number; state: Promise<FactsState> };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly calendar: WorkingCalendar,
  ) {}

  /**
   * The working calendar is written at start too, not only by a build: summed live (before
   * the first build, or GOV_DASHBOARD_SOURCE=live) the response days need it as well.
   */
  onApplicationBootstrap(): void {
    void this.ensureCalendar(new Date()).catch((e: Error) =>
      this.logger.warn(`working calendar not written: ${e.message}`),
    );
  }

  /** Writes the calendar unless it already runs through the end of next year (a build keeps it exact). */
  private async ensureCalendar(now: Date): Promise<void> {
    const lastYear = Number(isoDay(shanghaiDayNumber(now)).slice(0, 4)) + 1;
    const [{ present }]: { present: boolean }[] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM work_calendar WHERE day = $1::date) AS present`,
      [`${lastYear}-12-31`],
    );
    if (!present) await this.writeCalendar(this.db.manager, now);
  }

  /**
   * The facts' state, read at most every STATE_TTL_MS: every dashboard answer asks it, and
   * a few hundred milliseconds of lag on "as of" costs nothing.
   */
  async state(): Promise<FactsState> {
    const now = Date.now();
    if (!this.memo || now - this.memo.at > STATE_TTL_MS) {
      const read = this.readState();
      this.memo = { at: now, state: read };
      read.catch(() => (this.memo = undefined));
    }
    return this.memo.state;
  }

  private async readState(): Promise<FactsState> {
    const [row]: {
      refreshed_at: Date | null;
      change_seq: string | null;
      duration_ms: number | null;
      blocker_needs: number | null;
      current_seq: string;
    }[] = await this.db.query(
      `SELECT s.refreshed_at, s.change_seq, s.duration_ms, s.blocker_needs,
              (SELECT last_value FROM gov_facts_change_seq) AS current_seq
         FROM gov_facts_state s WHERE s.id = 1`,
    );
    return {
      refreshedAt: row?.refreshed_at ?? null,
      changeSeq: row?.change_seq == null ? null : Number(row.change_seq),
      durationMs: row?.duration_ms ?? null,
      blockerNeeds: row?.blocker_needs ?? null,
      currentSeq: Number(row?.current_seq ?? 0),
    };
  }

  /**
   * Rebuilds every fact table in one transaction, so readers see the old facts or the new
   * ones, never a mix. Returns refreshed: false when another process holds the rebuild.
   */
  async refresh(now = new Date()): Promise<RefreshResult> {
    const started = performance.now();
    const result = await this.db.transaction(async (em) => {
      const [{ locked }]: { locked: boolean }[] = await em.query(
        `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`,
        [REFRESH_LOCK],
      );
      if (!locked) return null;
      // Read before the rows: a change committed after this point is in a later build.
      const [{ seq }]: { seq: string }[] = await em.query(
        `SELECT last_value AS seq FROM gov_facts_change_seq`,
      );
      await this.writeCalendar(em, now);
      const params = factParams(now);
      for (const [table, select] of Object.entries(FACT_TABLES)) {
        const { text, params: values } = bind(select, params);
        await em.query(`DELETE FROM ${table}`);
        await em.query(
          `INSERT INTO ${table} (${FACT_COLUMNS[table as keyof typeof FACT_TABLES].join(', ')}) ${text}`,
          values,
        );
      }
      const blockersStarted = performance.now();
      const blockerNeeds = await this.writeBlockers(em, now);
      const blockersMs = Math.round(performance.now() - blockersStarted);
      const durationMs = Math.round(performance.now() - started);
      await em.query(
        `UPDATE gov_facts_state SET refreshed_at = $1, change_seq = $2, duration_ms = $3, blocker_needs = $4 WHERE id = 1`,
        [now, seq, durationMs, blockerNeeds],
      );
      return { durationMs, blockersMs, blockerNeeds };
    });
    this.memo = undefined;
    if (!result) return { refreshed: false, durationMs: 0, blockersMs: 0, blockerNeeds: 0 };
    this.logger.log(
      `gov dashboard facts rebuilt in ${result.durationMs} ms (blockers: ${result.blockerNeeds} needs judged in ${result.blockersMs} ms)`,
    );
    return { refreshed: true, ...result };
  }

  /**
   * China's official working days, numbered: a day's number counts the working days up to
   * and including it, so the response clock's "working days after A's day up to B's day" is
   * number(B) − number(A). Written from the same WorkingCalendar the loan loop counts with,
   * through the end of next year.
   */
  async writeCalendar(em: EntityManager, now: Date): Promise<void> {
    const first = Math.round(Date.parse(`${CALENDAR_FIRST_DAY}T00:00:00Z`) / 86_400_000);
    const lastYear = Number(isoDay(shanghaiDayNumber(now)).slice(0, 4)) + 1;
    const last = Math.round(Date.parse(`${lastYear}-12-31T00:00:00Z`) / 86_400_000);
    const days: string[] = [];
    const workdays: boolean[] = [];
    const numbers: number[] = [];
    let n = 0;
    for (let d = first; d <= last; d++) {
      const iso = isoDay(d);
      const workday = this.calendar.isWorkday(iso);
      if (workday) n++;
      days.push(iso);
      workdays.push(workday);
      numbers.push(n);
    }
    await em.query(
      `INSERT INTO work_calendar (day, workday, workday_no)
       SELECT * FROM unnest($1::date[], $2::bool[], $3::int[])
       ON CONFLICT (day) DO UPDATE SET workday = EXCLUDED.workday, workday_no = EXCLUDED.workday_no
        WHERE (work_calendar.workday, work_calendar.workday_no) IS DISTINCT FROM (EXCLUDED.workday, EXCLUDED.workday_no)`,
      [days, workdays, numbers],
    );
  }

  /**
   * What blocks the open needs that hold no eligible match, judged by libs/matching against
   * every active product (needBlockers: the failure codes of the nearest products). Counted
   * per chain (and region-wide), county and tier. A need whose inputs (the need, its firm,
   * the active products) are those of its last verdict keeps that verdict (gov_need_verdicts);
   * returns how many needs were judged afresh.
   */
  private async writeBlockers(em: EntityManager, now: Date): Promise<number> {
    const params = factParams(now);
    const open = new Map<DimKey, number>();
    const openRows: { chain_id: string | null; region_code: string; tier: Tier; n: number }[] =
      await em.query(
        ...toArgs(
          bind(
            `WITH firm_dims AS (
               SELECT f.id AS firm_id, o.region_code,
                      (CASE WHEN f.tier_year >= :minTierYear THEN f.tier ELSE 'none' END)::firm_tier AS tier
                 FROM firms f JOIN organizations o ON o.id = f.id
             ),
             firm_chains AS (
               SELECT firm_id, region_code, tier, NULL::uuid AS chain_id FROM firm_dims
               UNION ALL
               SELECT d.firm_id, d.region_code, d.tier, cm.chain_id FROM firm_dims d JOIN chain_members cm ON cm.firm_id = d.firm_id
             )
             SELECT fc.chain_id, fc.region_code, fc.tier, count(*)::int AS n
               FROM funding_needs n JOIN firm_chains fc ON fc.firm_id = n.firm_id
              WHERE n.status = 'open'
              GROUP BY fc.chain_id, fc.region_code, fc.tier`,
            { minTierYear: params.minTierYear },
          ),
        ),
      );
    for (const r of openRows) open.set(dimKey(r.chain_id, r.region_code, r.tier), r.n);

    const products = (await loadProducts(em)).filter((p) => p.status === 'active');
    const productsDigest = digest(JSON.stringify(products));
    const blocked = new Map<DimKey, { needs: number; oneRuleAway: number }>();
    const codes = new Map<DimKey, Map<FailureCode, number>>();
    let judged = 0;
    let after: string | null = null;
    // Verdicts of needs no longer waiting for a product are not kept.
    await em.query(
      `DELETE FROM gov_need_verdicts v USING funding_needs n WHERE n.id = v.need_id AND n.status <> 'open'`,
    );
    for (;;) {
      const page: { id: string; unmatched: boolean }[] = await em.query(
        ...toArgs(bind(OPEN_NEEDS_FOR_BLOCKERS, { after, limit: BLOCKER_PAGE })),
      );
      if (page.length === 0) break;
      after = page[page.length - 1].id;
      const ids = page.filter((r) => r.unmatched).map((r) => r.id);
      if (ids.length === 0) continue;
      const known = new Map(
        (
          (await em.query(
            `SELECT need_id, digest, eligible, fewest_failures, codes FROM gov_need_verdicts WHERE need_id = ANY($1::uuid[])`,
            [ids],
          )) as StoredVerdict[]
        ).map((v) => [v.need_id, v]),
      );
      const fresh: { needId: string; digest: string; verdict: NeedBlockers }[] = [];
      for (const { firm, need } of await loadNeedEntries(em, { kind: 'ids', ids })) {
        // Everything the rules read for this need, and the products it is judged against.
        const key = digest(productsDigest + JSON.stringify(firm) + JSON.stringify(need));
        const stored = known.get(need.id);
        let verdict: NeedBlockers;
        if (stored && stored.digest === key) {
          verdict = {
            eligible: stored.eligible,
            fewestFailures: stored.fewest_failures,
            codes: stored.codes,
          };
        } else {
          judged++;
          verdict = needBlockers(firm, need, products);
          fresh.push({ needId: need.id, digest: key, verdict });
        }
        // Eligible though no match is stored yet: the worker has not ranked it; not a blocker.
        if (verdict.eligible) continue;
        for (const chainId of [null, ...firm.chainIds]) {
          const key = dimKey(chainId, firm.regionCode, firm.tier);
          const b = blocked.get(key) ?? { needs: 0, oneRuleAway: 0 };
          b.needs++;
          if (verdict.fewestFailures === 1) b.oneRuleAway++;
          blocked.set(key, b);
          const byCode = codes.get(key) ?? new Map<FailureCode, number>();
          for (const code of verdict.codes) byCode.set(code, (byCode.get(code) ?? 0) + 1);
          codes.set(key, byCode);
        }
      }
      if (fresh.length) {
        await em.query(
          `INSERT INTO gov_need_verdicts (need_id, digest, eligible, fewest_failures, codes)
           SELECT need_id, digest, eligible, fewest, COALESCE(string_to_array(NULLIF(codes, ''), ','), '{}')
             FROM unnest($1::uuid[], $2::char(40)[], $3::bool[], $4::smallint[], $5::text[])
                  AS v(need_id, digest, eligible, fewest, codes)
           ON CONFLICT (need_id) DO UPDATE SET digest = EXCLUDED.digest, eligible = EXCLUDED.eligible,
             fewest_failures = EXCLUDED.fewest_failures, codes = EXCLUDED.codes`,
          [
            fresh.map((f) => f.needId),
            fresh.map((f) => f.digest),
            fresh.map((f) => f.verdict.eligible),
            fresh.map((f) => f.verdict.fewestFailures),
            fresh.map((f) => f.verdict.codes.join(',')),
          ],
        );
      }
    }

    await em.query(`DELETE FROM gov_fact_blocked`);
    await em.query(`DELETE FROM gov_fact_blocker_codes`);
    const keys = [...new Set([...open.keys(), ...blocked.keys()])];
    const split = (key: DimKey) => {
      const [chain, region, tier] = key.split('|');
      return { chain: chain || null, region, tier };
    };
    await em.query(
      `INSERT INTO gov_fact_blocked (chain_id, region_code, tier, open_needs, blocked_needs, one_rule_away)
       SELECT * FROM unnest($1::uuid[], $2::char(6)[], $3::firm_tier[], $4::int[], $5::int[], $6::int[])`,
      [
        keys.map((k) => split(k).chain),
        keys.map((k) => split(k).region),
        keys.map((k) => split(k).tier),
        keys.map((k) => open.get(k) ?? 0),
        keys.map((k) => blocked.get(k)?.needs ?? 0),
        keys.map((k) => blocked.get(k)?.oneRuleAway ?? 0),
      ],
    );
    const codeRows = [...codes.entries()].flatMap(([key, byCode]) =>
      [...byCode.entries()].map(([code, needs]) => ({ ...split(key), code, needs })),
    );
    await em.query(
      `INSERT INTO gov_fact_blocker_codes (chain_id, region_code, tier, code, needs)
       SELECT * FROM unnest($1::uuid[], $2::char(6)[], $3::firm_tier[], $4::varchar[], $5::int[])`,
      [
        codeRows.map((r) => r.chain),
        codeRows.map((r) => r.region),
        codeRows.map((r) => r.tier),
        codeRows.map((r) => r.code),
        codeRows.map((r) => r.needs),
      ],
    );
    return judged;
  }
}

interface StoredVerdict {
  need_id: string;
  digest: string;
  eligible: boolean;
  fewest_failures: number | null;
  codes: FailureCode[];
}

const digest = (text: string) => createHash('sha1').update(text).digest('hex');

function toArgs(bound: { text: string; params: unknown[] }): [string, unknown[]] {
  return [bound.text, bound.params];
}
