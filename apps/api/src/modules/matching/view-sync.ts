import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ENGINE_VERSION } from '@lianrong/matching';
import { type PoolClient } from 'pg';
import { type DataSource } from 'typeorm';
import { CopyText, copyIn, copyOut, uuidLiteral } from './copy-text';
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

/**
 * Ids for new rows that ascend with time, so the primary key grows at its right edge
 * instead of touching a random leaf per row (a random uuid's index page is rarely in
 * memory at millions of rows). Layout as UUIDv7 (RFC 9562): 48-bit milliseconds, then a
 * counter within the millisecond, then random bits fixed per process.
 */
export class AscendingIds {
  private ms = 0;
  private seq = 0;
  private readonly node = randomBytes(6).toString('hex');

  next(): string {
    const now = Date.now();
    if (now > this.ms) {
      this.ms = now;
      this.seq = 0;
    } else if (++this.seq >= 1 << 26) {
      // 67M ids in one millisecond: borrow the next one.
      this.ms++;
      this.seq = 0;
    }
    const t = this.ms.toString(16).padStart(12, '0');
    const hi = (0x7000 | (this.seq >>> 14)).toString(16);
    const lo = (0x8000 | (this.seq & 0x3fff)).toString(16);
    return `${t.slice(0, 8)}-${t.slice(8)}-${hi}-${lo}-${this.node}`;
  }
}

const ids = new AscendingIds();

const STAGE = 'match_sync';

/** The session's staging table for one range's changes; emptied at every commit. */
const CREATE_STAGE = `CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (
  op "char" NOT NULL, id uuid NOT NULL, need_id uuid NOT NULL, product_id uuid NOT NULL,
  firm_id uuid NOT NULL, bank_id uuid NOT NULL, score float8 NOT NULL,
  in_need_top boolean NOT NULL, in_product_top boolean NOT NULL) ON COMMIT DELETE ROWS`;

/** Order of compiled products by id, so each need's rows can be sorted without comparing strings. */
const productOrder = new WeakMap<FullRanking, Int32Array>();

function productIdOrder(ranking: FullRanking): Int32Array {
  let order = productOrder.get(ranking);
  if (!order) {
    const pids = ranking.products.ids;
    const sorted = pids.map((_, p) => p).sort((a, b) => (pids[a] < pids[b] ? -1 : 1));
    order = new Int32Array(pids.length);
    sorted.forEach((p, r) => ((order as Int32Array)[p] = r));
    productOrder.set(ranking, order);
  }
  return order;
}

/** A stored row of the range, as read. */
interface StoredRow {
  needId: string;
  productId: string;
  score: number | null;
  inNeedTop: boolean;
  inProductTop: boolean;
  worked: boolean;
  current: boolean;
  id: string;
}

function readStored(t: CopyText): StoredRow | null {
  if (t.done) return null;
  return {
    needId: t.ascii(),
    productId: t.ascii(),
    score: t.nullableFloat(),
    inNeedTop: t.bool(),
    inProductTop: t.bool(),
    worked: t.bool(),
    // A worked row's `ineligible` flag is part of "current": a row back in a view is eligible.
    current: t.bool(),
    id: t.ascii(),
  };
}

/**
 * Makes the stored views of the open needs at positions [start, end) of the ranking (in
 * need-id order) — and every row of needs with lo ≤ id < hi — equal to the ranking: the
 * firm's view (top K) of each need and the officer's-view rows (top M of a product) that
 * fall on these needs. A suggestion no view keeps is deleted; a worked match (applied, in
 * review, approved …) is never deleted or reset, only re-scored and flagged by view.
 *
 * One transaction. Existing rows to change are locked first, in the writers' order
 * (need_id, product_id), then changed; new rows go in in that order too.
 */
export async function syncNeedRange(
  db: DataSource,
  ranking: FullRanking,
  range: { start: number; end: number; lo: string | null; hi: string | null },
): Promise<SyncResult> {
  const result = emptySyncResult();
  const runner = db.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  try {
    await client.query('BEGIN');
    await client.query(CREATE_STAGE);
    let mark = performance.now();
    const bounds = [
      range.lo === null ? null : `need_id >= ${uuidLiteral(range.lo)}`,
      range.hi === null ? null : `need_id < ${uuidLiteral(range.hi)}`,
    ]
      .filter(Boolean)
      .join(' AND ');
    const where = bounds || 'true';
    const stored = new CopyText(
      await copyOut(
        client,
        `SELECT need_id, product_id, score, in_need_top, in_product_top, status <> 'suggested',
                engine_version = '${ENGINE_VERSION}' AND NOT ineligible, id
           FROM matches WHERE ${where} ORDER BY need_id, product_id`,
      ),
    );
    // Needs (or their firms) changed after the ranking's read: stale here, theirs to keep.
    const changed = new Set(
      (
        await client.query<{ id: string }>(
          `SELECT n.id FROM funding_needs n JOIN firms f ON f.id = n.firm_id
            WHERE ${where.replace(/need_id/g, 'n.id')}
              AND (n.updated_at > $1 OR f.updated_at > $1
                   OR EXISTS (SELECT 1 FROM financial_years y WHERE y.firm_id = f.id AND y.updated_at > $1))`,
          [ranking.open.readAt],
        )
      ).rows.map((r) => r.id),
    );
    result.readMs += performance.now() - mark;
    mark = performance.now();

    const { open, needTop, heldStart, heldProduct, heldCentipoints, bankOf } = ranking;
    const pids = ranking.products.ids;
    const order = productIdOrder(ranking);
    const k = needTop.k;
    const lines: string[] = [];
    const flag = (b: boolean) => (b ? 't' : 'f');
    let row = readStored(stored);
    /** Rows the current need holds after the sync. */
    let kept = 0;

    const keep = () => {
      result.unchanged++;
      kept++;
    };
    /** A stored row no view keeps any more. */
    const drop = (r: StoredRow) => {
      if (!r.worked) {
        lines.push(`d\t${r.id}\t${r.needId}\t${r.productId}\t${r.id}\t${r.id}\t0\tf\tf\n`);
        result.deleted++;
      } else if (r.inNeedTop || r.inProductTop) {
        lines.push(`w\t${r.id}\t${r.needId}\t${r.productId}\t${r.id}\t${r.id}\t0\tf\tf\n`);
        result.updated++;
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
      while (row !== null && (before === null || row.needId < before)) {
        const needId = row.needId;
        const stale = changed.has(needId);
        if (stale) result.skippedNeeds++;
        for (; row !== null && row.needId === needId; row = readStored(stored)) {
          if (stale) keep();
          else drop(row);
        }
        endNeed();
      }
    };
    // The wanted rows of one need: compiled product, centipoints, in which views.
    const wantP: number[] = [];
    const wantCp: number[] = [];
    const wantNt: boolean[] = [];
    const wantPt: boolean[] = [];
    const slots: number[] = [];

    for (let r = range.start; r < range.end; r++) {
      const n = open.byId[r];
      const needId = open.needs.ids[n];
      absentNeeds(needId);
      if (changed.has(needId)) {
        result.skippedNeeds++;
        for (; row !== null && row.needId === needId; row = readStored(stored)) keep();
        endNeed();
        continue;
      }
      wantP.length = wantCp.length = wantNt.length = wantPt.length = slots.length = 0;
      for (let j = 0; j < needTop.count[n]; j++) {
        wantP.push(needTop.product[n * k + j]);
        wantCp.push(needTop.centipoints[n * k + j]);
        wantNt.push(true);
        wantPt.push(false);
      }
      for (let i = heldStart[n]; i < heldStart[n + 1]; i++) {
        const at = wantP.indexOf(heldProduct[i]);
        if (at >= 0) wantPt[at] = true;
        else {
          wantP.push(heldProduct[i]);
          wantCp.push(heldCentipoints[i]);
          wantNt.push(false);
          wantPt.push(true);
        }
      }
      for (let i = 0; i < wantP.length; i++) slots.push(i);
      slots.sort((a, b) => order[wantP[a]] - order[wantP[b]]);
      const firmId = open.firmIds[open.firmOf[n]];
      for (const i of slots) {
        const p = wantP[i];
        const productId = pids[p];
        for (
          ;
          row !== null && row.needId === needId && row.productId < productId;
          row = readStored(stored)
        )
          drop(row);
        const score = wantCp[i] / 100;
        const tail = `${needId}\t${productId}\t${firmId}\t${bankOf[p]}\t${score}\t${flag(wantNt[i])}\t${flag(wantPt[i])}\n`;
        if (row !== null && row.needId === needId && row.productId === productId) {
          if (
            row.score === score &&
            row.inNeedTop === wantNt[i] &&
            row.inProductTop === wantPt[i] &&
            row.current
          ) {
            result.unchanged++;
          } else {
            lines.push(`u\t${row.id}\t${tail}`);
            result.updated++;
          }
          row = readStored(stored);
        } else {
          lines.push(`i\t${ids.next()}\t${tail}`);
          result.inserted++;
        }
        kept++;
      }
      for (; row !== null && row.needId === needId; row = readStored(stored)) drop(row);
      endNeed();
    }
    absentNeeds(null);
    result.diffMs += performance.now() - mark;

    if (lines.length > 0) {
      mark = performance.now();
      await copyIn(client, STAGE, lines.join(''));
      result.sendMs += performance.now() - mark;
      mark = performance.now();
      await applyStage(client);
      result.writeMs += performance.now() - mark;
    }
    mark = performance.now();
    await client.query('COMMIT');
    result.writeMs += performance.now() - mark;
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await runner.release();
  }
}

/** Applies the staged changes; the rows they touch are locked first, in the writers' order. */
async function applyStage(client: PoolClient): Promise<void> {
  await client.query(
    `SELECT m.id FROM matches m JOIN ${STAGE} s ON s.id = m.id WHERE s.op <> 'i'
      ORDER BY m.need_id, m.product_id FOR UPDATE OF m`,
  );
  // A pair another writer added since the read is taken over: the ranking is the truth here.
  await client.query(
    `INSERT INTO matches (id, need_id, product_id, firm_id, bank_id, score, engine_version, in_need_top, in_product_top)
     SELECT id, need_id, product_id, firm_id, bank_id, score, $1, in_need_top, in_product_top
       FROM ${STAGE} WHERE op = 'i' ORDER BY need_id, product_id
     ON CONFLICT (need_id, product_id) DO UPDATE
       SET score = EXCLUDED.score, engine_version = EXCLUDED.engine_version, ineligible = false,
           in_need_top = EXCLUDED.in_need_top, in_product_top = EXCLUDED.in_product_top, updated_at = now()`,
    [ENGINE_VERSION],
  );
  // A worked row keeps its status; only its score, engine version and view flags move.
  await client.query(
    `UPDATE matches m SET score = s.score, engine_version = $1, ineligible = false,
            in_need_top = s.in_need_top, in_product_top = s.in_product_top, updated_at = now()
       FROM ${STAGE} s WHERE s.op = 'u' AND m.id = s.id`,
    [ENGINE_VERSION],
  );
  // Status is read again under the lock: a suggestion worked since the read is kept.
  await client.query(
    `DELETE FROM matches m USING ${STAGE} s WHERE s.op = 'd' AND m.id = s.id AND m.status = 'suggested'`,
  );
  await client.query(
    `UPDATE matches m SET in_need_top = false, in_product_top = false, updated_at = now()
       FROM ${STAGE} s WHERE s.op IN ('d', 'w') AND m.id = s.id AND m.status <> 'suggested'
        AND (m.in_need_top OR m.in_product_top)`,
  );
}
