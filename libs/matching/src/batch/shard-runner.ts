import { CHAIN_CENTIPOINTS, SCORE_WEIGHTS, centipoints, fitValue } from '../score';
import { heapDrainDescending, heapOffer } from './bounded-heap';
import { CHAIN_LEAD_BANK, CHAIN_MEMBER, type CompiledProducts } from './compile-products';
import { NEED_OPEN, NEED_WHITELISTED, blockOf, type PackedNeeds } from './pack-needs';
import { COLLATERALS, PURPOSES, TIERS } from '../types';
import {
  KEY_SCALE,
  allocateNeedTop,
  createProductHeaps,
  drainProductHeaps,
  heapKey,
  keyCentipoints,
  rankRangeInto,
  type NeedTopBuffers,
  type ProductHeaps,
  type ProductTopLists,
} from './rank-range';

// The surface a queue worker calls: rank a shard (a range of packed needs) in both views,
// turn the result into id lists, and merge per-product lists from many shards.

export const DEFAULT_TOP_K = 10;
export const DEFAULT_TOP_M = 1000;

export type NeedRange = { start: number; end: number };

export type ShardOptions = {
  /** Best products kept per need (the firm's view); DESIGN default 10. */
  k?: number;
  /** Best needs kept per product (the officer's view); DESIGN default 1,000; 0 skips it. */
  m?: number;
  /** Needs [start, end) of the packed set; default all of them. */
  range?: NeedRange;
};

export type ShardResult = {
  range: NeedRange;
  /** Slots are indexed from range.start: need n's list is at (n − range.start) × k. */
  needTop: NeedTopBuffers;
  productTop: ProductTopLists;
  eligiblePairs: number;
};

export type ScoredProduct = { productId: string; score: number };
export type ScoredNeed = { needId: string; score: number };
export type NeedTopList = { needId: string; products: ScoredProduct[] };
export type ProductTopList = { productId: string; needs: ScoredNeed[] };

function checkRange(needs: PackedNeeds, range: NeedRange | undefined): NeedRange {
  const r = range ?? { start: 0, end: needs.columns.count };
  if (!(r.start >= 0 && r.start <= r.end && r.end <= needs.columns.count)) {
    throw new RangeError(`need range [${r.start}, ${r.end}) outside 0…${needs.columns.count}`);
  }
  return r;
}

/** Both views for one shard; equal to rankForNeed per need and to ranking each product's eligible needs of the shard. */
export function rankShard(needs: PackedNeeds, products: CompiledProducts, options: ShardOptions = {}): ShardResult {
  const range = checkRange(needs, options.range);
  const k = options.k ?? DEFAULT_TOP_K;
  const m = options.m ?? DEFAULT_TOP_M;
  const needTop = allocateNeedTop(range.end - range.start, k);
  const heaps = createProductHeaps(products.columns.count, m);
  const eligiblePairs = rankRangeInto(needs.columns, products.columns, range.start, range.end, k, heaps, needTop, range.start);
  return { range, needTop, productTop: drainProductHeaps(heaps), eligiblePairs };
}

/** The firm's view of need `needIndex` (a packed index inside the result's range). */
export function needTopOf(result: ShardResult, needs: PackedNeeds, products: CompiledProducts, needIndex: number): ScoredProduct[] {
  const { needTop, range } = result;
  const local = needIndex - range.start;
  const list: ScoredProduct[] = [];
  for (let j = 0; j < needTop.count[local]; j++) {
    const slot = local * needTop.k + j;
    list.push({ productId: products.ids[needTop.product[slot]], score: needTop.centipoints[slot] / 100 });
  }
  return list;
}

export function needTopLists(result: ShardResult, needs: PackedNeeds, products: CompiledProducts): NeedTopList[] {
  const lists: NeedTopList[] = [];
  for (let n = result.range.start; n < result.range.end; n++) {
    lists.push({ needId: needs.ids[n], products: needTopOf(result, needs, products, n) });
  }
  return lists;
}

/** The officer's view with ids, one entry per active product (empty lists included). */
export function productTopLists(
  top: ProductTopLists,
  needs: PackedNeeds,
  products: CompiledProducts,
): ProductTopList[] {
  const lists: ProductTopList[] = [];
  for (let p = 0; p < products.ids.length; p++) {
    const entries: ScoredNeed[] = [];
    for (let i = top.offsets[p]; i < top.offsets[p + 1]; i++) {
      entries.push({ needId: needs.ids[top.need[i]], score: top.centipoints[i] / 100 });
    }
    lists.push({ productId: products.ids[p], needs: entries });
  }
  return lists;
}

function compareScoredNeeds(a: ScoredNeed, b: ScoredNeed): number {
  return b.score - a.score || (a.needId < b.needId ? -1 : a.needId > b.needId ? 1 : 0);
}

/**
 * Merges per-product lists from shards (each already its shard's best M) into the global
 * best M: score descending, then need id ascending — the order of ranking the product's
 * eligible needs one by one. Shards may list products in any order or omit them.
 */
export function mergeProductTopLists(shards: readonly (readonly ProductTopList[])[], m: number): ProductTopList[] {
  const byProduct = new Map<string, ScoredNeed[]>();
  for (const shard of shards) {
    for (const list of shard) {
      const acc = byProduct.get(list.productId);
      if (acc === undefined) byProduct.set(list.productId, [...list.needs]);
      else for (const e of list.needs) acc.push(e);
    }
  }
  const merged: ProductTopList[] = [];
  for (const [productId, entries] of byProduct) {
    entries.sort(compareScoredNeeds);
    merged.push({ productId, needs: entries.slice(0, m) });
  }
  return merged.sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

/**
 * Merges index-level per-product lists of shards that share one packing (the
 * worker-thread runner). Each part is sorted best first, so a T-way walk suffices; ties
 * break on the packed id rank, i.e. on need id.
 */
export function mergeProductTops(needs: PackedNeeds, parts: readonly ProductTopLists[], m: number): ProductTopLists {
  const productCount = parts.length === 0 ? 0 : parts[0].offsets.length - 1;
  const rank = needs.columns.idRank;
  const offsets = new Int32Array(productCount + 1);
  let total = 0;
  for (let p = 0; p < productCount; p++) {
    let available = 0;
    for (const part of parts) available += part.offsets[p + 1] - part.offsets[p];
    total += Math.min(m, available);
    offsets[p + 1] = total;
  }
  const needOut = new Int32Array(total);
  const cpOut = new Int32Array(total);
  const cursor = new Int32Array(parts.length);
  for (let p = 0; p < productCount; p++) {
    parts.forEach((part, t) => (cursor[t] = part.offsets[p]));
    for (let slot = offsets[p]; slot < offsets[p + 1]; slot++) {
      let bestPart = -1;
      let bestKey = -Infinity;
      for (let t = 0; t < parts.length; t++) {
        const part = parts[t];
        const i = cursor[t];
        if (i >= part.offsets[p + 1]) continue;
        const key = heapKey(part.centipoints[i], rank[part.need[i]]);
        if (key > bestKey) {
          bestKey = key;
          bestPart = t;
        }
      }
      const part = parts[bestPart];
      needOut[slot] = part.need[cursor[bestPart]];
      cpOut[slot] = part.centipoints[cursor[bestPart]];
      cursor[bestPart]++;
    }
  }
  return { m, offsets, need: needOut, centipoints: cpOut };
}

const noHeaps = new WeakMap<CompiledProducts, ProductHeaps>();

// Interactive calls rank one need thousands of times; reuse the empty (m = 0) heaps.
function noHeapsFor(products: CompiledProducts): ProductHeaps {
  let h = noHeaps.get(products);
  if (h === undefined) {
    h = createProductHeaps(products.columns.count, 0);
    noHeaps.set(products, h);
  }
  return h;
}

/** The firm's view for one packed need against all compiled products (interactive use). */
export function rankNeedAgainstProducts(
  needs: PackedNeeds,
  products: CompiledProducts,
  needIndex: number,
  k = DEFAULT_TOP_K,
): ScoredProduct[] {
  const out = allocateNeedTop(1, k);
  rankRangeInto(needs.columns, products.columns, needIndex, needIndex + 1, k, noHeapsFor(products), out, needIndex);
  const list: ScoredProduct[] = [];
  for (let j = 0; j < out.count[0]; j++) {
    list.push({ productId: products.ids[out.product[j]], score: out.centipoints[j] / 100 });
  }
  return list;
}

export type ProductRanking = {
  /** Packed need indices, best first. */
  need: Int32Array;
  centipoints: Int32Array;
  /** All eligible needs in the range, not just the m kept. */
  eligible: number;
};

/**
 * One product against the packed needs (the officer's view on demand): only the blocks
 * its tier, purposes and collateral admit, only their needs within its amount range, with
 * the product's table rows copied out so they stay in cache.
 */
export function rankProductAgainstNeeds(
  needs: PackedNeeds,
  products: CompiledProducts,
  productId: string,
  m = DEFAULT_TOP_M,
  range?: NeedRange,
): ProductRanking {
  const r = checkRange(needs, range);
  const p = products.indexById.get(productId);
  if (p === undefined) return { need: new Int32Array(0), centipoints: new Int32Array(0), eligible: 0 };
  const pc = products.columns;
  const P = pc.count;
  // The product's bit in each dictionary row, as a byte column indexed by dictionary id.
  const word = p >> 5;
  const bit = 1 << (p & 31);
  const column = (rowOffsets: Int32Array): Uint8Array =>
    Uint8Array.from(rowOffsets, (offset) => ((pc.rows[offset + word] & bit) !== 0 ? 1 : 0));
  const regionCol = column(pc.regionRow);
  const sectorCol = column(pc.sectorRow);
  const supplyCol = column(pc.supplyRow);
  const chainCol = Uint8Array.from(pc.chainMemberRow, (_, c) => pc.chainBits[c * P + p]);
  let minTier = 0;
  while (pc.groupStart[minTier + 1] <= p) minTier++;
  const amountMin = pc.amountMin[p];
  const amountMax = pc.amountMax[p];
  const termMin = pc.termMin[p];
  const termMax = pc.termMax[p];
  const rateMin = pc.rateMinBps[p];
  const purposeMask = pc.purposeMask[p];
  const collateralMask = pc.collateralMask[p];
  const needWl = pc.requiresWhitelist[p] === 1 ? NEED_WHITELISTED : 0;
  const minRevenue = pc.minRevenue[p];
  const minRd = pc.minRdIntensity[p];
  const maxDebt = pc.maxDebtRatio[p];
  const minPatents = pc.minPatents[p];
  const minYears = pc.minYearsInNiche[p];
  const fitWeight = SCORE_WEIGHTS.fit;

  const c = needs.columns;
  const flags = c.flags;
  const amounts = c.amount;
  const terms = c.term;
  const rates = c.maxRateBps;
  const regions = c.regionId;
  const industries = c.industryId;
  const chainSets = c.chainSetId;
  const supplierSets = c.supplierSetId;
  const revenues = c.revenue;
  const rds = c.rdIntensity;
  const debts = c.debtRatio;
  const patentsCol = c.patents;
  const yearsCol = c.yearsInNiche;
  const firmCps = c.firmCentipoints;
  const wcs = c.workingCapitalValue;
  const ranks = c.idRank;

  const keys = new Float64Array(Math.max(1, m));
  const heapNeeds = new Int32Array(Math.max(1, m));
  let size = 0;
  let eligible = 0;
  const blockStart = needs.blockStart;
  for (let t = minTier; t < TIERS.length; t++) {
    for (let pi = 0; pi < PURPOSES.length; pi++) {
      if ((purposeMask & (1 << pi)) === 0) continue;
      for (let ci = 0; ci < COLLATERALS.length; ci++) {
        if ((collateralMask & (1 << ci)) === 0) continue;
        const b = blockOf(t, pi, ci);
        const blockEnd = Math.min(blockStart[b + 1], r.end);
        // Amounts ascend within a block: find the first need at or above amountMin.
        let lo = Math.max(blockStart[b], r.start);
        let hi = blockEnd;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (amounts[mid] < amountMin) lo = mid + 1;
          else hi = mid;
        }
        for (let n = lo; n < blockEnd; n++) {
          const amount = amounts[n];
          if (amount > amountMax) break;
          const f = flags[n];
          if ((f & NEED_OPEN) === 0 || (f & needWl) !== needWl) continue;
          const term = terms[n];
          const rate = rates[n];
          if (term < termMin || term > termMax || rateMin > rate) continue;
          if (regionCol[regions[n]] === 0) continue;
          const cb = chainCol[chainSets[n]];
          if ((sectorCol[industries[n]] | (cb & CHAIN_MEMBER)) === 0) continue;
          if (
            revenues[n] < minRevenue ||
            rds[n] < minRd ||
            debts[n] > maxDebt ||
            patentsCol[n] < minPatents ||
            yearsCol[n] < minYears ||
            supplyCol[supplierSets[n]] === 0
          ) {
            continue;
          }
          eligible++;
          if (m === 0) continue;
          const wl = (f & NEED_WHITELISTED) !== 0 ? 1 : 0;
          const fit = fitValue(amount, amountMin, amountMax, term, termMin, termMax, rate, rateMin, wcs[n]);
          const cp =
            firmCps[n] +
            centipoints(fitWeight, fit) +
            CHAIN_CENTIPOINTS[((cb & CHAIN_MEMBER) << 2) | (cb & CHAIN_LEAD_BANK) | wl];
          const key = cp * KEY_SCALE + (KEY_SCALE - 1 - ranks[n]);
          size = heapOffer(keys, heapNeeds, 0, size, m, key, n);
        }
      }
    }
  }
  return drainSingleHeap(keys, heapNeeds, size, eligible);
}

function drainSingleHeap(keys: Float64Array, ids: Int32Array, size: number, eligible: number): ProductRanking {
  const outKeys = new Float64Array(size);
  const need = new Int32Array(size);
  heapDrainDescending(keys, ids, 0, size, outKeys, need, 0);
  return { need, centipoints: Int32Array.from(outKeys, keyCentipoints), eligible };
}

export function productRankingList(ranking: ProductRanking, needs: PackedNeeds): ScoredNeed[] {
  return Array.from(ranking.need, (n, i) => ({ needId: needs.ids[n], score: ranking.centipoints[i] / 100 }));
}
