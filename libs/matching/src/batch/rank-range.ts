import { CHAIN_CENTIPOINTS, SCORE_WEIGHTS, centipoints, fitValue } from '../score';
import { CHAIN_LEAD_BANK, CHAIN_MEMBER, thresholdRow, type ProductColumns } from './compile-products';
import { heapDrainDescending, heapOffer } from './bounded-heap';
import { NEED_OPEN, NEED_WHITELISTED, blockOf, type NeedColumns } from './pack-needs';

// The hot loop. A heap key packs score and tie-break into one float64 — centipoints ×
// 2^32 plus (2^32 − 1 − idRank) — exact below 2^53, so one comparison orders by score
// descending, then id ascending, in both views.

export const KEY_SCALE = 4294967296;

export function heapKey(cp: number, idRank: number): number {
  return cp * KEY_SCALE + (KEY_SCALE - 1 - idRank);
}

export function keyCentipoints(key: number): number {
  return Math.floor(key / KEY_SCALE);
}

/** Per need of a range, its best K products (compiled indices), best first. */
export type NeedTopBuffers = {
  k: number;
  /** Slot (need − base) × k + j. */
  product: Int32Array;
  centipoints: Int32Array;
  /** How many of the k slots of each need are filled. */
  count: Int32Array;
};

/** Per compiled product, its best M needs (packed indices) in the range, best first. */
export type ProductTopLists = {
  m: number;
  /** Product p's entries are offsets[p] … offsets[p + 1] − 1. */
  offsets: Int32Array;
  need: Int32Array;
  centipoints: Int32Array;
};

export function allocateNeedTop(needCount: number, k: number, shared = false): NeedTopBuffers {
  const make = (len: number): Int32Array =>
    shared ? new Int32Array(new SharedArrayBuffer(len * 4)) : new Int32Array(len);
  return { k, product: make(needCount * k), centipoints: make(needCount * k), count: make(needCount) };
}

/** Per-product bounded min-heaps, kept across ranges so one thread can take many chunks. */
export type ProductHeaps = { m: number; keys: Float64Array; need: Int32Array; size: Int32Array; min: Float64Array };

export function createProductHeaps(products: number, m: number): ProductHeaps {
  const min = new Float64Array(products);
  // With m = 0 nothing ever beats +∞, so the hot loop needs no separate flag.
  min.fill(m > 0 ? -Infinity : Infinity);
  return { m, keys: new Float64Array(products * m), need: new Int32Array(products * m), size: new Int32Array(products), min };
}

function offerToProduct(h: ProductHeaps, p: number, key: number, need: number): void {
  const base = p * h.m;
  const size = heapOffer(h.keys, h.need, base, h.size[p], h.m, key, need);
  h.size[p] = size;
  // The cached root lets the hot loop reject most candidates without touching the heap.
  if (size === h.m) h.min[p] = h.keys[base];
}

/** Empties the heaps into best-first lists (the heaps are left empty). */
export function drainProductHeaps(h: ProductHeaps): ProductTopLists {
  const productCount = h.size.length;
  const offsets = new Int32Array(productCount + 1);
  for (let p = 0; p < productCount; p++) offsets[p + 1] = offsets[p] + h.size[p];
  const total = offsets[productCount];
  const keys = new Float64Array(total);
  const need = new Int32Array(total);
  for (let p = 0; p < productCount; p++) {
    heapDrainDescending(h.keys, h.need, p * h.m, h.size[p], keys, need, offsets[p]);
    h.size[p] = 0;
    h.min[p] = h.m > 0 ? -Infinity : Infinity;
  }
  const cps = new Int32Array(total);
  for (let i = 0; i < total; i++) cps[i] = keyCentipoints(keys[i]);
  return { m: h.m, offsets, need, centipoints: cps };
}

/**
 * Ranks needs [start, end) against every compiled product: writes each need's best k into
 * `out` at slot (need − outBase) × k, offers every eligible pair to `heaps` (the
 * officer's view), and returns the number of eligible pairs.
 */
export function rankRangeInto(
  needs: NeedColumns,
  products: ProductColumns,
  start: number,
  end: number,
  k: number,
  heaps: ProductHeaps,
  out: NeedTopBuffers,
  outBase: number,
): number {
  const P = products.count;
  const W = products.words;
  const rows = products.rows;
  const blockRow = products.blockRow;
  const regionRow = products.regionRow;
  const sectorRow = products.sectorRow;
  const chainMemberRow = products.chainMemberRow;
  const supplyRow = products.supplyRow;
  const whitelistRow = products.whitelistRow;
  const amountMinRows = products.amountMinRows;
  const amountMaxRows = products.amountMaxRows;
  const termMinRows = products.termMinRows;
  const termMaxRows = products.termMaxRows;
  const rateMinRows = products.rateMinRows;
  const minRevenueRows = products.minRevenueRows;
  const minRdRows = products.minRdRows;
  const maxDebtRows = products.maxDebtRows;
  const minPatentsRows = products.minPatentsRows;
  const minYearsRows = products.minYearsRows;
  const pAmountMin = products.amountMin;
  const pAmountMax = products.amountMax;
  const pTermMin = products.termMin;
  const pTermMax = products.termMax;
  const pRateMin = products.rateMinBps;
  const pRank = products.idRank;
  const chainBits = products.chainBits;

  const flags = needs.flags;
  const tiers = needs.tier;
  const nAmount = needs.amount;
  const nTerm = needs.term;
  const nRate = needs.maxRateBps;
  const nPurpose = needs.purposeBit;
  const nCollateral = needs.collateralBit;
  const nRegion = needs.regionId;
  const nIndustry = needs.industryId;
  const nChainSet = needs.chainSetId;
  const nSupplierSet = needs.supplierSetId;
  const nRevenue = needs.revenue;
  const nRd = needs.rdIntensity;
  const nDebt = needs.debtRatio;
  const nPatents = needs.patents;
  const nYears = needs.yearsInNiche;
  const nFirmCp = needs.firmCentipoints;
  const nWc = needs.workingCapitalValue;
  const nRank = needs.idRank;

  const fitWeight = SCORE_WEIGHTS.fit;
  const heapMin = heaps.min;
  const topKeys = new Float64Array(Math.max(1, k));
  const topProducts = new Int32Array(Math.max(1, k));
  const outProduct = out.product;
  const outCp = out.centipoints;
  const outCount = out.count;
  let eligiblePairs = 0;

  for (let n = start; n < end; n++) {
    let size = 0;
    const f = flags[n];
    if ((f & NEED_OPEN) !== 0) {
      const amount = nAmount[n];
      const term = nTerm[n];
      const rate = nRate[n];
      const wl = (f & NEED_WHITELISTED) !== 0 ? 1 : 0;
      const chainRow = nChainSet[n] * P;
      const firmCp = nFirmCp[n];
      const wc = nWc[n];
      const needKeyTail = KEY_SCALE - 1 - nRank[n];
      // The need's rows: each a bitset of the products one rule admits.
      const rBlock = blockRow[blockOf(tiers[n], 31 - Math.clz32(nPurpose[n]), 31 - Math.clz32(nCollateral[n]))];
      const rAmountMin = thresholdRow(amountMinRows, amount, W);
      const rAmountMax = thresholdRow(amountMaxRows, amount, W);
      const rTermMin = thresholdRow(termMinRows, term, W);
      const rTermMax = thresholdRow(termMaxRows, term, W);
      const rRate = thresholdRow(rateMinRows, rate, W);
      const rRevenue = thresholdRow(minRevenueRows, nRevenue[n], W);
      const rRd = thresholdRow(minRdRows, nRd[n], W);
      const rDebt = thresholdRow(maxDebtRows, nDebt[n], W);
      const rPatents = thresholdRow(minPatentsRows, nPatents[n], W);
      const rYears = thresholdRow(minYearsRows, nYears[n], W);
      const rRegion = regionRow[nRegion[n]];
      const rSector = sectorRow[nIndustry[n]];
      const rChain = chainMemberRow[nChainSet[n]];
      const rSupply = supplyRow[nSupplierSet[n]];
      const rWl = whitelistRow[wl];

      for (let w = 0; w < W; w++) {
        let bits =
          rows[rBlock + w] &
          rows[rAmountMin + w] &
          rows[rAmountMax + w] &
          rows[rRate + w] &
          rows[rTermMin + w] &
          rows[rTermMax + w] &
          rows[rRegion + w] &
          (rows[rSector + w] | rows[rChain + w]);
        if (bits === 0) continue;
        bits &=
          rows[rSupply + w] &
          rows[rWl + w] &
          rows[rRevenue + w] &
          rows[rRd + w] &
          rows[rDebt + w] &
          rows[rPatents + w] &
          rows[rYears + w];
        while (bits !== 0) {
          const low = bits & -bits;
          bits ^= low;
          const p = (w << 5) | (31 - Math.clz32(low));
          eligiblePairs++;
          const cb = chainBits[chainRow + p];
          const fit = fitValue(amount, pAmountMin[p], pAmountMax[p], term, pTermMin[p], pTermMax[p], rate, pRateMin[p], wc);
          const cp =
            firmCp +
            centipoints(fitWeight, fit) +
            CHAIN_CENTIPOINTS[((cb & CHAIN_MEMBER) << 2) | (cb & CHAIN_LEAD_BANK) | wl];

          if (k > 0) {
            const key = cp * KEY_SCALE + (KEY_SCALE - 1 - pRank[p]);
            if (size < k || key > topKeys[size - 1]) {
              let i = size < k ? size++ : k - 1;
              while (i > 0 && topKeys[i - 1] < key) {
                topKeys[i] = topKeys[i - 1];
                topProducts[i] = topProducts[i - 1];
                i--;
              }
              topKeys[i] = key;
              topProducts[i] = p;
            }
          }
          const needKey = cp * KEY_SCALE + needKeyTail;
          if (needKey > heapMin[p]) offerToProduct(heaps, p, needKey, n);
        }
      }
    }
    const slot = (n - outBase) * k;
    for (let i = 0; i < size; i++) {
      outProduct[slot + i] = topProducts[i];
      outCp[slot + i] = keyCentipoints(topKeys[i]);
    }
    outCount[n - outBase] = size;
  }
  return eligiblePairs;
}

export function emptyProductTop(productCount: number): ProductTopLists {
  return { m: 0, offsets: new Int32Array(productCount + 1), need: new Int32Array(0), centipoints: new Int32Array(0) };
}
