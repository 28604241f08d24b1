import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type MatchStatus } from '../../common/domain-enums';
import { PreparedStatements } from '../../database/prepared-statements';
import { type QueueStatement } from './queue-sql';

export type StatusCounts = Partial<Record<MatchStatus, number>>;

interface Counted {
  counts: StatusCounts;
  /** The snapshot the counts were taken in, as pg_current_snapshot() prints it. */
  snapshot: string;
  /** When they were counted (this process's clock). */
  at: number;
}

/** A kept count is recounted after this long whatever the marks say (see PRUNE_AFTER). */
const MAX_AGE_MS = 60_000;
/**
 * Marks older than this are deleted. A kept count only asks about marks of transactions
 * that committed after it was counted, less than MAX_AGE_MS ago; such a mark is older than
 * an hour only if its transaction stayed open for most of an hour after writing.
 */
const PRUNE_AFTER = '1 hour';
const PRUNE_EVERY_MS = 10 * 60_000;
const CAPACITY = 1_000;

const CHANGED_SINCE = `SELECT EXISTS (
  SELECT 1 FROM queue_count_marks
   WHERE xid >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(xid, $1::pg_snapshot)
) AS changed`;

/**
 * The officer's queue counts per status, kept per question (the counts statement and its
 * values) and handed out again while nothing they read has changed. Counting a long queue
 * under a firm filter reads every row of it (30–37 ms of a core at 12k rows, bench:bank-queue);
 * the page beside it reads fifty.
 *
 * "Nothing changed" is decided by the database, not by time: every transaction that writes
 * a table the counts read leaves a mark (migration 1763910000000), and a kept count is good
 * while every mark is visible in the snapshot it was counted in. A mark the snapshot does
 * not see belongs to a transaction that committed after the count, including one already
 * open when the count was taken. So an officer's own move shows in the next counts, in every
 * API process.
 */
@Injectable()
export class QueueCountsCache implements OnModuleInit, OnModuleDestroy {
  private readonly kept = new Map<string, Promise<Counted>>();
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

  async counts(statement: QueueStatement): Promise<StatusCounts> {
    const key = createHash('sha1')
      .update(statement.sql)
      .update(JSON.stringify(statement.params))
      .digest('base64url');
    const held = this.kept.get(key);
    if (held) {
      // A count still in flight may have started before a change this caller has seen
      // committed (its own move): it is checked like any kept one.
      const counted = await held.catch(() => undefined);
      if (counted && Date.now() - counted.at < MAX_AGE_MS && !(await this.changedSince(counted)))
        return counted.counts;
      if (this.kept.get(key) !== held) return this.counts(statement);
    }
    const counting = this.count(statement);
    this.keep(key, counting);
    return (await counting).counts;
  }

  private async changedSince(counted: Counted): Promise<boolean> {
    const [{ changed }] = await this.prepared.query<{ changed: boolean }>(CHANGED_SINCE, [
      counted.snapshot,
    ]);
    return changed;
  }

  private async count(statement: QueueStatement): Promise<Counted> {
    const at = Date.now();
    // One statement, one snapshot: the counts and the snapshot they describe.
    const [row] = await this.prepared.query<{ snapshot: string; counts: StatusCounts | null }>(
      `SELECT pg_current_snapshot()::text AS snapshot,
              (SELECT json_object_agg(c.status, c.n) FROM (${statement.sql}) c) AS counts`,
      statement.params,
    );
    return { counts: row.counts ?? {}, snapshot: row.snapshot, at };
  }

  private keep(key: string, counting: Promise<Counted>): void {
    this.kept.delete(key);
    this.kept.set(key, counting);
    counting.catch(() => {
      if (this.kept.get(key) === counting) this.kept.delete(key);
    });
    while (this.kept.size > CAPACITY) this.kept.delete(this.kept.keys().next().value as string);
  }

  private prune(): void {
    // Bookkeeping: a failure here only leaves old marks for the next prune.
    void this.db
      .query(`DELETE FROM queue_count_marks WHERE at < now() - interval '${PRUNE_AFTER}'`)
      .catch(() => undefined);
  }
}
