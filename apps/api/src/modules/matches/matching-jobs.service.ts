import { rankForNeed } from '@lianrong/matching';
import {
  type NeedEntry,
  type ProductTopList,
  compileProducts,
  mergeProductTopLists,
  needTopLists,
  productRankingList,
  rankProductAgainstNeeds,
  rankShard,
} from '@lianrong/matching/batch';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue, WaitingChildrenError } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import {
  MATCHING_BACKGROUND_QUEUE,
  MATCHING_QUEUE,
  type MatchingJobName,
  SHARD_JOBS,
} from '../../queue/queue.constants';
import { MatchingCache, type ProductsSnapshot } from './matching-cache.service';
import { loadNeedEntries } from './matching-inputs';
import {
  applyNeedViewDiffs,
  dropOrphanIds,
  finalizeRun,
  refreshWorkedMatches,
  replaceNeedViews,
  replaceProductView,
  upsertView,
  type ViewRow,
} from './match-writer';

interface ShardBounds {
  lo: string | null;
  hi: string | null;
}

interface FanOutData {
  entityId: string | null;
  trackingIds?: string[];
  step?: 'fanout' | 'merge';
}

/** Needs handled between two yields to the event loop in background jobs. */
const BACKGROUND_SLICE = 2_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A shard's best needs for one product: [needId, firmId, score]. */
type ShardTop = { top: [string, string, number][]; eligible: number };

/**
 * What the matching worker does. Small jobs (a need, a firm) are handled in one go; a
 * product or a full rematch fans out into shards of needs (children of the job), and the
 * parent merges once every shard is done. Bulk follow-up work (firms' views after a
 * product, the shards of a full rematch) runs on the background queue, so a firm posting
 * a need never waits behind it. All ranking is the library's; this class only moves data.
 */
@Injectable()
export class MatchingJobs {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(MATCHING_QUEUE) private readonly queue: Queue,
    @InjectQueue(MATCHING_BACKGROUND_QUEUE) private readonly background: Queue,
    private readonly cache: MatchingCache,
    private readonly config: AppConfig,
  ) {}

  async run(job: Job, token?: string): Promise<unknown> {
    switch (job.name as MatchingJobName) {
      case 'need.changed':
        return this.needsChanged({ kind: 'ids', ids: [job.data.entityId] });
      case 'firm.changed':
        return this.needsChanged({ kind: 'firms', firmIds: [job.data.entityId] });
      case 'product.changed':
        return this.productChanged(job, token);
      case 'rematch.all':
        return this.rematchAll(job, token);
      case SHARD_JOBS.productShard:
        return this.withParentProgress(job, () => this.productShard(job.data));
      case SHARD_JOBS.productFirmViews:
        return this.productFirmViews(job.data);
      case SHARD_JOBS.rematchNeeds:
        return this.withParentProgress(job, () => this.rematchNeeds(job.data));
      case SHARD_JOBS.rematchProducts:
        return this.withParentProgress(job, () => this.rematchProducts(job.data));
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  }

  // --- a need or a firm -----------------------------------------------------------

  private async needsChanged(
    selection: { kind: 'ids'; ids: string[] } | { kind: 'firms'; firmIds: string[] },
  ) {
    const products = await this.cache.productsSnapshot(this.db.manager);
    const entries = await loadNeedEntries(this.db.manager, selection);
    const k = this.config.MATCH_TOP_K;
    await this.db.transaction(async (em) => {
      for (const { firm, need } of entries) {
        // Every eligible product, best first; the first K are the firm's view.
        const ranked =
          need.status === 'open'
            ? rankForNeed(firm, need, products.list, products.list.length, products.ctx)
            : [];
        const rows = ranked.map((r) => this.row(need.id, firm.id, r.productId, r.score, products));
        await replaceNeedViews(em, [need.id], rows.slice(0, k));
        await this.placeInProductViews(em, need.id, rows);
      }
      const needIds = entries.map((e) => e.need.id);
      await refreshWorkedMatches(
        em,
        { needIds },
        (ids) => this.entryMap(em, ids),
        products.byId,
        products.ctx,
      );
    });
    return { needs: entries.length };
  }

  /**
   * Keeps the officer's views right for one changed need without re-ranking whole products:
   * the need enters a product's best M when the view has room or it beats the current
   * M-th, which then leaves. View sizes come from product_views; products are locked
   * (advisory, in id order) so concurrent needs cannot overfill a view.
   */
  private async placeInProductViews(
    em: EntityManager,
    needId: string,
    eligible: ViewRow[],
  ): Promise<void> {
    const m = this.config.MATCH_TOP_M;
    const ids = eligible.map((r) => r.productId).sort();
    const touched = [...ids];
    // Views this need no longer belongs to (it closed, or a product stopped fitting).
    // (Wrapped in a SELECT: TypeORM returns [rows, count] for a bare UPDATE … RETURNING.)
    const left: { product_id: string }[] = await em.query(
      `WITH gone AS (UPDATE matches SET in_product_top = false WHERE need_id = $1 AND in_product_top
                       AND NOT (product_id = ANY($2::uuid[])) RETURNING product_id)
       SELECT product_id FROM gone`,
      [needId, ids],
    );
    touched.push(...left.map((l) => l.product_id));
    if (touched.length) {
      await em.query(
        'SELECT pg_advisory_xact_lock(hashtext(pid::text)) FROM unnest($1::uuid[]) pid ORDER BY pid',
        [[...new Set(touched)].sort()],
      );
    }
    await this.adjustViewSizes(
      em,
      left.map((l) => l.product_id),
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
      const evict: [string, string][] = [];
      for (const v of views) {
        const row = byProduct.get(v.pid);
        if (!row) continue;
        const beatsWorst =
          v.score === null ||
          row.score > v.score ||
          (row.score === v.score && row.needId < (v.need_id ?? ''));
        if (v.mine) enter.push(row);
        else if ((v.size ?? 0) < m) {
          enter.push(row);
          grown.push(v.pid);
        } else if (beatsWorst) {
          enter.push(row);
          evict.push([v.pid, v.need_id as string]);
        }
      }
      await upsertView(em, 'product', enter, null);
      await this.adjustViewSizes(em, grown, +1);
      if (evict.length) {
        const evicted: { id: string }[] = await em.query(
          `WITH gone AS (UPDATE matches m SET in_product_top = false
                           FROM unnest($1::uuid[], $2::uuid[]) AS e(product_id, need_id)
                          WHERE m.product_id = e.product_id AND m.need_id = e.need_id RETURNING m.id)
           SELECT id FROM gone`,
          [evict.map((e) => e[0]), evict.map((e) => e[1])],
        );
        await dropOrphanIds(
          em,
          evicted.map((e) => e.id),
        );
      }
    }
    await em.query(
      `DELETE FROM matches WHERE need_id = $1 AND status = 'suggested' AND NOT in_need_top AND NOT in_product_top`,
      [needId],
    );
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

  // --- a product: fan out over shards of needs, merge the officer's view ---------------

  private async productChanged(job: Job<FanOutData>, token?: string) {
    const productId = job.data.entityId as string;
    const bounds = await this.shardBounds();
    if ((job.data.step ?? 'fanout') === 'fanout') {
      await this.queue.addBulk(
        bounds.map((b, i) => ({
          name: SHARD_JOBS.productShard,
          data: { productId, ...b },
          opts: {
            jobId: `${job.id}-s${i}`,
            parent: { id: job.id as string, queue: job.queueQualifiedName },
          },
        })),
      );
      await job.updateData({ ...job.data, step: 'merge' });
      if (token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
    }
    const values = Object.values(await job.getChildrenValues<ShardTop>());
    const lists: ProductTopList[][] = values.map((v) => [
      { productId, needs: v.top.map(([needId, , score]) => ({ needId, score })) },
    ]);
    const firmOf = new Map(
      values.flatMap((v) => v.top.map(([needId, firmId]) => [needId, firmId] as const)),
    );
    const [merged] = mergeProductTopLists(lists, this.config.MATCH_TOP_M);
    const products = await this.cache.productsSnapshot(this.db.manager);
    const rows = products.byId.has(productId)
      ? (merged?.needs ?? []).map((n) =>
          this.row(n.needId, firmOf.get(n.needId) as string, productId, n.score, products),
        )
      : [];
    await this.db.transaction(async (em) => {
      await replaceProductView(em, productId, rows);
      await refreshWorkedMatches(
        em,
        { productIds: [productId] },
        (ids) => this.entryMap(em, ids),
        products.byId,
        products.ctx,
      );
    });
    // The officer's view is what the bank waits for; firms' views follow in their own jobs.
    await this.background.addBulk(
      bounds.map((b, i) => ({
        name: SHARD_JOBS.productFirmViews,
        data: { productId, ...b },
        opts: { jobId: `${job.id}-f${i}` },
      })),
    );
    const result = {
      productId,
      matchedNeeds: rows.length,
      matchedFirms: new Set(rows.map((r) => r.firmId)).size,
      eligibleNeeds: values.reduce((s, v) => s + v.eligible, 0),
    };
    await this.finishTracking(job.data.trackingIds ?? [], result);
    await job.updateProgress(100);
    return result;
  }

  /** Ranks one product against a shard of needs; writes nothing. */
  private async productShard(data: { productId: string } & ShardBounds): Promise<ShardTop> {
    const em = this.db.manager;
    const products = await this.cache.productsSnapshot(em);
    const product = products.byId.get(data.productId);
    const shard = this.cache.packedSlice(await this.cache.openNeeds(em), data.lo, data.hi);
    if (!product) return { top: [], eligible: 0 };
    const compiled = compileProducts([product], shard.needs, products.ctx);
    const ranking = rankProductAgainstNeeds(
      shard.needs,
      compiled,
      data.productId,
      this.config.MATCH_TOP_M,
    );
    const firmOf = new Map(shard.entries.map((e) => [e.need.id, e.firm.id]));
    return {
      top: productRankingList(ranking, shard.needs).map((e) => [
        e.needId,
        firmOf.get(e.needId) as string,
        e.score,
      ]),
      eligible: ranking.eligible,
    };
  }

  /**
   * A product's effect on the firms' views of one shard, as differences. With the stored
   * views right before the change, a need's new top K differs only by this product: it
   * enters (pushing out the old K-th) or leaves (letting the next product in).
   */
  private async productFirmViews(data: { productId: string } & ShardBounds) {
    const em = this.db.manager;
    const products = await this.cache.productsSnapshot(em);
    const shard = this.cache.packedSlice(await this.cache.openNeeds(em), data.lo, data.hi);
    const product = products.byId.get(data.productId);
    const eligible = product
      ? productRankingList(
          rankProductAgainstNeeds(
            shard.needs,
            compileProducts([product], shard.needs, products.ctx),
            data.productId,
            shard.entries.length,
          ),
          shard.needs,
        ).map((e) => e.needId)
      : [];
    const stored: { need_id: string }[] = await em.query(
      `SELECT need_id FROM matches WHERE product_id = $1 AND in_need_top
          AND ($2::uuid IS NULL OR need_id >= $2) AND ($3::uuid IS NULL OR need_id < $3)`,
      [data.productId, data.lo, data.hi],
    );
    const wasInView = new Set(stored.map((s) => s.need_id));
    const affected = new Set([...eligible, ...wasInView]);
    const entries = shard.entries.filter((e) => affected.has(e.need.id));
    let entered = 0;
    let left = 0;
    // In slices, yielding between them, so interactive jobs in this process are not held up.
    for (let i = 0; i < entries.length; i += BACKGROUND_SLICE) {
      const { entering, leaving } = this.firmViewDiffs(
        entries.slice(i, i + BACKGROUND_SLICE),
        data.productId,
        wasInView,
        products,
      );
      await this.db.transaction((tx) => applyNeedViewDiffs(tx, entering, leaving));
      entered += entering.length;
      left += leaving.length;
      await yieldToEventLoop();
    }
    return { needs: entries.length, entering: entered, leaving: left };
  }

  private firmViewDiffs(
    entries: NeedEntry[],
    productId: string,
    wasInView: ReadonlySet<string>,
    products: ProductsSnapshot,
  ): { entering: ViewRow[]; leaving: { needId: string; productId: string }[] } {
    const k = this.config.MATCH_TOP_K;
    const set = this.cache.pack(entries, products);
    const lists = needTopLists(
      rankShard(set.needs, set.products, { k: k + 1, m: 0 }),
      set.needs,
      set.products,
    );
    const firmOf = new Map(entries.map((e) => [e.need.id, e.firm.id]));
    const entering: ViewRow[] = [];
    const leaving: { needId: string; productId: string }[] = [];
    for (const { needId, products: ranked } of lists) {
      const firmId = firmOf.get(needId) as string;
      const at = ranked.findIndex((r) => r.productId === productId);
      if (at >= 0 && at < k) {
        entering.push(this.row(needId, firmId, productId, ranked[at].score, products));
        if (ranked.length > k) leaving.push({ needId, productId: ranked[k].productId });
      } else if (wasInView.has(needId)) {
        leaving.push({ needId, productId });
        if (ranked.length >= k) {
          const next = ranked[k - 1];
          entering.push(this.row(needId, firmId, next.productId, next.score, products));
        }
      }
    }
    return { entering, leaving };
  }

  // --- everything: need shards (firm's view) and product shards (officer's view) -------

  private async rematchAll(job: Job<FanOutData>, token?: string) {
    const run = job.id as string;
    if ((job.data.step ?? 'fanout') === 'fanout') {
      const bounds = await this.shardBounds();
      const products = await this.cache.productsSnapshot(this.db.manager);
      const active = products.list.filter((p) => p.status === 'active').map((p) => p.id);
      const chunk = this.config.MATCH_PRODUCT_SHARD_SIZE;
      const parent = { id: run, queue: job.queueQualifiedName };
      await this.background.addBulk([
        ...bounds.map((b, i) => ({
          name: SHARD_JOBS.rematchNeeds,
          data: { run, ...b },
          opts: { jobId: `${run}-n${i}`, parent },
        })),
        ...Array.from({ length: Math.ceil(active.length / chunk) }, (_, i) => ({
          name: SHARD_JOBS.rematchProducts,
          data: { run, productIds: active.slice(i * chunk, (i + 1) * chunk) },
          opts: { jobId: `${run}-p${i}`, parent },
        })),
      ]);
      await job.updateData({ ...job.data, step: 'merge' });
      if (token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
    }
    const products = await this.cache.productsSnapshot(this.db.manager);
    await this.db.transaction(async (em) => {
      await finalizeRun(em, run);
      await refreshWorkedMatches(
        em,
        {},
        (ids) => this.entryMap(em, ids),
        products.byId,
        products.ctx,
      );
    });
    const [counts] = await this.db.query(
      `SELECT count(*)::int AS matches, count(DISTINCT need_id)::int AS needs, count(DISTINCT firm_id)::int AS firms FROM matches`,
    );
    await this.finishTracking(job.data.trackingIds ?? [], counts);
    await job.updateProgress(100);
    return counts;
  }

  private async rematchNeeds(data: { run: string } & ShardBounds) {
    const em = this.db.manager;
    const products = await this.cache.productsSnapshot(em);
    const slice = this.cache.slice(await this.cache.openNeeds(em), data.lo, data.hi);
    let written = 0;
    for (let i = 0; i < slice.length; i += BACKGROUND_SLICE) {
      const rows = this.needViewRows(slice.slice(i, i + BACKGROUND_SLICE), products);
      await this.db.transaction((tx) => upsertView(tx, 'need', rows, data.run));
      written += rows.length;
      await yieldToEventLoop();
    }
    return { needs: slice.length, rows: written };
  }

  private async rematchProducts(data: { run: string; productIds: string[] }) {
    const em = this.db.manager;
    const products = await this.cache.productsSnapshot(em);
    const needs = await this.cache.openNeeds(em);
    const all = this.cache.packAll(needs, products);
    const firmOf = new Map(needs.entries.map((e) => [e.need.id, e.firm.id]));
    const rows: ViewRow[] = [];
    for (const productId of data.productIds) {
      await yieldToEventLoop();
      const ranking = rankProductAgainstNeeds(
        all.needs,
        all.products,
        productId,
        this.config.MATCH_TOP_M,
      );
      for (const n of productRankingList(ranking, all.needs)) {
        rows.push(this.row(n.needId, firmOf.get(n.needId) as string, productId, n.score, products));
      }
    }
    await this.db.transaction((tx) => upsertView(tx, 'product', rows, data.run));
    return { products: data.productIds.length, rows: rows.length };
  }

  // --- helpers --------------------------------------------------------------------

  /** The firm's view (top K) of each entry, through the batch engine. */
  private needViewRows(entries: readonly NeedEntry[], products: ProductsSnapshot): ViewRow[] {
    if (entries.length === 0) return [];
    const set = this.cache.pack(entries, products);
    const result = rankShard(set.needs, set.products, { k: this.config.MATCH_TOP_K, m: 0 });
    const firmOf = new Map(entries.map((e) => [e.need.id, e.firm.id]));
    return needTopLists(result, set.needs, set.products).flatMap((list) =>
      list.products.map((p) =>
        this.row(list.needId, firmOf.get(list.needId) as string, p.productId, p.score, products),
      ),
    );
  }

  private row(
    needId: string,
    firmId: string,
    productId: string,
    score: number,
    products: ProductsSnapshot,
  ): ViewRow {
    return {
      needId,
      firmId,
      productId,
      score,
      bankId: (products.byId.get(productId) as { bankId: string }).bankId,
    };
  }

  private async entryMap(em: EntityManager, ids: string[]): Promise<Map<string, NeedEntry>> {
    const entries = await loadNeedEntries(em, { kind: 'ids', ids });
    return new Map(entries.map((e) => [e.need.id, e]));
  }

  /** Shards of open needs by id: [null, b1), [b1, b2), …, [bn, null), cut from the cached needs. */
  private async shardBounds(): Promise<ShardBounds[]> {
    const size = this.config.MATCH_SHARD_SIZE;
    const { entries } = await this.cache.openNeeds(this.db.manager);
    const cuts: string[] = [];
    for (let i = size; i < entries.length; i += size) cuts.push(entries[i].need.id);
    return [null, ...cuts].map((lo, i) => ({ lo, hi: cuts[i] ?? null }));
  }

  private async withParentProgress<T>(job: Job, work: () => Promise<T>): Promise<T> {
    const result = await work();
    if (job.parent?.id) {
      const parent = await Job.fromId(this.queue, job.parent.id);
      if (parent) {
        const c = await parent.getDependenciesCount();
        const done = (c.processed ?? 0) + 1;
        const total = done + Math.max(0, (c.unprocessed ?? 0) - 1);
        await parent.updateProgress(Math.min(99, Math.floor((100 * done) / Math.max(total, 1))));
      }
    }
    return result;
  }

  private async finishTracking(
    trackingIds: string[],
    result: Record<string, unknown>,
  ): Promise<void> {
    if (trackingIds.length === 0) return;
    await this.db.query(
      'UPDATE matching_jobs SET result = $1, finished_at = now() WHERE id = ANY($2::uuid[])',
      [JSON.stringify(result), trackingIds],
    );
  }
}
