import { collateralAccepted, regionCovered, sectorPrefixMatches, sharesAny } from '../eligibility';
import type { MatchContext, NeedInput, ProductInput } from '../types';
import { COLLATERALS, PURPOSES, TIERS, tierRank } from '../types';
import { BLOCK_COUNT, COLLATERAL_BIT, PURPOSE_BIT, blockOf, type NeedDictionaries, type PackedNeeds } from './pack-needs';

// Products compiled to thresholds and bitsets. Every rule becomes a bit row over the
// products (bit p of word p >> 5): a row per need block (minimum tier, purposes,
// collateral), per region, industry, chain set and supplier set of the needs'
// dictionaries, and for each numeric threshold a cumulative row per distinct value
// ("products whose minimum is ≤ v"). A need's eligible products are then the AND of
// about fifteen rows it picks by lookup and binary search — ~60 words each for 2,000
// products, no per-pair branches — and only the surviving bits are scored.

export const CHAIN_MEMBER = 1;
export const CHAIN_LEAD_BANK = 2;

/**
 * Rows of products by one numeric threshold. `values` ascend (distinct). For a minimum
 * (min ≤ x): row i holds products whose minimum ≤ values[i − 1], row 0 none, and x
 * picks row (count of values ≤ x). For a maximum (x ≤ max): row i holds products whose
 * maximum ≥ values[i], row values.length none, and x picks row (count of values < x).
 */
export type ThresholdRows = { values: Float64Array; rowBase: number; upper: boolean };

/** The typed-array part of compiled products: structured-clonable for worker threads. */
export type ProductColumns = {
  count: number;
  /** Words per bit row: ceil(count / 32). */
  words: number;
  /** groupStart[t] … groupStart[t + 1] − 1 are the products whose minTier rank is t. */
  groupStart: Int32Array;
  amountMin: Float64Array;
  amountMax: Float64Array;
  termMin: Int32Array;
  termMax: Int32Array;
  rateMinBps: Int32Array;
  purposeMask: Uint8Array;
  collateralMask: Uint8Array;
  requiresWhitelist: Uint8Array;
  // Unset thresholds are ±∞ so they always pass; see NeedColumns for the no-financials case.
  minRevenue: Float64Array;
  minRdIntensity: Float64Array;
  maxDebtRatio: Float64Array;
  minPatents: Float64Array;
  minYearsInNiche: Float64Array;
  /** Position of the product's id in code-unit order: the tie-break of the firm's view. */
  idRank: Int32Array;
  /** CHAIN_MEMBER | CHAIN_LEAD_BANK at [chainSetId × count + product], for the score. */
  chainBits: Uint8Array;
  /** All bit rows, `words` Int32 words each; the fields below hold word offsets. */
  rows: Int32Array;
  blockRow: Int32Array;
  regionRow: Int32Array;
  /** Sector prefix matches, or the product sets neither sectors nor chains. */
  sectorRow: Int32Array;
  /** The firm belongs to one of the product's chains (rule 5 with sectorRow). */
  chainMemberRow: Int32Array;
  /** Everything but supply_chain products missing the set's core enterprises. */
  supplyRow: Int32Array;
  /** [not whitelisted, whitelisted]. */
  whitelistRow: Int32Array;
  amountMinRows: ThresholdRows;
  amountMaxRows: ThresholdRows;
  termMinRows: ThresholdRows;
  termMaxRows: ThresholdRows;
  rateMinRows: ThresholdRows;
  minRevenueRows: ThresholdRows;
  minRdRows: ThresholdRows;
  maxDebtRows: ThresholdRows;
  minPatentsRows: ThresholdRows;
  minYearsRows: ThresholdRows;
};

export type CompiledProducts = {
  columns: ProductColumns;
  /** Product ids in compiled order (by minimum tier, then id). */
  ids: string[];
  /** Compiled index by product id; paused products are absent. */
  indexById: Map<string, number>;
};

/** The word offset of the row a value picks (see ThresholdRows). */
export function thresholdRow(t: ThresholdRows, x: number, words: number): number {
  const v = t.values;
  let lo = 0;
  let hi = v.length;
  if (t.upper) {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v[mid] < x) lo = mid + 1;
      else hi = mid;
    }
  } else {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
  }
  return t.rowBase + lo * words;
}

class RowBuilder {
  private chunks: Int32Array[] = [];
  private used = 0;
  constructor(readonly words: number) {}
  /** Adds a row with the given products' bits set; returns its word offset. */
  add(members: (p: number) => boolean, count: number): number {
    const row = new Int32Array(this.words);
    for (let p = 0; p < count; p++) if (members(p)) row[p >> 5] |= 1 << (p & 31);
    return this.push(row);
  }
  push(row: Int32Array): number {
    const offset = this.used;
    this.chunks.push(row);
    this.used += this.words;
    return offset;
  }
  finish(): Int32Array {
    const all = new Int32Array(this.used);
    this.chunks.forEach((c, i) => all.set(c, i * this.words));
    return all;
  }
}

function thresholdRows(rows: RowBuilder, limits: Float64Array | Int32Array, upper: boolean): ThresholdRows {
  const W = rows.words;
  const values = Float64Array.from(new Set(limits)).sort();
  const order = Array.from(limits, (_, p) => p).sort((a, b) => limits[a] - limits[b]);
  const current = new Int32Array(W);
  let rowBase = -1;
  const mark = (offset: number): void => {
    if (rowBase < 0) rowBase = offset;
  };
  if (!upper) {
    // Row i: minimum ≤ values[i − 1]; grows as i does.
    mark(rows.push(current.slice()));
    let j = 0;
    for (const v of values) {
      while (j < order.length && limits[order[j]] <= v) {
        current[order[j] >> 5] |= 1 << (order[j] & 31);
        j++;
      }
      rows.push(current.slice());
    }
  } else {
    // Row i: maximum ≥ values[i]; built from the top, then pushed in ascending i.
    const built: Int32Array[] = [current.slice()];
    let j = order.length - 1;
    for (let i = values.length - 1; i >= 0; i--) {
      while (j >= 0 && limits[order[j]] >= values[i]) {
        current[order[j] >> 5] |= 1 << (order[j] & 31);
        j--;
      }
      built.push(current.slice());
    }
    built.reverse();
    for (const r of built) mark(rows.push(r));
  }
  return { values, rowBase, upper };
}

function maskOf<T extends string>(values: readonly T[], bits: Readonly<Record<T, number>>, all: readonly T[]): number {
  const list = values.length === 0 ? all : values;
  let mask = 0;
  for (const v of list) mask |= bits[v];
  return mask;
}

function collateralMask(product: ProductInput): number {
  let mask = 0;
  for (const c of COLLATERALS) {
    // The scalar rule decides; compiling by it keeps the two from drifting.
    if (collateralAccepted(product, { collateral: c } as NeedInput)) mask |= COLLATERAL_BIT[c];
  }
  return mask;
}

export function compileProducts(
  products: readonly ProductInput[],
  needs: PackedNeeds | NeedDictionaries,
  ctx?: MatchContext,
): CompiledProducts {
  const dict = 'dict' in needs ? needs.dict : needs;
  const active = products.filter((p) => p.status === 'active');
  const byId = (a: ProductInput, b: ProductInput): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const ordered = [...active].sort((a, b) => tierRank(a.minTier) - tierRank(b.minTier) || byId(a, b));
  const idRank = new Map([...active].sort(byId).map((p, i) => [p.id, i]));

  const P = ordered.length;
  const W = Math.max(1, Math.ceil(P / 32));
  const groupStart = new Int32Array(TIERS.length + 1);
  for (const p of ordered) groupStart[tierRank(p.minTier) + 1]++;
  for (let t = 1; t <= TIERS.length; t++) groupStart[t] += groupStart[t - 1];

  const num = (f: (p: ProductInput) => number): Float64Array => Float64Array.from(ordered, f);
  const int = (f: (p: ProductInput) => number): Int32Array => Int32Array.from(ordered, f);
  const byte = (f: (p: ProductInput) => number): Uint8Array => Uint8Array.from(ordered, f);
  const lead = ctx?.leadBankByChain ?? {};
  const chainBits = new Uint8Array(dict.chainSets.length * P);
  dict.chainSets.forEach((chains, c) => {
    ordered.forEach((p, i) => {
      let bits = sharesAny(p.chains, chains) ? CHAIN_MEMBER : 0;
      for (const chain of chains) if (lead[chain] === p.bankId) bits |= CHAIN_LEAD_BANK;
      chainBits[c * P + i] = bits;
    });
  });

  const amountMin = num((p) => p.amountMin);
  const amountMax = num((p) => p.amountMax);
  const termMin = int((p) => p.termMin);
  const termMax = int((p) => p.termMax);
  const rateMinBps = int((p) => p.rateMinBps);
  const purposeMask = byte((p) => maskOf(p.purposes, PURPOSE_BIT, PURPOSES));
  const collateralMaskCol = byte(collateralMask);
  const requiresWhitelist = byte((p) => (p.requiresWhitelist ? 1 : 0));
  // A need without financials carries −∞/+∞: any set threshold fails it (the scalar
  // financials_missing) and the ±∞ of unset ones let it pass.
  const minRevenue = num((p) => p.minRevenue ?? -Infinity);
  const minRdIntensity = num((p) => p.minRdIntensity ?? -Infinity);
  const maxDebtRatio = num((p) => p.maxDebtRatio ?? Infinity);
  const minPatents = num((p) => p.minInventionPatents ?? -Infinity);
  const minYearsInNiche = num((p) => p.minYearsInNiche ?? -Infinity);

  const rows = new RowBuilder(W);
  const tierOf = int((p) => tierRank(p.minTier));
  const blockRow = new Int32Array(BLOCK_COUNT);
  for (let t = 0; t < TIERS.length; t++) {
    for (let pi = 0; pi < PURPOSES.length; pi++) {
      for (let ci = 0; ci < COLLATERALS.length; ci++) {
        blockRow[blockOf(t, pi, ci)] = rows.add(
          (p) => tierOf[p] <= t && (purposeMask[p] & (1 << pi)) !== 0 && (collateralMaskCol[p] & (1 << ci)) !== 0,
          P,
        );
      }
    }
  }
  const regionRow = Int32Array.from(dict.regions, (code) => rows.add((p) => regionCovered(ordered[p].regions, code), P));
  const sectorRow = Int32Array.from(dict.industries, (code) =>
    rows.add((p) => {
      const prod = ordered[p];
      return (prod.sectors.length === 0 && prod.chains.length === 0) || sectorPrefixMatches(prod.sectors, code);
    }, P),
  );
  const chainMemberRow = Int32Array.from(dict.chainSets, (_, c) =>
    rows.add((p) => (chainBits[c * P + p] & CHAIN_MEMBER) !== 0, P),
  );
  const supplyRow = Int32Array.from(dict.supplierSets, (suppliers) =>
    rows.add((p) => ordered[p].kind !== 'supply_chain' || sharesAny(ordered[p].coreEnterpriseIds, suppliers), P),
  );
  const whitelistRow = Int32Array.from([
    rows.add((p) => requiresWhitelist[p] === 0, P),
    rows.add(() => true, P),
  ]);

  const cols: ProductColumns = {
    count: P,
    words: W,
    groupStart,
    amountMin,
    amountMax,
    termMin,
    termMax,
    rateMinBps,
    purposeMask,
    collateralMask: collateralMaskCol,
    requiresWhitelist,
    minRevenue,
    minRdIntensity,
    maxDebtRatio,
    minPatents,
    minYearsInNiche,
    idRank: int((p) => idRank.get(p.id) ?? 0),
    chainBits,
    rows: new Int32Array(0),
    blockRow,
    regionRow,
    sectorRow,
    chainMemberRow,
    supplyRow,
    whitelistRow,
    amountMinRows: thresholdRows(rows, amountMin, false),
    amountMaxRows: thresholdRows(rows, amountMax, true),
    termMinRows: thresholdRows(rows, termMin, false),
    termMaxRows: thresholdRows(rows, termMax, true),
    rateMinRows: thresholdRows(rows, rateMinBps, false),
    minRevenueRows: thresholdRows(rows, minRevenue, false),
    minRdRows: thresholdRows(rows, minRdIntensity, false),
    maxDebtRows: thresholdRows(rows, maxDebtRatio, true),
    minPatentsRows: thresholdRows(rows, minPatents, false),
    minYearsRows: thresholdRows(rows, minYearsInNiche, false),
  };
  cols.rows = rows.finish();
  const ids = ordered.map((p) => p.id);
  return { columns: cols, ids, indexById: new Map(ids.map((id, i) => [id, i])) };
}
