import {
  ENGINE_VERSION,
  type MatchContext,
  type ProductInput,
  evaluateWorkedMatch,
} from '@lianrong/matching';
import { type NeedEntry } from '@lianrong/matching/batch';
import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { newMatchId } from './view-sync';

/** One pair kept by a view. */
export interface ViewRow {
  needId: string;
  productId: string;
  firmId: string;
  bankId: string;
  score: number;
}

export type View = 'need' | 'product';

/** A need × product pair. */
export interface Pair {
  needId: string;
  productId: string;
}

const FLAG: Record<View, string> = { need: 'in_need_top', product: 'in_product_top' };

/**
 * Every writer locks `matches` rows in one order, (need_id, product_id) ascending, so two
 * writers can wait on each other but never in a cycle (a deadlock). Callers sort, then
 * every statement also sorts what it touches, chunk by chunk in that same order.
 */
export function byPair(a: Pair, b: Pair): number {
  return a.needId < b.needId
    ? -1
    : a.needId > b.needId
      ? 1
      : a.productId < b.productId
        ? -1
        : a.productId > b.productId
          ? 1
          : 0;
}

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** A condition on `matches m`, with its parameters. */
export interface RowFilter {
  where: string;
  params: unknown[];
}

export const rowsWithIds = (ids: string[]): RowFilter => ({
  where: 'm.id = ANY($1::uuid[])',
  params: [ids],
});

export const rowsOfPairs = (pairs: Pair[]): RowFilter => ({
  // Driven from the pairs through the (need_id, product_id) index, not a scan of matches.
  where: `m.id IN (SELECT x.id FROM unnest($1::uuid[], $2::uuid[]) AS g(need_id, product_id)
                     JOIN matches x ON x.need_id = g.need_id AND x.product_id = g.product_id)`,
  params: [pairs.map((p) => p.needId), pairs.map((p) => p.productId)],
});

/**
 * Takes the rows of `filter` out of one view, locking them in the writers' order first,
 * and returns the ids of the rows that left it (the only ones that can have become orphans).
 */
export async function leaveView(
  em: EntityManager,
  view: View,
  filter: RowFilter,
): Promise<{ id: string; productId: string }[]> {
  const left: { id: string; product_id: string }[] = await em.query(
    `WITH target AS (SELECT m.id FROM matches m WHERE m.${FLAG[view]} AND (${filter.where})
                      ORDER BY m.need_id, m.product_id FOR UPDATE),
          gone AS (UPDATE matches SET ${FLAG[view]} = false FROM target WHERE matches.id = target.id
                   RETURNING matches.id, matches.product_id)
     SELECT id, product_id FROM gone`,
    filter.params,
  );
  return left.map((l) => ({ id: l.id, productId: l.product_id }));
}

/** Suggestions that no view keeps any more are removed; worked matches never are. */
export async function dropOrphans(em: EntityManager, filter: RowFilter): Promise<void> {
  await em.query(
    `DELETE FROM matches WHERE id IN (
       SELECT m.id FROM matches m
        WHERE m.status = 'suggested' AND NOT m.in_need_top AND NOT m.in_product_top AND (${filter.where})
        ORDER BY m.need_id, m.product_id FOR UPDATE)`,
    filter.params,
  );
}

/** Writes the stored views; every statement takes `matches` rows in the writers' lock order. */
@Injectable()
export class MatchWriter {
  constructor(private readonly config: AppConfig) {}

  /**
   * Upserts pairs into one view, many rows per statement. A row already worked by a bank or
   * a firm keeps its status: only its score, engine version and view flag are refreshed.
   */
  async upsertView(em: EntityManager, view: View, rows: ViewRow[]): Promise<void> {
    for (const chunk of chunks([...rows].sort(byPair), this.config.MATCH_WRITE_CHUNK)) {
      await em.query(
        `INSERT INTO matches (id, need_id, product_id, firm_id, bank_id, score, engine_version, ${FLAG[view]})
       SELECT t.id, t.need_id, t.product_id, t.firm_id, t.bank_id, t.score, $7, true
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::float8[], $6::uuid[])
           AS t(need_id, product_id, firm_id, bank_id, score, id)
        ORDER BY t.need_id, t.product_id
       ON CONFLICT (need_id, product_id) DO UPDATE
         SET score = EXCLUDED.score, engine_version = EXCLUDED.engine_version, ineligible = false,
             ${FLAG[view]} = true, updated_at = now()
         -- An unchanged row is not rewritten (and its indexes not touched).
         WHERE matches.score IS DISTINCT FROM EXCLUDED.score OR matches.engine_version <> EXCLUDED.engine_version
            OR matches.ineligible OR NOT matches.${FLAG[view]}`,
        [
          chunk.map((r) => r.needId),
          chunk.map((r) => r.productId),
          chunk.map((r) => r.firmId),
          chunk.map((r) => r.bankId),
          chunk.map((r) => r.score),
          // Ascending ids keep the primary key's inserts at its right edge.
          chunk.map(() => newMatchId()),
          ENGINE_VERSION,
        ],
      );
    }
  }

  /** Makes `rows` the whole firm's view of `needIds`. */
  async replaceNeedViews(em: EntityManager, needIds: string[], rows: ViewRow[]): Promise<void> {
    if (needIds.length === 0) return;
    await this.upsertView(em, 'need', rows);
    await leaveView(em, 'need', {
      where: `m.need_id = ANY($1::uuid[])
            AND (m.need_id, m.product_id) NOT IN (SELECT * FROM unnest($2::uuid[], $3::uuid[]))`,
      params: [needIds, rows.map((r) => r.needId), rows.map((r) => r.productId)],
    });
    await dropOrphans(em, { where: 'm.need_id = ANY($1::uuid[])', params: [needIds] });
  }

  /** Makes `rows` the whole officer's view of one product. */
  async replaceProductView(em: EntityManager, productId: string, rows: ViewRow[]): Promise<void> {
    await this.upsertView(em, 'product', rows);
    // Only the rows that just left the view can have become orphans.
    const left = await leaveView(em, 'product', {
      where: 'm.product_id = $1 AND NOT (m.need_id = ANY($2::uuid[]))',
      params: [productId, rows.map((r) => r.needId)],
    });
    await dropOrphans(em, rowsWithIds(left.map((l) => l.id)));
    await em.query(
      `INSERT INTO product_views (product_id, size) VALUES ($1, $2)
     ON CONFLICT (product_id) DO UPDATE SET size = EXCLUDED.size`,
      [productId, rows.length],
    );
  }

  /**
   * Applies a product's effect on firms' views as differences: rows that enter a need's
   * top K, and pairs that leave it. Everything else in those views is already right.
   */
  async applyNeedViewDiffs(em: EntityManager, entering: ViewRow[], leaving: Pair[]): Promise<void> {
    await this.upsertView(em, 'need', entering);
    for (const chunk of chunks([...leaving].sort(byPair), this.config.MATCH_WRITE_CHUNK)) {
      const left = await leaveView(em, 'need', rowsOfPairs(chunk));
      await dropOrphans(em, rowsWithIds(left.map((l) => l.id)));
    }
  }

  /**
   * Re-scores matches that a firm or bank is already working on. They are never deleted or
   * moved back; one that no longer passes the rules is flagged `ineligible`.
   */
  async refreshWorkedMatches(
    em: EntityManager,
    scope: { needIds?: string[]; productIds?: string[] },
    entries: (needIds: string[]) => Promise<Map<string, NeedEntry>>,
    products: Map<string, ProductInput>,
    ctx: MatchContext,
  ): Promise<number> {
    const conditions: string[] = [`status <> 'suggested'`];
    const params: unknown[] = [];
    if (scope.needIds) conditions.push(`need_id = ANY($${params.push(scope.needIds)}::uuid[])`);
    if (scope.productIds)
      conditions.push(`product_id = ANY($${params.push(scope.productIds)}::uuid[])`);
    const worked: { id: string; need_id: string; product_id: string }[] = await em.query(
      `SELECT id, need_id, product_id FROM matches WHERE ${conditions.join(' AND ')}
      ORDER BY need_id, product_id`,
      params,
    );
    if (worked.length === 0) return 0;
    const byNeed = await entries([...new Set(worked.map((w) => w.need_id))]);
    const ids: string[] = [];
    const scores: (number | null)[] = [];
    const ineligible: boolean[] = [];
    for (const w of worked) {
      const entry = byNeed.get(w.need_id);
      const product = products.get(w.product_id);
      if (!entry || !product) continue;
      const result = evaluateWorkedMatch(entry.firm, entry.need, product, ctx);
      ids.push(w.id);
      scores.push(result.score);
      ineligible.push(!result.eligible);
    }
    for (let i = 0; i < ids.length; i += this.config.MATCH_WRITE_CHUNK) {
      const end = i + this.config.MATCH_WRITE_CHUNK;
      await em.query(
        `UPDATE matches m SET score = COALESCE(t.score, m.score), ineligible = t.ineligible,
              engine_version = $4, updated_at = now()
         FROM (SELECT x.id, x.score, x.ineligible, m2.need_id, m2.product_id
                 FROM unnest($1::uuid[], $2::float8[], $3::bool[]) AS x(id, score, ineligible)
                 JOIN matches m2 ON m2.id = x.id
                ORDER BY m2.need_id, m2.product_id FOR UPDATE OF m2) t
        WHERE m.id = t.id
          -- Only what moved is written.
          AND (m.score IS DISTINCT FROM COALESCE(t.score, m.score) OR m.ineligible <> t.ineligible
               OR m.engine_version <> $4)`,
        [ids.slice(i, end), scores.slice(i, end), ineligible.slice(i, end), ENGINE_VERSION],
      );
    }
    return ids.length;
  }
}
