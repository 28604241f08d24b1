import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { isoDay, shanghaiDayNumber } from '../../common/china-time';
import { WorkingCalendar } from '../matches/response-clock';
import { writeBlockerFacts } from './blocker-facts';
import { FACT_COLUMNS, FACT_TABLES, bind, factParams } from './dashboard-facts.sql';

/** The calendar table starts where chinese-days' official data does. */
export const CALENDAR_FIRST_DAY = '2004-01-01';
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

/** Thrown out of a build asked to stop (see refresh's `stop`); nothing of that build is kept. */
export class FactsBuildStopped extends Error {
  constructor() {
    super('gov facts build stopped before it finished');
  }
}

/** Asked between the build's steps; true stops the build. */
export type StopCheck = () => Promise<boolean>;

export interface RefreshResult {
  refreshed: boolean;
  durationMs: number;
  /** Of which: the blockers pass (needs judged by libs/matching). */
  blockersMs: number;
  blockerNeeds: number;
}

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
   * `stop` is asked before each fact table and each page of the blockers pass; when it says
   * true the transaction is rolled back and FactsBuildStopped thrown.
   */
  async refresh(now = new Date(), options: { stop?: StopCheck } = {}): Promise<RefreshResult> {
    const stopHere = async () => {
      if (options.stop && (await options.stop())) throw new FactsBuildStopped();
    };
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
        await stopHere();
        const { text, params: values } = bind(select, params);
        await em.query(`DELETE FROM ${table}`);
        await em.query(
          `INSERT INTO ${table} (${FACT_COLUMNS[table as keyof typeof FACT_TABLES].join(', ')}) ${text}`,
          values,
        );
      }
      const blockersStarted = performance.now();
      const blockerNeeds = await writeBlockerFacts(em, now, stopHere);
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
}
