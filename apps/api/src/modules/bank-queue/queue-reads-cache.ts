import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type MatchStatus } from '../../common/domain-enums';
import { PreparedStatements } from '../../database/prepared-statements';
import { type QueueStatement } from './queue-sql';

export type StatusCounts = Partial<Record<MatchStatus, number>>;

interface Kept<T> {
  value: T;
  /** The snapshot the value was read in, as pg_current_snapshot() prints it. */
  snapshot: string;
  /** When it was read (this process's clock). */
  at: number;
}

/** A kept read is read again after this long whatever the marks say (see PRUNE_AFTER). */
const MAX_AGE_MS = 60_000;
/**
 * Marks older than this are deleted. A kept read only asks about marks of transactions
 * that committed after it was read, less than MAX_AGE_MS ago; such a mark is older than
 * an hour only if its transaction stayed open for most of an hour after writing.
 */
const PRUNE_AFTER = '1 hour';
const PRUNE_EVERY_MS = 10 * 60_000;
const COUNTS_KEPT = 1_000;
/** A page of up to QUEUE_PAGE_MAX rows is ~100 KB kept: this bounds them to ~20 MB. */
export const PAGES_KEPT = 200;

const MARK_TABLES = ['queue_count_marks', 'queue_page_marks'] as const;

/** Whether a transaction the snapshot `param` does not see left a mark in `table`. */
const markUnseen = (table: (typeof MARK_TABLES)[number], param: string) => `EXISTS (
  SELECT 1 FROM ${table}
   WHERE xid >= pg_snapshot_xmin(${param}::pg_snapshot)
     AND NOT pg_visible_in_snapshot(xid, ${param}::pg_snapshot))`;

/** The counts read matches, firms, organizations and chain_members (migration 1763910000000). */
const countsChanged = (param: string) => markUnseen('queue_count_marks', param);
/** A page reads those and the product, need, chain and years tables (migration 1763940000000). */
const pageChanged = (param: string) =>
  `(${markUnseen('queue_count_marks', param)} OR ${markUnseen('queue_page_marks', param)})`;

/** One read to keep or hand out again. */
interface Wanted<T> {
  kept: Map<string, Promise<Kept<T>>>;
  capacity: number;
  key: string;
  changed: (param: string) => string;
  /** The value and the snapshot it was read in (null: nothing to check it by, not kept). */
  read: () => Promise<{ value: T; snapshot: string | null }>;
}

const keyOf = (statement: QueueStatement) =>
  createHash('sha1')
    .update(statement.sql)
    .update(JSON.stringify(statement.params))
    .digest('base64url');

/**
 * Reads of the officer's queue, kept per question (the statement and its values) and
 * handed out again while nothing they read has changed: the counts per status, and pages.
 * Counting a long queue under a firm filter reads every row of it (30–37 ms of a core at
 * 12k rows, bench:bank-queue); a page costs ~2 ms of Postgres and as much of Node to read
 * and describe (closing note of issue 12). A bank's officers share its queue, so its first
 * page under the default filters is one question however many of them open it.
 *
 * "Nothing changed" is decided by the database, not by time: every transaction that writes
 * a table the read depends on leaves a mark (migrations 1763910000000, 1763940000000), and
 * a kept read is good while every mark is visible in the snapshot it was read in. A mark
 * the snapshot does not see belongs to a transaction that committed after the read,
 * including one already open when the read was taken. So an officer's own move shows in
 * the next read, in every API process.
 */
@Injectable()
export class QueueReadsCache implements OnModuleInit, OnModuleDestroy {
  private readonly counted = new Map<string, Promise<Kept<StatusCounts>>>();
  private readonly pages = new Map<string, Promise<Kept<unknown>>>();
  private pruning?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly prepared: PreparedStatements,
  ) {}

  /** Marks accumulate with every write, whether or not anyone reads a queue. */
  onModuleInit(): void {
    this.pruning = setInterval(() => this.prune(), PRUNE_EVERY_MS);
    this.pruning.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.pruning);
  }

  /**
   * A page's rows, as `describe` makes them of the statement's rows, and (for a first page)
   * the counts, each kept: one question to the database says whether either is still good.
   * The page statement must return the snapshot it read in as a `snapshot` column
   * (pageStatement does); a page with no rows has none, and is not kept.
   */
  async page<R extends { snapshot: string }, T>(
    page: QueueStatement,
    describe: (rows: R[]) => T,
    counts: QueueStatement | null,
  ): Promise<{ rows: T; counts: StatusCounts | null }> {
    const wantPage: Wanted<T> = {
      kept: this.pages as Map<string, Promise<Kept<T>>>,
      capacity: PAGES_KEPT,
      key: keyOf(page),
      changed: pageChanged,
      read: async () => {
        const rows = await this.prepared.query<R>(page.sql, page.params);
        return { value: describe(rows), snapshot: rows[0]?.snapshot ?? null };
      },
    };
    if (!counts) return { rows: (await this.kept([wantPage]))[0] as T, counts: null };
    const wantCounts: Wanted<StatusCounts> = {
      kept: this.counted,
      capacity: COUNTS_KEPT,
      key: keyOf(counts),
      changed: countsChanged,
      read: async () => {
        // One statement, one snapshot: the counts and the snapshot they describe.
        const [row] = await this.prepared.query<{
          snapshot: string;
          counts: StatusCounts | null;
        }>(
          `SELECT pg_current_snapshot()::text AS snapshot,
                  (SELECT json_object_agg(c.status, c.n) FROM (${counts.sql}) c) AS counts`,
          counts.params,
        );
        return { value: row.counts ?? {}, snapshot: row.snapshot };
      },
    };
    const [rows, counted] = await this.kept<unknown>([
      wantPage as Wanted<unknown>,
      wantCounts as Wanted<unknown>,
    ]);
    return { rows: rows as T, counts: counted as StatusCounts };
  }

  /** Each wanted value: kept ones still good handed out again, the rest read (and kept). */
  private async kept<T>(wanted: Wanted<T>[]): Promise<T[]> {
    // A read still in flight may have started before a change this caller has seen
    // committed (its own move): it is checked like any kept one.
    const held = await Promise.all(
      wanted.map(async (w) => {
        const done = await w.kept.get(w.key)?.catch(() => undefined);
        return done && Date.now() - done.at < MAX_AGE_MS ? done : undefined;
      }),
    );
    const checked = wanted.flatMap((w, i) => (held[i] ? [{ w, kept: held[i] }] : []));
    let changed: boolean[] = [];
    if (checked.length) {
      const [row] = await this.prepared.query<Record<string, boolean>>(
        `SELECT ${checked.map(({ w }, i) => `${w.changed(`$${i + 1}`)} AS c${i}`).join(', ')}`,
        checked.map(({ kept }) => kept.snapshot),
      );
      changed = checked.map((_, i) => row[`c${i}`]);
    }
    return Promise.all(
      wanted.map(async (w, i) => {
        const c = held[i] ? checked.findIndex((x) => x.w === w) : -1;
        if (c >= 0 && !changed[c]) return held[i]!.value;
        const at = Date.now();
        const reading = w.read();
        const keeping = reading.then(({ value, snapshot }) => {
          if (snapshot === null) throw new NotKept();
          return { value, snapshot, at };
        });
        this.keep(w.kept, w.capacity, w.key, keeping);
        return (await reading).value;
      }),
    );
  }

  private keep<T>(
    kept: Map<string, Promise<Kept<T>>>,
    capacity: number,
    key: string,
    keeping: Promise<Kept<T>>,
  ): void {
    kept.delete(key);
    kept.set(key, keeping);
    keeping.catch(() => {
      if (kept.get(key) === keeping) kept.delete(key);
    });
    while (kept.size > capacity) kept.delete(kept.keys().next().value as string);
  }

  private prune(): void {
    // Bookkeeping: a failure here only leaves old marks for the next prune.
    for (const table of MARK_TABLES)
      void this.db
        .query(`DELETE FROM ${table} WHERE at < now() - interval '${PRUNE_AFTER}'`)
        .catch(() => undefined);
  }
}

/** A read that has nothing to be checked by (a page without rows): answered, not kept. */
class NotKept extends Error {}
