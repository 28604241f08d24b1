import { type MatchContext, type ProductInput } from '@lianrong/matching';
import {
  type CompiledProducts,
  type NeedTopBuffers,
  type ProductTopLists,
  allocateNeedTop,
  compileProducts,
  createProductHeaps,
  drainProductHeaps,
  rankRangeInto,
} from '@lianrong/matching/batch';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { DataSource, type EntityManager } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config';
import { loadMatchContext, loadProducts, needsVersion, productsVersion } from './matching-inputs';
import { type PackedOpenNeeds, loadPackedOpenNeeds, tierDay } from './open-needs-loader';

export interface ProductsSnapshot {
  version: string;
  list: ProductInput[];
  byId: Map<string, ProductInput>;
  ctx: MatchContext;
}

/** Every open need ranked against every active product: both stored views, in memory. */
export interface FullRanking {
  key: string;
  open: PackedOpenNeeds;
  products: CompiledProducts;
  /** The bank of each compiled product. */
  bankOf: string[];
  /** Each need's best K products (the firm's view), slot n × k by packed index. */
  needTop: NeedTopBuffers;
  /** Each product's best M needs over all open needs (the officer's view). */
  productTop: ProductTopLists;
  /**
   * The officer's views turned around: need n is held by the products
   * heldProduct[heldStart[n] … heldStart[n + 1] − 1], with those pairs' centipoints.
   */
  heldStart: Int32Array;
  heldProduct: Int32Array;
  heldCentipoints: Int32Array;
  /** Wall milliseconds spent ranking (not reading). */
  rankMs: number;
  /** When the ranking was ready (epoch milliseconds). */
  rankedAt: number;
}

/** Needs ranked between two yields to the event loop: this process also runs interactive jobs. */
const RANK_CHUNK = 20_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * What a worker keeps between jobs: all products (small, read by every job), all open
 * needs packed (large, read by fan-out shards and the officer's view), and the full
 * ranking a rematch writes from. Each is keyed by a cheap version read from Postgres at
 * the start of a job, so a stale copy is never used; concurrent callers share one load.
 */
@Injectable()
export class MatchingCache implements OnApplicationBootstrap {
  private readonly logger = new Logger(MatchingCache.name);
  private products?: ProductsSnapshot;
  private needs?: { key: string; promise: Promise<PackedOpenNeeds> };
  private compiledAll?: { key: string; value: CompiledProducts };
  private ranked?: { key: string; promise: Promise<FullRanking> };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  /**
   * Reads the open needs as the worker starts rather than on the first product published
   * after it: at 1M open needs that read takes 10–25 s (bench:pipeline), which the officer of
   * the first product after a deploy or a restart would otherwise wait for.
   */
  onApplicationBootstrap(): void {
    this.openNeeds().then(
      (open) =>
        this.logger.log(
          `open needs read ahead: ${open.firmOf.length} needs of ${open.firmCount} firms in ${(open.loadMs / 1000).toFixed(1)} s`,
        ),
      (e: unknown) =>
        this.logger.warn(`open needs not read ahead; the first job reads them: ${String(e)}`),
    );
  }

  async productsSnapshot(em: EntityManager): Promise<ProductsSnapshot> {
    const version = await productsVersion(em);
    if (this.products?.version !== version) {
      const [list, ctx] = await Promise.all([loadProducts(em), loadMatchContext(em)]);
      this.products = { version, list, byId: new Map(list.map((p) => [p.id, p])), ctx };
    }
    return this.products;
  }

  /** All open needs, packed; reloaded when the needs' side changed or the day turned. */
  async openNeeds(): Promise<PackedOpenNeeds> {
    const key = `${await needsVersion(this.db.manager)}/${tierDay(new Date())}`;
    if (this.needs?.key !== key) {
      const promise = loadPackedOpenNeeds(this.db);
      this.needs = { key, promise };
      // A failed load is not kept: the next caller tries again.
      promise.catch(() => {
        if (this.needs?.promise === promise) this.needs = undefined;
      });
    }
    return this.needs.promise;
  }

  /** Every product compiled against the needs' dictionaries. */
  compiled(open: PackedOpenNeeds, products: ProductsSnapshot): CompiledProducts {
    const key = `${open.key}|${products.version}`;
    if (this.compiledAll?.key !== key)
      this.compiledAll = { key, value: compileProducts(products.list, open.needs, products.ctx) };
    return this.compiledAll.value;
  }

  /** Both views for every open need and product, computed once per needs and products version. */
  async ranking(): Promise<FullRanking> {
    const products = await this.productsSnapshot(this.db.manager);
    const open = await this.openNeeds();
    const key = `${open.key}|${products.version}`;
    if (this.ranked?.key !== key) {
      const promise = this.rank(key, open, products);
      this.ranked = { key, promise };
      promise.catch(() => {
        if (this.ranked?.promise === promise) this.ranked = undefined;
      });
    }
    return this.ranked.promise;
  }

  private async rank(
    key: string,
    open: PackedOpenNeeds,
    products: ProductsSnapshot,
  ): Promise<FullRanking> {
    const started = performance.now();
    const compiled = this.compiled(open, products);
    const k = this.config.MATCH_TOP_K;
    const m = this.config.MATCH_TOP_M;
    const count = open.needs.columns.count;
    const needTop = allocateNeedTop(count, k);
    const heaps = createProductHeaps(compiled.columns.count, m);
    // In chunks, yielding between them, so the worker's other jobs and its lock renewals run.
    for (let start = 0; start < count; start += RANK_CHUNK) {
      rankRangeInto(
        open.needs.columns,
        compiled.columns,
        start,
        Math.min(count, start + RANK_CHUNK),
        k,
        heaps,
        needTop,
        0,
      );
      await yieldToEventLoop();
    }
    const productTop = drainProductHeaps(heaps);
    const heldStart = new Int32Array(count + 1);
    for (let i = 0; i < productTop.need.length; i++) heldStart[productTop.need[i] + 1]++;
    for (let n = 0; n < count; n++) heldStart[n + 1] += heldStart[n];
    const fill = heldStart.slice(0, count);
    const heldProduct = new Int32Array(productTop.need.length);
    const heldCentipoints = new Int32Array(productTop.need.length);
    for (let p = 0; p < compiled.ids.length; p++) {
      for (let i = productTop.offsets[p]; i < productTop.offsets[p + 1]; i++) {
        const slot = fill[productTop.need[i]]++;
        heldProduct[slot] = p;
        heldCentipoints[slot] = productTop.centipoints[i];
      }
    }
    const bankOf = compiled.ids.map((id) => (products.byId.get(id) as ProductInput).bankId);
    return {
      key,
      open,
      products: compiled,
      bankOf,
      needTop,
      productTop,
      heldStart,
      heldProduct,
      heldCentipoints,
      rankMs: performance.now() - started,
      rankedAt: Date.now(),
    };
  }
}

/** Positions [start, end) in need-id order of the open needs with lo ≤ id < hi (null = unbounded). */
export function idRange(
  open: PackedOpenNeeds,
  lo: string | null,
  hi: string | null,
): { start: number; end: number } {
  return {
    start: lo === null ? 0 : lowerBound(open, lo),
    end: hi === null ? open.byId.length : lowerBound(open, hi),
  };
}

/** The packed index of an open need, or -1. */
export function packedIndexOf(open: PackedOpenNeeds, id: string): number {
  const at = lowerBound(open, id);
  const n = at < open.byId.length ? open.byId[at] : -1;
  return n >= 0 && open.needs.ids[n] === id ? n : -1;
}

function lowerBound(open: PackedOpenNeeds, id: string): number {
  const ids = open.needs.ids;
  const byId = open.byId;
  let lo = 0;
  let hi = byId.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[byId[mid]] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
