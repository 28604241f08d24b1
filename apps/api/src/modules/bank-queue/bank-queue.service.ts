import { type WorkingCapitalYear } from '@lianrong/matching';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor } from '../../common/auth/actor';
import {
  MATCH_STATUSES,
  type Collateral,
  type MatchStatus,
  type Purpose,
  type Tier,
} from '../../common/domain-enums';
import { PreparedStatements } from '../../database/prepared-statements';
import { defaultSuggestedLine } from '../firms/working-capital-estimate.service';
import { allowedMoves } from '../matches/match-transitions';
import { WorkingCalendar } from '../matches/response-clock';
import {
  type BankQueueFilterQuery,
  type BankQueueQuery,
  QUEUE_PAGE_DEFAULT,
} from './dtos/bank-queue.query';
import { overdueCutoffs, rememberingCalendar } from './queue-clock';
import { type QueueCursor, type QueueSort, decodeCursor, encodeCursor } from './queue-cursor';
import { QueueReadsCache, type StatusCounts } from './queue-reads-cache';
import {
  LINE_YEAR_COLUMNS,
  type QueueFilters,
  type QueueScope,
  countsStatement,
  pageStatement,
} from './queue-sql';

export interface QueueFirm {
  id: string;
  name: string;
  uscc: string | null;
  tier: Tier;
  regionCode: string;
  whitelisted: boolean;
  chains: { id: string; name: string }[];
}

export interface QueueNeed {
  id: string;
  amount: number;
  termMonths: number;
  purpose: Purpose;
  collateral: Collateral;
}

export interface QueueItem {
  id: string;
  version: number;
  status: MatchStatus;
  score: number | null;
  ineligible: boolean;
  product: { id: string; name: string };
  firm: QueueFirm;
  need: QueueNeed;
  suggestedLine?: number;
  appliedAt: Date | null;
  firstResponseAt: Date | null;
  waitingWorkingDays: number | null;
  overdue: boolean;
  approvedAmount: number | null;
  approvedRateBps: number | null;
  approvedTermMonths: number | null;
  disbursedAmount: number | null;
  proposedAmount: number | null;
  proposedRateBps: number | null;
  proposedTermMonths: number | null;
  allowedMoves: MatchStatus[];
}

export interface ChainOption {
  id: string;
  name: string;
  regionCode: string;
}

export type QueueCounts = Record<MatchStatus, number>;

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
  counts: QueueCounts | null;
}

interface QueueRow {
  id: string;
  version: number;
  status: MatchStatus;
  score: number | null;
  ineligible: boolean;
  applied_at: Date | null;
  first_response_at: Date | null;
  approved_amount: string | null;
  approved_rate_bps: number | null;
  approved_term_months: number | null;
  disbursed_amount: string | null;
  proposed_amount: string | null;
  proposed_rate_bps: number | null;
  proposed_term_months: number | null;
  proposed_by: string | null;
  cursor_key: string;
  product_id: string;
  product_name: string;
  firm_id: string;
  firm_name: string;
  uscc: string | null;
  region_code: string;
  tier: Tier;
  whitelisted: boolean;
  need_id: string;
  amount: string;
  term_months: number;
  purpose: Purpose;
  collateral: Collateral;
  response_days: number;
  chains: { id: string; name: string }[];
  /** The latest year's figures and the year before's, in LINE_YEAR_COLUMNS' order. */
  latest_year: number[] | null;
  year_before: number[] | null;
  /** The statement's snapshot, which a kept page is checked against (QueueReadsCache). */
  snapshot: string;
}

const money = (v: string | null) => (v === null ? null : Number(v));

const LINE_YEAR_FIELDS = Object.keys(LINE_YEAR_COLUMNS) as (keyof WorkingCapitalYear)[];

/** A year's figures as the page statement sends them (LINE_YEAR_FIGURES), by name. */
function lineYear(figures: number[] | null): WorkingCapitalYear | undefined {
  if (figures === null) return undefined;
  const year = {} as WorkingCapitalYear;
  LINE_YEAR_FIELDS.forEach((field, i) => (year[field] = figures[i]));
  return year;
}

/**
 * A page row as it is kept: the item as JSON without what depends on the reader and the
 * clock (QueueItemFigures), and what those are worked out from.
 */
interface DescribedRow {
  /** The item's JSON, open: its closing brace comes after the figures. */
  json: string;
  id: string;
  cursorKey: string;
  status: MatchStatus;
  appliedAt: Date | null;
  firstResponseAt: Date | null;
  proposedBy: string | null;
  responseDays: number;
}

/** What the reader and the clock decide of an item, worked out on every read. */
type QueueItemFigures = Pick<QueueItem, 'waitingWorkingDays' | 'overdue' | 'allowedMoves'>;

/**
 * The officer's queue (待办队列): the bank's ranked firms and every application it holds,
 * across all its products, filtered, counted per status and paged by keyset.
 */
@Injectable()
export class BankQueueService {
  private readonly calendar: WorkingCalendar;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    calendar: WorkingCalendar,
    private readonly reads: QueueReadsCache,
    private readonly prepared: PreparedStatements,
  ) {
    this.calendar = rememberingCalendar(calendar);
  }

  /**
   * One page as the API sends it, JSON (a QueuePage); the counts come with the first page
   * only (a cursor means the tabs are drawn).
   */
  async pageJson(actor: Actor, query: BankQueueQuery, now = new Date()): Promise<string> {
    const sort = query.sort ?? 'score';
    const cursor = query.cursor ? decodeCursor(query.cursor, sort) : null;
    const limit = query.limit ?? QUEUE_PAGE_DEFAULT;
    const scope = this.scope(actor, query, now);
    const filters = toFilters(query);
    const page = await this.fetch(actor, scope, filters, sort, cursor, limit, now, {
      counts: !cursor,
    });
    const counts = page.counts && countsByStatus(page.counts);
    return `{"items":[${page.items.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)},"counts":${JSON.stringify(counts)}}`;
  }

  /** Every row under the filters, a keyset page at a time, for a stream that must not hold them all. */
  async *allRows(
    actor: Actor,
    query: BankQueueFilterQuery,
    pageSize: number,
    now = new Date(),
  ): AsyncGenerator<QueueItem[]> {
    const sort = query.sort ?? 'score';
    const scope = this.scope(actor, query, now);
    const filters = toFilters(query);
    let cursor: QueueCursor | null = null;
    do {
      // Read once, so not kept.
      const page = await this.fetch(actor, scope, filters, sort, cursor, pageSize, now, null);
      if (page.items.length) yield page.items.map(parseQueueItem);
      cursor = page.next;
    } while (cursor);
  }

  /** Chains are public knowledge (a province publishes its list): the chain filter's options. */
  async chains(): Promise<{ items: ChainOption[] }> {
    const rows = (await this.db.query(
      `SELECT id, name, region_code FROM chains ORDER BY region_code, name, id`,
    )) as { id: string; name: string; region_code: string }[];
    return { items: rows.map((r) => ({ id: r.id, name: r.name, regionCode: r.region_code })) };
  }

  private scope(actor: Actor, query: BankQueueFilterQuery, now: Date): QueueScope {
    return {
      bankId: actor.orgId,
      overdueCutoffs: query.overdue === undefined ? undefined : overdueCutoffs(this.calendar, now),
    };
  }

  /**
   * The page's items as JSON texts. `kept`: through QueueReadsCache, with the counts when
   * asked (the first page); null: read once (the export).
   */
  private async fetch(
    actor: Actor,
    scope: QueueScope,
    filters: QueueFilters,
    sort: QueueSort,
    cursor: QueueCursor | null,
    limit: number,
    now: Date,
    kept: { counts: boolean } | null,
  ): Promise<{
    items: string[];
    nextCursor: string | null;
    next: QueueCursor | null;
    counts: StatusCounts | null;
  }> {
    // One row more than shown says whether another page exists.
    const statement = pageStatement(scope, filters, sort, cursor, limit + 1);
    const describe = (rows: QueueRow[]) => rows.map(describeRow);
    const { rows, counts } = kept
      ? await this.reads.page(
          statement,
          describe,
          kept.counts ? countsStatement(scope, filters) : null,
        )
      : {
          rows: describe(await this.prepared.query<QueueRow>(statement.sql, statement.params)),
          counts: null,
        };
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    const next = rows.length > limit && last ? { sort, key: last.cursorKey, id: last.id } : null;
    const cutoffs = new Map<number, Date>();
    const cutoff = (days: number) => {
      let at = cutoffs.get(days);
      if (!at) cutoffs.set(days, (at = this.calendar.overdueCutoff(now, days)));
      return at;
    };
    return {
      items: shown.map(
        (r) => `${r.json},${JSON.stringify(this.figures(actor, r, now, cutoff)).slice(1)}`,
      ),
      nextCursor: next ? encodeCursor(next) : null,
      next,
      counts,
    };
  }

  private figures(
    actor: Actor,
    r: DescribedRow,
    now: Date,
    cutoff: (days: number) => Date,
  ): QueueItemFigures {
    // The clock runs from the application until the bank's first move (DESIGN §3).
    const waiting = r.status === 'applied' && r.firstResponseAt === null && r.appliedAt !== null;
    const moves = allowedMoves(r.status, 'bank').filter(
      // Four eyes: the officer who proposed terms above the limit cannot confirm them.
      (to) =>
        !(r.status === 'pending_approval' && to === 'approved' && r.proposedBy === actor.userId),
    );
    return {
      waitingWorkingDays: waiting ? this.calendar.workingDaysBetween(r.appliedAt!, now) : null,
      overdue: waiting && r.appliedAt! < cutoff(r.responseDays),
      allowedMoves: [...moves],
    };
  }
}

/** A row of the page statement, described as it is kept: all but the figures. */
function describeRow(r: QueueRow): DescribedRow {
  const latest = lineYear(r.latest_year);
  const item: Omit<QueueItem, keyof QueueItemFigures> = {
    id: r.id,
    version: r.version,
    status: r.status,
    score: r.score,
    ineligible: r.ineligible,
    product: { id: r.product_id, name: r.product_name },
    firm: {
      id: r.firm_id,
      name: r.firm_name,
      uscc: r.uscc,
      tier: r.tier,
      regionCode: r.region_code,
      whitelisted: r.whitelisted,
      chains: r.chains,
    },
    need: {
      id: r.need_id,
      amount: Number(r.amount),
      termMonths: r.term_months,
      purpose: r.purpose,
      collateral: r.collateral,
    },
    ...(latest ? { suggestedLine: defaultSuggestedLine(latest, lineYear(r.year_before)) } : {}),
    appliedAt: r.applied_at,
    firstResponseAt: r.first_response_at,
    approvedAmount: money(r.approved_amount),
    approvedRateBps: r.approved_rate_bps,
    approvedTermMonths: r.approved_term_months,
    disbursedAmount: money(r.disbursed_amount),
    proposedAmount: money(r.proposed_amount),
    proposedRateBps: r.proposed_rate_bps,
    proposedTermMonths: r.proposed_term_months,
  };
  return {
    json: JSON.stringify(item).slice(0, -1),
    id: r.id,
    cursorKey: r.cursor_key,
    status: r.status,
    appliedAt: r.applied_at,
    firstResponseAt: r.first_response_at,
    proposedBy: r.proposed_by,
    responseDays: r.response_days,
  };
}

/** Every status with its count, 0 for those without rows. */
function countsByStatus(counted: StatusCounts): QueueCounts {
  return Object.fromEntries(MATCH_STATUSES.map((s) => [s, counted[s] ?? 0])) as QueueCounts;
}

/** An item of pageJson's, with its instants as Dates again. */
function parseQueueItem(text: string): QueueItem {
  const item = JSON.parse(text) as Omit<QueueItem, 'appliedAt' | 'firstResponseAt'> & {
    appliedAt: string | null;
    firstResponseAt: string | null;
  };
  return {
    ...item,
    appliedAt: item.appliedAt === null ? null : new Date(item.appliedAt),
    firstResponseAt: item.firstResponseAt === null ? null : new Date(item.firstResponseAt),
  };
}

function toFilters(q: BankQueueFilterQuery): QueueFilters {
  return {
    productId: q.productId,
    chainId: q.chainId,
    tiers: q.tier,
    regionCode: q.regionCode,
    statuses: q.status,
    appliedOnly: q.appliedOnly,
    overdue: q.overdue,
    whitelisted: q.whitelisted,
  };
}
