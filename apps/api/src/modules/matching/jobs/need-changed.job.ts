import { admitToProductView, rankForNeed } from '@lianrong/matching';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { viewRow } from '../fan-out';
import { MatchingCache } from '../matching-cache.service';
import { type NeedSelection, loadNeedEntries, needEntryMap } from '../matching-inputs';
import {
  MatchWriter,
  type ViewRow,
  dropOrphans,
  leaveView,
  rowsOfPairs,
  rowsWithIds,
} from '../match-writer';

/**
 * `need.changed` and `firm.changed`: re-ranks the needs in one go, rewrites their firms'
 * views and places them in the products' officer's views incrementally.
 */
@Injectable()
export class NeedChangedJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: MatchingCache,
    private readonly writer: MatchWriter,
    private readonly config: AppConfig,
  ) {}

  async run(selection: NeedSelection): Promise<{ needs: number }> {
    const products = await this.cache.productsSnapshot(this.db.manager);
    const entries = await loadNeedEntries(this.db.manager, selection);
    const k = this.config.MATCH_TOP_K;
    // Every eligible product of each need, best first; the first K are the firm's view.
    const eligible = entries.map(({ firm, need }) =>
      (need.status === 'open'
        ? rankForNeed(firm, need, products.list, products.list.length, products.ctx)
        : []
      ).map((r) => viewRow(products, need.id, firm.id, r.productId, r.score)),
    );
    // The firms' views first, committed on their own: that is what the firm is waiting for.
    // Placing a need in the officers' views moves hundreds of rows (each view it enters
    // lets its last need go) and follows in a second transaction.
    await this.db.transaction(async (em) => {
      for (const [i, { need }] of entries.entries())
        await this.writer.replaceNeedViews(em, [need.id], eligible[i].slice(0, k));
    });
    await this.db.transaction(async (em) => {
      for (const [i, { need }] of entries.entries())
        await this.placeInProductViews(em, need.id, eligible[i]);
      await this.writer.refreshWorkedMatches(
        em,
        { needIds: entries.map((e) => e.need.id) },
        (ids) => needEntryMap(em, ids),
        products.byId,
        products.ctx,
      );
    });
    return { needs: entries.length };
  }

  /**
   * Keeps the officer's views right for one changed need without re-ranking whole
   * products; admission is the library's rule. View sizes come from product_views;
   * products are locked (advisory, in id order) so concurrent needs cannot overfill a view.
   */
  private async placeInProductViews(
    em: EntityManager,
    needId: string,
    eligible: ViewRow[],
  ): Promise<void> {
    const ids = eligible.map((r) => r.productId).sort();
    // Views this need no longer belongs to (it closed, or a product stopped fitting).
    const left = await leaveView(em, 'product', {
      where: 'm.need_id = $1 AND NOT (m.product_id = ANY($2::uuid[]))',
      params: [needId, ids],
    });
    const touched = [...new Set([...ids, ...left.map((l) => l.productId)])].sort();
    if (touched.length) {
      await em.query(
        'SELECT pg_advisory_xact_lock(hashtext(pid::text)) FROM unnest($1::uuid[]) pid ORDER BY pid',
        [touched],
      );
    }
    await this.adjustViewSizes(
      em,
      left.map((l) => l.productId),
      -1,
    );
    if (ids.length > 0) {
      const views: {
        pid: string;
        size: number | null;
        score: number | null;
        need_id: string | null;
        mine: boolean;
      }[] = await em.query(
        `SELECT p.pid, v.size, w.score, w.need_id,
                  EXISTS (SELECT 1 FROM matches x WHERE x.product_id = p.pid AND x.need_id = $2 AND x.in_product_top) AS mine
             FROM unnest($1::uuid[]) AS p(pid)
             LEFT JOIN product_views v ON v.product_id = p.pid
             LEFT JOIN LATERAL (SELECT score, need_id FROM matches WHERE product_id = p.pid AND in_product_top
                                 ORDER BY score ASC, need_id DESC LIMIT 1) w ON true`,
        [ids, needId],
      );
      const byProduct = new Map(eligible.map((r) => [r.productId, r]));
      const enter: ViewRow[] = [];
      const grown: string[] = [];
      const evict: { needId: string; productId: string }[] = [];
      for (const v of views) {
        const row = byProduct.get(v.pid);
        if (!row) continue;
        const worst = v.need_id === null ? null : { needId: v.need_id, score: v.score as number };
        const decision = admitToProductView(
          { holdsNeed: v.mine, size: v.size ?? 0, worst },
          row,
          this.config.MATCH_TOP_M,
        );
        if (decision === 'out') continue;
        enter.push(row);
        if (decision === 'grow') grown.push(v.pid);
        if (decision === 'evict') evict.push({ needId: v.need_id as string, productId: v.pid });
      }
      await this.writer.upsertView(em, 'product', enter);
      await this.adjustViewSizes(em, grown, +1);
      const evicted = await leaveView(em, 'product', rowsOfPairs(evict));
      await dropOrphans(em, rowsWithIds(evicted.map((e) => e.id)));
    }
    await dropOrphans(em, { where: 'm.need_id = $1', params: [needId] });
  }

  private async adjustViewSizes(
    em: EntityManager,
    productIds: string[],
    delta: 1 | -1,
  ): Promise<void> {
    if (productIds.length === 0) return;
    await em.query(
      `INSERT INTO product_views (product_id, size) SELECT t.pid, GREATEST($2::int, 0) FROM unnest($1::uuid[]) AS t(pid)
       ON CONFLICT (product_id) DO UPDATE SET size = GREATEST(product_views.size + $2::int, 0)`,
      [productIds, delta],
    );
  }
}
