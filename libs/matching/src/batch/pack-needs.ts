import { debtRatio, latestYear, rdIntensity } from '../firm-metrics';
import { needScoreParts } from '../score';
import type { Collateral, FirmProfile, NeedInput, Purpose } from '../types';
import { COLLATERALS, PURPOSES, TIERS, tierRank } from '../types';

// Needs and their firms as struct-of-arrays: one typed array per field, so the ranking
// loop touches only the columns a rule reads, and worker threads can share the whole
// set through one SharedArrayBuffer instead of copying a million objects.
//
// Packed order is not input order: needs are sorted into blocks of equal (tier, purpose,
// collateral), by amount within a block. A product then finds its candidate needs as
// contiguous amount ranges of a few blocks, and consecutive needs in the firm's view
// share a candidate list, which keeps caches and branch predictors warm. `ids[n]` and
// `idRank[n]` follow the packed order.

export type NeedEntry = { firm: FirmProfile; need: NeedInput };

export const NEED_OPEN = 1;
export const NEED_WHITELISTED = 2;

/** The typed-array part of packed needs: structured-clonable, shareable across threads. */
export type NeedColumns = {
  count: number;
  /** NEED_OPEN | NEED_WHITELISTED */
  flags: Uint8Array;
  tier: Uint8Array;
  purposeBit: Uint8Array;
  collateralBit: Uint8Array;
  term: Int32Array;
  maxRateBps: Int32Array;
  regionId: Int32Array;
  industryId: Int32Array;
  chainSetId: Int32Array;
  supplierSetId: Int32Array;
  /** Position of the need's id in code-unit order: the tie-break of the officer's view. */
  idRank: Int32Array;
  /** tier + innovation + financial-health centipoints (firm-only parts of the score). */
  firmCentipoints: Int32Array;
  amount: Float64Array;
  // Financial figures of the latest year. Without financials: revenue, R&D intensity and
  // patents are −∞ and debt ratio +∞, so any set threshold fails and unset ones (±∞) pass.
  revenue: Float64Array;
  rdIntensity: Float64Array;
  debtRatio: Float64Array;
  patents: Float64Array;
  yearsInNiche: Float64Array;
  /** The working-capital fit value (score.ts workingCapitalValue). */
  workingCapitalValue: Float64Array;
};

/** Distinct categorical firm values; products are compiled against them. */
export type NeedDictionaries = {
  regions: string[];
  industries: string[];
  chainSets: string[][];
  supplierSets: string[][];
};

export const BLOCK_COUNT = TIERS.length * PURPOSES.length * COLLATERALS.length;

/**
 * Block of a need: ((top tier − tier) × purposes + purpose) × collaterals + collateral.
 * Highest tiers come first because tier is a large, firm-only part of the score: the
 * officer's-view heaps fill with strong needs early and later ones rarely displace them.
 */
export function blockOf(tier: number, purposeIndex: number, collateralIndex: number): number {
  return ((TIERS.length - 1 - tier) * PURPOSES.length + purposeIndex) * COLLATERALS.length + collateralIndex;
}

export type PackedNeeds = {
  columns: NeedColumns;
  /** Need ids in packed order. */
  ids: string[];
  dict: NeedDictionaries;
  /** Needs of block b are blockStart[b] … blockStart[b + 1] − 1, ascending by amount. */
  blockStart: Int32Array;
  /** Where each packed need came in: its position among the needs given to the packer. */
  inputIndex: Int32Array;
};

export const PURPOSE_BIT: Readonly<Record<Purpose, number>> = Object.fromEntries(
  PURPOSES.map((p, i) => [p, 1 << i]),
) as Record<Purpose, number>;
export const COLLATERAL_BIT: Readonly<Record<Collateral, number>> = Object.fromEntries(
  COLLATERALS.map((c, i) => [c, 1 << i]),
) as Record<Collateral, number>;

type ColumnSpec = { [K in keyof NeedColumns]: NeedColumns[K] extends number ? never : K }[keyof NeedColumns];

const U8: ColumnSpec[] = ['flags', 'tier', 'purposeBit', 'collateralBit'];
const I32: ColumnSpec[] = [
  'term',
  'maxRateBps',
  'regionId',
  'industryId',
  'chainSetId',
  'supplierSetId',
  'idRank',
  'firmCentipoints',
];
const F64: ColumnSpec[] = [
  'amount',
  'revenue',
  'rdIntensity',
  'debtRatio',
  'patents',
  'yearsInNiche',
  'workingCapitalValue',
];

function allocateColumns(capacity: number, shared: boolean): NeedColumns {
  const bytes = capacity * (F64.length * 8 + I32.length * 4 + U8.length) + 64;
  const buffer = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  const cols: Record<string, unknown> = { count: 0 };
  let offset = 0;
  // Widest first keeps every column aligned without padding.
  for (const name of F64) {
    cols[name] = new Float64Array(buffer, offset, capacity);
    offset += capacity * 8;
  }
  for (const name of I32) {
    cols[name] = new Int32Array(buffer, offset, capacity);
    offset += capacity * 4;
  }
  for (const name of U8) {
    cols[name] = new Uint8Array(buffer, offset, capacity);
    offset += capacity;
  }
  return cols as NeedColumns;
}

class Interner<T> {
  readonly values: T[] = [];
  private readonly index = new Map<string, number>();
  id(key: string, value: () => T): number {
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.index.set(key, id);
      this.values.push(value());
    }
    return id;
  }
}

function setKey(values: readonly string[]): { key: string; sorted: string[] } {
  const sorted = [...new Set(values)].sort();
  return { key: sorted.join('\u0000'), sorted };
}

/**
 * Packs needs one at a time, so a caller can stream a million rows (or a generator)
 * without holding them all as objects. `shared` puts the columns in a SharedArrayBuffer
 * for the worker-thread runner.
 */
export class NeedPacker {
  private readonly cols: NeedColumns;
  private readonly ids: string[] = [];
  private readonly regions = new Interner<string>();
  private readonly industries = new Interner<string>();
  private readonly chainSets = new Interner<string[]>();
  private readonly supplierSets = new Interner<string[]>();
  private n = 0;
  private readonly shared: boolean;

  constructor(
    private readonly capacity: number,
    options: { shared?: boolean } = {},
  ) {
    this.shared = options.shared ?? false;
    this.cols = allocateColumns(capacity, false);
  }

  add(firm: FirmProfile, need: NeedInput): void {
    if (this.n >= this.capacity) throw new RangeError(`NeedPacker capacity ${this.capacity} exceeded`);
    const i = this.n++;
    const c = this.cols;
    this.ids.push(need.id);
    c.flags[i] = (need.status === 'open' ? NEED_OPEN : 0) | (firm.whitelisted ? NEED_WHITELISTED : 0);
    c.tier[i] = tierRank(firm.tier);
    c.purposeBit[i] = PURPOSE_BIT[need.purpose];
    c.collateralBit[i] = COLLATERAL_BIT[need.collateral];
    c.term[i] = need.termMonths;
    c.maxRateBps[i] = need.maxRateBps;
    c.amount[i] = need.amount;
    c.regionId[i] = this.regions.id(firm.regionCode, () => firm.regionCode);
    c.industryId[i] = this.industries.id(firm.industryCode, () => firm.industryCode);
    const chains = setKey(firm.chainIds);
    c.chainSetId[i] = this.chainSets.id(chains.key, () => chains.sorted);
    const suppliers = setKey(firm.supplierOf);
    c.supplierSetId[i] = this.supplierSets.id(suppliers.key, () => suppliers.sorted);
    const fy = latestYear(firm);
    if (fy === undefined) {
      c.revenue[i] = -Infinity;
      c.rdIntensity[i] = -Infinity;
      c.debtRatio[i] = Infinity;
      c.patents[i] = -Infinity;
    } else {
      c.revenue[i] = fy.revenue;
      c.rdIntensity[i] = rdIntensity(fy);
      c.debtRatio[i] = debtRatio(fy);
      c.patents[i] = fy.inventionPatents;
    }
    c.yearsInNiche[i] = firm.yearsInNiche;
    const parts = needScoreParts(firm, need);
    c.firmCentipoints[i] = parts.firmCentipoints;
    c.workingCapitalValue[i] = parts.workingCapitalValue;
  }

  finish(): PackedNeeds {
    const count = this.n;
    const src = this.cols;
    assignIdRanks(this.ids, src.idRank.subarray(0, count));

    const block = new Int32Array(count);
    const blockStart = new Int32Array(BLOCK_COUNT + 1);
    for (let i = 0; i < count; i++) {
      block[i] = blockOf(src.tier[i], 31 - Math.clz32(src.purposeBit[i]), 31 - Math.clz32(src.collateralBit[i]));
      blockStart[block[i] + 1]++;
    }
    for (let b = 0; b < BLOCK_COUNT; b++) blockStart[b + 1] += blockStart[b];
    const order = new Int32Array(count);
    const fill = blockStart.slice(0, BLOCK_COUNT);
    for (let i = 0; i < count; i++) order[fill[block[i]]++] = i;
    const amount = src.amount;
    const rank = src.idRank;
    for (let b = 0; b < BLOCK_COUNT; b++) {
      order.subarray(blockStart[b], blockStart[b + 1]).sort((x, y) => amount[x] - amount[y] || rank[x] - rank[y]);
    }

    const dst = allocateColumns(count, this.shared);
    dst.count = count;
    for (const name of [...U8, ...I32, ...F64]) {
      const from = src[name];
      const to = dst[name];
      for (let i = 0; i < count; i++) to[i] = from[order[i]];
    }
    const ids = Array.from(order, (i) => this.ids[i]);
    return {
      columns: dst,
      ids,
      blockStart,
      inputIndex: order,
      dict: {
        regions: this.regions.values,
        industries: this.industries.values,
        chainSets: this.chainSets.values,
        supplierSets: this.supplierSets.values,
      },
    };
  }
}

function assignIdRanks(ids: readonly string[], rank: Int32Array): void {
  let sorted = true;
  for (let i = 1; i < ids.length && sorted; i++) sorted = ids[i - 1] < ids[i];
  // Shards loaded ORDER BY id (and the synthetic data) are already in order.
  if (sorted) {
    for (let i = 0; i < ids.length; i++) rank[i] = i;
    return;
  }
  const order = Array.from({ length: ids.length }, (_, i) => i);
  order.sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : a - b));
  for (let r = 0; r < order.length; r++) rank[order[r]] = r;
}

export function packNeeds(entries: readonly NeedEntry[], options: { shared?: boolean } = {}): PackedNeeds {
  const packer = new NeedPacker(entries.length, options);
  for (const e of entries) packer.add(e.firm, e.need);
  return packer.finish();
}
