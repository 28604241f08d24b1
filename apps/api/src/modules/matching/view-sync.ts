import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ENGINE_VERSION } from '@lianrong/matching';
import { type PoolClient } from 'pg';
import { type DataSource } from 'typeorm';
import { CopyLines, copyIn, copyOut, uuidLiteral } from './copy-text';
import { type FullRanking } from './matching-cache.service';

// A full rematch writes a range of needs at a time: both views' rows of those needs, as
// the in-memory ranking says they should be, compared with what the range holds now.
// Only the differences are written — rows that enter, rows whose score or view flags
// moved, suggestions no view keeps any more — so a rematch that changes nothing writes
// nothing, and no row is stamped with the run that confirmed it: the range itself is
// what a shard confirms.

/** What one range's sync did. */
export interface SyncResult {
  inserted: number;
  updated: number;
  deleted: number;
  /** Rows of the range left as they were. */
  unchanged: number;
  /** Needs changed since the ranking's read: their own need.changed job keeps them. */
  skippedNeeds: number;
  /** Rows the range holds after the sync. */
  rows: number;
  /** Needs with at least one row after the sync. */
  needsWithRows: number;
  /** Wall milliseconds: reading the stored rows, comparing, sending changes, applying them. */
  readMs: number;
  diffMs: number;
  sendMs: number;
  writeMs: number;
}

export const emptySyncResult = (): SyncResult => ({
  inserted: 0,
  updated: 0,
  deleted: 0,
  unchanged: 0,
  skippedNeeds: 0,
  rows: 0,
  needsWithRows: 0,
  readMs: 0,
  diffMs: 0,
  sendMs: 0,
  writeMs: 0,
});

export function addSyncResults(a: SyncResult, b: SyncResult): SyncResult {
  const out = { ...a };
  for (const key of Object.keys(b) as (keyof SyncResult)[]) out[key] += b[key];
  return out;
}

const HEX4 = Array.from({ length: 1 << 16 }, (_, i) => i.toString(16).padStart(4, '0'));
/** HEX4 as bytes: the four ASCII digits of i at 4i. */
const HEX4_BYTES = Buffer.from(HEX4.join(''), 'latin1');

/** Characters of a uuid. */
const UUID_LENGTH = 36;

/**
 * Ids for new rows that ascend with time, so the primary key grows at its right edge
 * instead of touching a random leaf per row (a random uuid's index page is rarely in
 * memory at millions of rows). Layout as UUIDv7 (RFC 9562): 48-bit milliseconds, then a
 * counter within the millisecond, then random bits fixed per process.
 */
export class AscendingIds {
  private ms = 0;
  private seq = 0;
  /** "tttttttt-tttt-" of the current millisecond, as text and as bytes. */
  private prefix = '';
  private prefixBytes = Buffer.alloc(14);
  private readonly node = randomBytes(6).toString('hex');
  private readonly nodeBytes = Buffer.from(`-${this.node}`, 'latin1');

  private advance(): void {
    const now = Date.now();
    if (now > this.ms) {
      this.ms = now;
      this.seq = 0;
      this.prefix = '';
    } else if (++this.seq >= 1 << 26) {
      // 67M ids in one millisecond: borrow the next one.
      this.ms++;
      this.seq = 0;
      this.prefix = '';
    }
    if (this.prefix === '') {
      const t = this.ms.toString(16).padStart(12, '0');
      this.prefix = `${t.slice(0, 8)}-${t.slice(8)}-`;
      this.prefixBytes.write(this.prefix, 0, 'latin1');
    }
  }

  next(): string {
    this.advance();
    return `${this.prefix}${HEX4[0x7000 | (this.seq >>> 14)]}-${HEX4[0x8000 | (this.seq & 0x3fff)]}-${this.node}`;
  }

  /** The next id written as its 36 ASCII bytes at `at` (a rematch writes millions: no string each). */
  writeNext(target: Buffer, at: number): void {
    this.advance();
    target.set(this.prefixBytes, at);
    const hi = (0x7000 | (this.seq >>> 14)) * 4;
    const lo = (0x8000 | (this.seq & 0x3fff)) * 4;
    for (let i = 0; i < 4; i++) {
      target[at + 14 + i] = HEX4_BYTES[hi + i];
      target[at + 19 + i] = HEX4_BYTES[lo + i];
    }
    target[at + 18] = 45; // -
    target.set(this.nodeBytes, at + 23);
  }
}

const newIds = new AscendingIds();
const writeNewId = (target: Buffer, at: number) => newIds.writeNext(target, at);

/** An id for a new match row: ascending, unique across processes. */
export const newMatchId = (): string => newIds.next();

const STAGE = 'match_sync';

/** The session's staging table for one range's changes; emptied at every commit. */
const CREATE_STAGE = `CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (
  op "char" NOT NULL, id uuid, need_id uuid NOT NULL, product_id uuid NOT NULL,
  firm_id uuid, bank_id uuid, score float8, in_need_top boolean, in_product_top boolean)
  ON COMMIT DELETE ROWS`;

interface ProductKeys {
  /** Each compiled product's id, and its bank's, as bytes. */
  bytes: Buffer[];
  bankBytes: Buffer[];
  /** Each compiled product's rank by id. */
  order: Int32Array;
}

/** Compiled products' ids as bytes, and their order by id: per ranking, built once. */
const productKeys = new WeakMap<FullRanking, ProductKeys>();

function productKeysOf(ranking: FullRanking): ProductKeys {
  let keys = productKeys.get(ranking);
  if (!keys) {
    const pids = ranking.products.ids;
    const sorted = pids.map((_, p) => p).sort((a, b) => (pids[a] < pids[b] ? -1 : 1));
    const order = new Int32Array(pids.length);
    sorted.forEach((p, r) => (order[p] = r));
    const latin1 = (id: string) => Buffer.from(id, 'latin1');
    keys = { bytes: pids.map(latin1), bankBytes: ranking.bankOf.map(latin1), order };
    productKeys.set(ranking, keys);
  }
  return keys;
}

/** Bits of a stored row's state, as the read below packs them. */
export const IN_NEED_TOP = 1;
export const IN_PRODUCT_TOP = 2;
export const WORKED = 4;
/** Scored by this engine version and not flagged ineligible. */
export const CURRENT = 8;

/**
 * The stored rows of a range in (need_id, product_id) order, read in place: ids are
 * compared as bytes and become strings only for rows that change.
 */
export class StoredRows {
  private pos = 0;
  /** Offset of the current row; -1 past the end. */
  at = -1;
  centipoints = NaN;
  state = 0;

  constructor(private readonly buf: Buffer) {
    this.next();
  }

  get done(): boolean {
    return this.at < 0;
  }

  next(): void {
    const buf = this.buf;
    if (this.pos >= buf.length) {
      this.at = -1;
      return;
    }
    this.at = this.pos;
    let i = this.pos + 2 * (UUID_LENGTH + 1);
    // Scores are whole centipoints / 100, printed with at most two decimals.
    if (buf[i] === 92) {
      this.centipoints = NaN;
      i += 3;
    } else {
      let whole = 0;
      let frac = 0;
      let decimals = -1;
      for (let c = buf[i]; c !== 9; c = buf[++i]) {
        if (c === 46) decimals = 0;
        else if (decimals < 0) whole = whole * 10 + (c - 48);
        else {
          frac = frac * 10 + (c - 48);
          decimals++;
        }
      }
      this.centipoints =
        decimals > 2 ? NaN : whole * 100 + (decimals === 1 ? frac * 10 : decimals === 2 ? frac : 0);
      i++;
    }
    let state = 0;
    for (let c = buf[i]; c !== 10; c = buf[++i]) state = state * 10 + (c - 48);
    this.state = state;
    this.pos = i + 1;
  }

  /** The current row's need id against `id`: negative, zero or positive. */
  compareNeed(id: string): number {
    const buf = this.buf;
    const at = this.at;
    for (let i = 0; i < UUID_LENGTH; i++) {
      const d = buf[at + i] - id.charCodeAt(i);
      if (d !== 0) return d;
    }
    return 0;
  }

  compareProduct(id: Buffer): number {
    const from = this.at + UUID_LENGTH + 1;
    return this.buf.compare(id, 0, UUID_LENGTH, from, from + UUID_LENGTH);
  }

  needId(): string {
    return this.buf.toString('latin1', this.at, this.at + UUID_LENGTH);
  }

  /** Writes the current row's need and product ids as two fields. */
  pairInto(lines: CopyLines): CopyLines {
    const from = this.at + UUID_LENGTH + 1;
    return lines
      .bytes(this.buf, this.at, this.at + UUID_LENGTH)
      .bytes(this.buf, from, from + UUID_LENGTH);
  }

  productId(): string {
    const from = this.at + UUID_LENGTH + 1;
    return this.buf.toString('latin1', from, from + UUID_LENGTH);
  }
}

/** Open needs (by id) whose need, firm or financials changed after the ranking's read. */
export async function changedSince(
  db: DataSource,
  ranking: FullRanking,
  lo: string | null,
  hi: string | null,
): Promise<Set<string>> {
  // From the rows written since the read (each table's updated_at index), not from the range.
  const inRange = `($2::uuid IS NULL OR n.id >= $2) AND ($3::uuid IS NULL OR n.id < $3)`;
  const rows: { id: string }[] = await db.query(
    `SELECT n.id FROM funding_needs n WHERE n.updated_at > $1 AND ${inRange}
     UNION
     SELECT n.id FROM firms f JOIN funding_needs n ON n.firm_id = f.id
      WHERE f.updated_at > $1 AND ${inRange}
     UNION
     SELECT n.id FROM (SELECT DISTINCT firm_id FROM financial_years WHERE updated_at > $1) y
       JOIN funding_needs n ON n.firm_id = y.firm_id
      WHERE ${inRange}`,
    [ranking.open.readAt, lo, hi],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Makes the stored views of the open needs at positions [start, end) of the ranking (in
 * need-id order) — and every row of needs with lo ≤ id < hi — equal to the ranking: the
 * firm's view (top K) of each need and the officer's-view rows (top M of a product) that
 * fall on these needs. A suggestion no view keeps is deleted; a worked match (applied, in
 * review, approved …) is never deleted or reset, only re-scored and flagged by view.
 * Needs in `changed` (edited since the ranking's read) are left to their own job.
 *
 * One transaction. Existing rows to change are locked first, in the writers' order
 * (need_id, product_id), then changed; new rows go in in that order too.
 */
export async function syncNeedRange(
  db: DataSource,
  ranking: FullRanking,
  range: { start: number; end: number; lo: string | null; hi: string | null },
  changed: ReadonlySet<string>,
  options: { direct?: boolean } = {},
): Promise<SyncResult> {
  const result = emptySyncResult();
  const runner = db.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  let released = false;
  try {
    await client.query('BEGIN');
    // Pairs and ranges are always found through the (need_id, product_id) index: during a
    // rematch from empty, the planner's statistics still say `matches` is nearly empty,
    // and the staging table has none at all.
    // (Those settings make every other plan look prohibitively dear; JIT would then compile
    // each statement for a quarter of a second.)
    await client.query(
      'SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; SET LOCAL jit = off',
    );
    let mark = performance.now();
    const where =
      [
        range.lo === null ? null : `need_id >= ${uuidLiteral(range.lo)}`,
        range.hi === null ? null : `need_id < ${uuidLiteral(range.hi)}`,
      ]
        .filter(Boolean)
        .join(' AND ') || 'true';
    const stored = new StoredRows(
      await copyOut(
        client,
        // Postgres gives | and << one precedence: every term is bracketed.
        `SELECT need_id, product_id, score,
                in_need_top::int | (in_product_top::int << 1) | ((status <> 'suggested')::int << 2)
                | ((engine_version = '${ENGINE_VERSION}' AND NOT ineligible)::int << 3)
           FROM matches WHERE ${where} ORDER BY need_id, product_id`,
      ),
    );
    result.readMs += performance.now() - mark;
    mark = performance.now();
    // A range holding no rows at all (the first rematch after a load) has only rows to add:
    // they are copied straight into the table, without a staging table or a merge.
    const direct = stored.done && options.direct !== false;

    const { open, needTop, heldStart, heldProduct, heldCentipoints } = ranking;
    const { bytes: productBytes, bankBytes, order } = productKeysOf(ranking);
    const k = needTop.k;
    const lines = new CopyLines();
    /** Rows the current need holds after the sync. */
    let kept = 0;

    const staged = { deleted: 0, cleared: 0 };
    const keep = () => {
      result.unchanged++;
      kept++;
    };
    /** The current stored row, which no view keeps any more. */
    const drop = () => {
      const state = stored.state;
      if ((state & WORKED) === 0) {
        stored.pairInto(lines.ascii('d').null()).null().null().null().null().null().end();
        result.deleted++;
        staged.deleted++;
      } else if ((state & (IN_NEED_TOP | IN_PRODUCT_TOP)) !== 0) {
        stored.pairInto(lines.ascii('w').null()).null().null().null().null().null().end();
        result.updated++;
        staged.cleared++;
        kept++;
      } else keep();
    };
    const endNeed = () => {
      result.rows += kept;
      if (kept > 0) result.needsWithRows++;
      kept = 0;
    };
    /**
     * Stored rows of needs before `before` that the ranking does not hold: closed needs
     * (their suggestions go) or needs changed since the read (left to their own job).
     */
    const absentNeeds = (before: string | null) => {
      while (!stored.done && (before === null || stored.compareNeed(before) < 0)) {
        const needId = stored.needId();
        const stale = changed.has(needId);
        if (stale) result.skippedNeeds++;
        for (; !stored.done && stored.compareNeed(needId) === 0; stored.next()) {
          if (stale) keep();
          else drop();
        }
        endNeed();
      }
    };
    // The wanted rows of one need: compiled product, centipoints, in which views.
    const wantP: number[] = [];
    const wantCp: number[] = [];
    const wantState: number[] = [];
    const slots: number[] = [];
    const bySlotOrder = (a: number, b: number) => order[wantP[a]] - order[wantP[b]];

    for (let r = range.start; r < range.end; r++) {
      const n = open.byId[r];
      const needId = open.needs.ids[n];
      absentNeeds(needId);
      if (changed.has(needId)) {
        result.skippedNeeds++;
        for (; !stored.done && stored.compareNeed(needId) === 0; stored.next()) keep();
        endNeed();
        continue;
      }
      wantP.length = wantCp.length = wantState.length = slots.length = 0;
      for (let j = 0; j < needTop.count[n]; j++) {
        wantP.push(needTop.product[n * k + j]);
        wantCp.push(needTop.centipoints[n * k + j]);
        wantState.push(IN_NEED_TOP);
      }
      for (let i = heldStart[n]; i < heldStart[n + 1]; i++) {
        const at = wantP.indexOf(heldProduct[i]);
        if (at >= 0) wantState[at] |= IN_PRODUCT_TOP;
        else {
          wantP.push(heldProduct[i]);
          wantCp.push(heldCentipoints[i]);
          wantState.push(IN_PRODUCT_TOP);
        }
      }
      for (let i = 0; i < wantP.length; i++) slots.push(i);
      slots.sort(bySlotOrder);
      // Encoded once per need, and only when one of its rows is written.
      let needBytes: Buffer | undefined;
      let firmBytes: Buffer | undefined;
      for (const i of slots) {
        const p = wantP[i];
        const key = productBytes[p];
        let cmp = 1;
        while (!stored.done && stored.compareNeed(needId) === 0) {
          cmp = stored.compareProduct(key);
          if (cmp >= 0) break;
          drop();
          stored.next();
        }
        if (stored.done || stored.compareNeed(needId) !== 0) cmp = 1;
        const want = wantState[i];
        if (
          cmp === 0 &&
          stored.centipoints === wantCp[i] &&
          (stored.state & (IN_NEED_TOP | IN_PRODUCT_TOP)) === want &&
          (stored.state & CURRENT) !== 0
        ) {
          result.unchanged++;
        } else {
          // Staged: op, id, pair, firm, bank, score, flags. Copied straight: id first, with
          // the engine version after the score.
          needBytes ??= Buffer.from(needId, 'latin1');
          firmBytes ??= Buffer.from(open.firmIds[open.firmOf[n]], 'latin1');
          if (cmp === 0) lines.ascii('u').null();
          else if (!direct) lines.ascii('i').written(UUID_LENGTH, writeNewId);
          else lines.written(UUID_LENGTH, writeNewId);
          lines
            .bytes(needBytes, 0, UUID_LENGTH)
            .bytes(key, 0, UUID_LENGTH)
            .bytes(firmBytes, 0, UUID_LENGTH)
            .bytes(bankBytes[p], 0, UUID_LENGTH)
            .centipoints(wantCp[i]);
          if (direct) lines.ascii(ENGINE_VERSION);
          lines.bool((want & IN_NEED_TOP) !== 0).bool((want & IN_PRODUCT_TOP) !== 0);
          lines.end();
          if (cmp === 0) result.updated++;
          else result.inserted++;
        }
        if (cmp === 0) stored.next();
        kept++;
      }
      for (; !stored.done && stored.compareNeed(needId) === 0; stored.next()) drop();
      endNeed();
    }
    absentNeeds(null);
    result.diffMs += performance.now() - mark;

    if (!lines.empty && direct) {
      mark = performance.now();
      try {
        await copyIn(
          client,
          'matches (id, need_id, product_id, firm_id, bank_id, score, engine_version, in_need_top, in_product_top)',
          lines,
        );
      } catch (e) {
        // Another writer added one of these pairs since the read: take the merging path.
        if ((e as { code?: string }).code !== UNIQUE_VIOLATION) throw e;
        await client.query('ROLLBACK');
        await runner.release();
        released = true;
        return syncNeedRange(db, ranking, range, changed, { direct: false });
      }
      result.writeMs += performance.now() - mark;
    } else if (!lines.empty) {
      mark = performance.now();
      await client.query(CREATE_STAGE);
      await copyIn(client, STAGE, lines);
      result.sendMs += performance.now() - mark;
      mark = performance.now();
      const applied = await applyStage(client);
      // The read may be older than the locks: count what the locked rows said.
      result.updated += applied.cleared - staged.cleared;
      result.deleted += applied.deleted - staged.deleted;
      result.writeMs += performance.now() - mark;
    }
    mark = performance.now();
    await client.query('COMMIT');
    result.writeMs += performance.now() - mark;
    return result;
  } catch (e) {
    if (!released) await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    if (!released) await runner.release();
  }
}

const UNIQUE_VIOLATION = '23505';

/**
 * Applies the staged changes. The stored rows to change or drop are locked first, in the
 * writers' order, each found through the (need_id, product_id) index by a lateral lookup —
 * a plan shape that holds whatever the planner believes about the table's size; then
 * new and changed rows go in as one sorted upsert, and dropped ones go by primary key.
 * Returns how many suggestions were deleted and how many worked matches left the views.
 */
async function applyStage(client: PoolClient): Promise<{ deleted: number; cleared: number }> {
  const { rows } = await client.query<{
    op: string;
    id: string;
    worked: boolean;
    flagged: boolean;
  }>(
    `SELECT s.op, x.id, x.worked, x.flagged
       FROM (SELECT op, need_id, product_id FROM ${STAGE} WHERE op <> 'i' ORDER BY need_id, product_id) s
      CROSS JOIN LATERAL (
        SELECT m.id, m.status <> 'suggested' AS worked, m.in_need_top OR m.in_product_top AS flagged
          FROM matches m WHERE m.need_id = s.need_id AND m.product_id = s.product_id FOR UPDATE) x`,
  );
  // Read under the lock: a suggestion worked since the stored rows were read is kept.
  const drop = rows.filter((r) => r.op !== 'u' && !r.worked).map((r) => r.id);
  const clear = rows.filter((r) => r.op !== 'u' && r.worked && r.flagged).map((r) => r.id);
  // New pairs, and changed ones (a worked row keeps its status; only its score, engine
  // version and view flags move). A pair another writer added since the read is taken
  // over: the ranking is the truth for this range.
  await client.query(
    `INSERT INTO matches (id, need_id, product_id, firm_id, bank_id, score, engine_version, in_need_top, in_product_top)
     SELECT COALESCE(id, gen_random_uuid()), need_id, product_id, firm_id, bank_id, score, $1, in_need_top, in_product_top
       FROM ${STAGE} WHERE op IN ('i', 'u') ORDER BY need_id, product_id
     ON CONFLICT (need_id, product_id) DO UPDATE
       SET score = EXCLUDED.score, engine_version = EXCLUDED.engine_version, ineligible = false,
           in_need_top = EXCLUDED.in_need_top, in_product_top = EXCLUDED.in_product_top, updated_at = now()`,
    [ENGINE_VERSION],
  );
  if (drop.length > 0) await client.query('DELETE FROM matches WHERE id = ANY($1::uuid[])', [drop]);
  if (clear.length > 0) {
    await client.query(
      `UPDATE matches SET in_need_top = false, in_product_top = false, updated_at = now()
        WHERE id = ANY($1::uuid[])`,
      [clear],
    );
  }
  return { deleted: drop.length, cleared: clear.length };
}
