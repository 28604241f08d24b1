import { ENGINE_VERSION, type MatchContext, type ProductInput, evaluate } from '@lianrong/matching';
import { type NeedEntry } from '@lianrong/matching/batch';
import { type EntityManager } from 'typeorm';

/** One pair kept by a view. */
export interface ViewRow {
  needId: string;
  productId: string;
  firmId: string;
  bankId: string;
  score: number;
}

export type View = 'need' | 'product';

const CHUNK = 5_000;
const FLAG: Record<View, string> = { need: 'in_need_top', product: 'in_product_top' };
const RUN: Record<View, string> = { need: 'need_run', product: 'product_run' };

/**
 * Upserts pairs into one view, many rows per statement. A row already worked by a bank or
 * a firm keeps its status: only its score, engine version and view flag are refreshed.
 */
export async function upsertView(
  em: EntityManager,
  view: View,
  rows: ViewRow[],
  run: string | null,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await em.query(
      `INSERT INTO matches (need_id, product_id, firm_id, bank_id, score, engine_version, ${FLAG[view]}, ${RUN[view]})
       SELECT t.need_id, t.product_id, t.firm_id, t.bank_id, t.score, $6, true, $7
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::float8[])
           AS t(need_id, product_id, firm_id, bank_id, score)
       ON CONFLICT (need_id, product_id) DO UPDATE
         SET score = EXCLUDED.score, engine_version = EXCLUDED.engine_version, ineligible = false,
             ${FLAG[view]} = true, ${RUN[view]} = EXCLUDED.${RUN[view]}, updated_at = now()
         -- An unchanged row is not rewritten (and its indexes not touched).
         WHERE matches.score IS DISTINCT FROM EXCLUDED.score OR matches.engine_version <> EXCLUDED.engine_version
            OR matches.ineligible OR NOT matches.${FLAG[view]} OR matches.${RUN[view]} IS DISTINCT FROM EXCLUDED.${RUN[view]}`,
      [
        chunk.map((r) => r.needId),
        chunk.map((r) => r.productId),
        chunk.map((r) => r.firmId),
        chunk.map((r) => r.bankId),
        chunk.map((r) => r.score),
        ENGINE_VERSION,
        run,
      ],
    );
  }
}

/** Suggestions that no view keeps any more are removed; worked matches never are. */
async function dropOrphans(em: EntityManager, needIds: string[] | null): Promise<void> {
  await em.query(
    `DELETE FROM matches WHERE status = 'suggested' AND NOT in_need_top AND NOT in_product_top
       ${needIds ? 'AND need_id = ANY($1::uuid[])' : ''}`,
    needIds ? [needIds] : [],
  );
}

export async function dropOrphanIds(em: EntityManager, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await em.query(
    `DELETE FROM matches WHERE id = ANY($1::uuid[]) AND status = 'suggested' AND NOT in_need_top AND NOT in_product_top`,
    [ids],
  );
}

/** Makes `rows` the whole firm's view of `needIds`. */
export async function replaceNeedViews(
  em: EntityManager,
  needIds: string[],
  rows: ViewRow[],
): Promise<void> {
  if (needIds.length === 0) return;
  await upsertView(em, 'need', rows, null);
  await em.query(
    `UPDATE matches m SET in_need_top = false
      WHERE m.need_id = ANY($1::uuid[]) AND m.in_need_top
        AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::uuid[]) AS k(need_id, product_id)
                         WHERE k.need_id = m.need_id AND k.product_id = m.product_id)`,
    [needIds, rows.map((r) => r.needId), rows.map((r) => r.productId)],
  );
  await dropOrphans(em, needIds);
}

/** Makes `rows` the whole officer's view of one product. */
export async function replaceProductView(
  em: EntityManager,
  productId: string,
  rows: ViewRow[],
): Promise<void> {
  await upsertView(em, 'product', rows, null);
  // Only the rows that just left the view can have become orphans: delete among those,
  // not across every firm's-view row of the product.
  const left: { id: string }[] = await em.query(
    `WITH gone AS (UPDATE matches SET in_product_top = false
                    WHERE product_id = $1 AND in_product_top AND NOT (need_id = ANY($2::uuid[])) RETURNING id)
     SELECT id FROM gone`,
    [productId, rows.map((r) => r.needId)],
  );
  await dropOrphanIds(
    em,
    left.map((l) => l.id),
  );
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
export async function applyNeedViewDiffs(
  em: EntityManager,
  entering: ViewRow[],
  leaving: { needId: string; productId: string }[],
): Promise<void> {
  await upsertView(em, 'need', entering, null);
  for (let i = 0; i < leaving.length; i += CHUNK) {
    const chunk = leaving.slice(i, i + CHUNK);
    const params = [chunk.map((l) => l.needId), chunk.map((l) => l.productId)];
    await em.query(
      `UPDATE matches m SET in_need_top = false
         FROM unnest($1::uuid[], $2::uuid[]) AS g(need_id, product_id)
        WHERE m.need_id = g.need_id AND m.product_id = g.product_id AND m.in_need_top`,
      params,
    );
    await em.query(
      `DELETE FROM matches m USING unnest($1::uuid[], $2::uuid[]) AS g(need_id, product_id)
        WHERE m.need_id = g.need_id AND m.product_id = g.product_id
          AND m.status = 'suggested' AND NOT m.in_need_top AND NOT m.in_product_top`,
      params,
    );
  }
}

/** After a full rematch: whatever the run did not confirm drops out of its view. */
export async function finalizeRun(em: EntityManager, run: string): Promise<void> {
  await em.query(
    `UPDATE matches SET in_need_top = false WHERE in_need_top AND need_run IS DISTINCT FROM $1`,
    [run],
  );
  await em.query(
    `UPDATE matches SET in_product_top = false WHERE in_product_top AND product_run IS DISTINCT FROM $1`,
    [run],
  );
  await dropOrphans(em, null);
  await em.query(
    `INSERT INTO product_views (product_id, size)
     SELECT p.id, COALESCE(v.size, 0) FROM loan_products p
       LEFT JOIN (SELECT product_id, count(*)::int AS size FROM matches WHERE in_product_top GROUP BY product_id) v
         ON v.product_id = p.id
     ON CONFLICT (product_id) DO UPDATE SET size = EXCLUDED.size`,
  );
}

/**
 * Re-scores matches that a firm or bank is already working on. They are never deleted or
 * moved back; one that no longer passes the rules is flagged `ineligible`. The need's own
 * status is not held against it: applying is what moved the need out of `open`.
 */
export async function refreshWorkedMatches(
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
    `SELECT id, need_id, product_id FROM matches WHERE ${conditions.join(' AND ')}`,
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
    const result = evaluate(entry.firm, { ...entry.need, status: 'open' }, product, ctx);
    ids.push(w.id);
    scores.push(result.score);
    ineligible.push(!result.eligible);
  }
  await em.query(
    `UPDATE matches m SET score = COALESCE(t.score, m.score), ineligible = t.ineligible,
            engine_version = $4, updated_at = now()
       FROM unnest($1::uuid[], $2::float8[], $3::bool[]) AS t(id, score, ineligible)
      WHERE m.id = t.id`,
    [ids, scores, ineligible, ENGINE_VERSION],
  );
  return ids.length;
}
