import fc from 'fast-check';
import {
  compileProducts,
  mergeProductTopLists,
  mergeProductTops,
  needTopOf,
  packNeeds,
  productRankingList,
  productTopLists,
  rankAllParallel,
  rankNeedAgainstProducts,
  rankProductAgainstNeeds,
  rankShard,
  type ProductTopList,
} from '../batch';
import { rankForNeed, rankNeedsForProduct } from '../index';
import { syntheticData } from '../../testing';
import { worldArb, type World } from './arbitraries';

// Differential tests: the columnar engine against the scalar rules, on random worlds.

const K = 4;
const M = 3;

function scalarNeedTops(w: World, k: number) {
  return new Map(
    w.entries.map((e) => [
      e.need.id,
      rankForNeed(e.firm, e.need, w.products, k, w.ctx).map(({ productId, score }) => ({ productId, score })),
    ]),
  );
}

function scalarProductTops(w: World, m: number): ProductTopList[] {
  return w.products
    .filter((p) => p.status === 'active')
    .map((p) => ({ productId: p.id, needs: rankNeedsForProduct(w.entries, p, m, w.ctx) }))
    .sort((a, b) => (a.productId < b.productId ? -1 : 1));
}

const byProductId = (lists: ProductTopList[]) => [...lists].sort((a, b) => (a.productId < b.productId ? -1 : 1));

describe('batch engine ≡ scalar rules', () => {
  it('per need: top K equals rankForNeed; per product: top M equals ranking its eligible needs one by one', () => {
    fc.assert(
      fc.property(worldArb(24, 16), (w) => {
        const packed = packNeeds(w.entries);
        const compiled = compileProducts(w.products, packed, w.ctx);
        const result = rankShard(packed, compiled, { k: K, m: M });
        const expected = scalarNeedTops(w, K);
        for (let n = 0; n < packed.ids.length; n++) {
          expect(needTopOf(result, packed, compiled, n)).toEqual(expected.get(packed.ids[n]));
        }
        expect(byProductId(productTopLists(result.productTop, packed, compiled))).toEqual(scalarProductTops(w, M));
      }),
      { numRuns: 120 },
    );
  });

  it('shards of one packing, merged, equal the whole; so do separately packed shards merged by id', () => {
    fc.assert(
      fc.property(worldArb(24, 12), fc.integer({ min: 1, max: 4 }), (w, shards) => {
        const packed = packNeeds(w.entries);
        const compiled = compileProducts(w.products, packed, w.ctx);
        const N = packed.ids.length;
        const cuts = Array.from({ length: shards + 1 }, (_, i) => Math.floor((N * i) / shards));
        const parts = cuts.slice(1).map((end, i) => rankShard(packed, compiled, { k: K, m: M, range: { start: cuts[i], end } }));
        const merged = mergeProductTops(packed, parts.map((p) => p.productTop), M);
        const expected = scalarProductTops(w, M);
        expect(byProductId(productTopLists(merged, packed, compiled))).toEqual(expected);

        // A queue worker packs only its shard's needs (a slice of the input) and merges by id.
        const perShard = cuts.slice(1).map((end, i) => {
          const slice = w.entries.slice(cuts[i], end);
          const sp = packNeeds(slice);
          const sc = compileProducts(w.products, sp, w.ctx);
          return productTopLists(rankShard(sp, sc, { k: K, m: M }).productTop, sp, sc);
        });
        expect(mergeProductTopLists(perShard, M)).toEqual(expected);
      }),
      { numRuns: 80 },
    );
  });

  it('single product against all needs and single need against all products agree with the scalar path', () => {
    fc.assert(
      fc.property(worldArb(30, 10), (w) => {
        const packed = packNeeds(w.entries);
        const compiled = compileProducts(w.products, packed, w.ctx);
        for (const p of w.products) {
          const ranking = rankProductAgainstNeeds(packed, compiled, p.id, M);
          const scalar = rankNeedsForProduct(w.entries, p, Number.MAX_SAFE_INTEGER, w.ctx);
          expect(productRankingList(ranking, packed)).toEqual(scalar.slice(0, M));
          expect(ranking.eligible).toBe(p.status === 'active' ? scalar.length : 0);
        }
        const expected = scalarNeedTops(w, K);
        for (let n = 0; n < packed.ids.length; n++) {
          expect(rankNeedAgainstProducts(packed, compiled, n, K)).toEqual(expected.get(packed.ids[n]));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('agrees on realistic synthetic data (1,500 needs × 300 products, K 10, M 50)', () => {
    const d = syntheticData(11, 1500, 300);
    const packed = packNeeds(d.entries);
    const compiled = compileProducts(d.products, packed, d.ctx);
    const result = rankShard(packed, compiled, { k: 10, m: 50 });
    expect(result.eligiblePairs).toBeGreaterThan(1500 * 300 * 0.02);
    const expected = scalarNeedTops(d, 10);
    for (let n = 0; n < packed.ids.length; n++) {
      expect(needTopOf(result, packed, compiled, n)).toEqual(expected.get(packed.ids[n]));
    }
    expect(byProductId(productTopLists(result.productTop, packed, compiled))).toEqual(scalarProductTops(d, 50));
  });

  it('rejects a range outside the packed needs', () => {
    const d = syntheticData(3, 10, 5);
    const packed = packNeeds(d.entries);
    const compiled = compileProducts(d.products, packed, d.ctx);
    expect(() => rankShard(packed, compiled, { range: { start: 5, end: 11 } })).toThrow(RangeError);
  });
});

describe('worker_threads runner', () => {
  it('equals the single-thread shard on every need and product', async () => {
    const d = syntheticData(5, 3000, 200);
    const packed = packNeeds(d.entries, { shared: true });
    const compiled = compileProducts(d.products, packed, d.ctx);
    const single = rankShard(packed, compiled, { k: 10, m: 40 });
    const parallel = await rankAllParallel(packed, compiled, { k: 10, m: 40, threads: 2 });
    expect(parallel.threads).toBe(2);
    expect(parallel.eligiblePairs).toBe(single.eligiblePairs);
    expect(Array.from(parallel.needTop.count)).toEqual(Array.from(single.needTop.count));
    expect(Array.from(parallel.needTop.product)).toEqual(Array.from(single.needTop.product));
    expect(Array.from(parallel.needTop.centipoints)).toEqual(Array.from(single.needTop.centipoints));
    expect(productTopLists(parallel.productTop, packed, compiled)).toEqual(productTopLists(single.productTop, packed, compiled));
    // And against the scalar officer's view, across the threads' merged lists.
    expect(byProductId(productTopLists(parallel.productTop, packed, compiled))).toEqual(scalarProductTops(d, 40));
  }, 30_000);
});
