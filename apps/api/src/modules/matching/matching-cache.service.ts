import { type MatchContext, type ProductInput } from '@lianrong/matching';
import {
  type CompiledProducts,
  type NeedEntry,
  type PackedNeeds,
  compileProducts,
  packNeeds,
} from '@lianrong/matching/batch';
import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import {
  loadMatchContext,
  loadNeedEntries,
  loadProducts,
  needsVersion,
  productsVersion,
} from './matching-inputs';

export interface ProductsSnapshot {
  version: string;
  list: ProductInput[];
  byId: Map<string, ProductInput>;
  ctx: MatchContext;
}

export interface NeedsSnapshot {
  version: string;
  /** Open needs sorted by need id, so a shard [lo, hi) is a slice. */
  entries: NeedEntry[];
}

export interface PackedSet {
  needs: PackedNeeds;
  products: CompiledProducts;
}

/**
 * What a worker keeps between jobs: all products (small, read by every job) and all open
 * needs with their firms (large, read by fan-out shards). Each is keyed by a cheap version
 * read from Postgres at the start of a job, so a stale copy is never used.
 */
@Injectable()
export class MatchingCache {
  private products?: ProductsSnapshot;
  private needs?: NeedsSnapshot;
  private packedAll?: { key: string; set: PackedSet };
  /** Packed shards of the current needs version; products are compiled per job. */
  private readonly packedSlices = new Map<string, { needs: PackedNeeds; entries: NeedEntry[] }>();

  async productsSnapshot(em: EntityManager): Promise<ProductsSnapshot> {
    const version = await productsVersion(em);
    if (this.products?.version !== version) {
      const [list, ctx] = await Promise.all([loadProducts(em), loadMatchContext(em)]);
      this.products = { version, list, byId: new Map(list.map((p) => [p.id, p])), ctx };
    }
    return this.products;
  }

  async openNeeds(em: EntityManager): Promise<NeedsSnapshot> {
    const version = await needsVersion(em);
    if (this.needs?.version !== version) {
      this.needs = { version, entries: await loadNeedEntries(em, { kind: 'open' }) };
      this.packedAll = undefined;
      this.packedSlices.clear();
    }
    return this.needs;
  }

  /** Open needs with lo ≤ id < hi (null = unbounded). */
  slice(needs: NeedsSnapshot, lo: string | null, hi: string | null): NeedEntry[] {
    const first = lo === null ? 0 : lowerBound(needs.entries, lo);
    const end = hi === null ? needs.entries.length : lowerBound(needs.entries, hi);
    return needs.entries.slice(first, end);
  }

  /** The shard [lo, hi) packed once per needs version. */
  packedSlice(
    needs: NeedsSnapshot,
    lo: string | null,
    hi: string | null,
  ): { needs: PackedNeeds; entries: NeedEntry[] } {
    const key = `${needs.version}/${lo}/${hi}`;
    let hit = this.packedSlices.get(key);
    if (!hit) {
      const entries = this.slice(needs, lo, hi);
      hit = { needs: packNeeds(entries), entries };
      this.packedSlices.set(key, hit);
    }
    return hit;
  }

  pack(entries: readonly NeedEntry[], products: ProductsSnapshot): PackedSet {
    const needs = packNeeds(entries);
    return { needs, products: compileProducts(products.list, needs, products.ctx) };
  }

  /** All open needs packed once per (needs, products) version. */
  packAll(needs: NeedsSnapshot, products: ProductsSnapshot): PackedSet {
    const key = `${needs.version}/${products.version}`;
    if (this.packedAll?.key !== key)
      this.packedAll = { key, set: this.pack(needs.entries, products) };
    return this.packedAll.set;
  }
}

function lowerBound(entries: readonly NeedEntry[], id: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid].need.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
