import type {
  Collateral,
  FinancialYear,
  FirmProfile,
  MatchContext,
  NeedInput,
  ProductInput,
  ProductKind,
  Purpose,
  Tier,
} from '../src/types';

// Seeded synthetic firms, needs and products for benchmarks and tests (illustrative, not
// real data). Same seed, same objects, in the same order, on every machine: other
// packages' benchmarks and the pipeline's Postgres loader can reuse it. Ids are
// UUID-shaped and increase with the index, so generated order is id order.
//
// Mix: tiers mostly 创新型 (innovative), few 单项冠军 (champion); need amounts 1m–50m
// yuan; products spread over 60 banks; roughly 5–10 % of (open need, product) pairs are
// eligible with the default options.

export type Rng = () => number;

/** sfc32: small, fast, and the same sequence everywhere for a given seed. */
export function createRng(seed: number): Rng {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

export const ID_KIND = { firm: 1, need: 2, product: 3, bank: 4, core: 5 } as const;

/** A UUID-format id that sorts like (kind, index). */
export function syntheticId(kind: number, index: number): string {
  const k = kind.toString(16).padStart(8, '0');
  const i = index.toString(16).padStart(12, '0');
  return `${k}-0000-4000-8000-${i}`;
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

function weighted<T>(rng: Rng, table: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let x = rng() * total;
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return table[table.length - 1][0];
}

function logUniform(rng: Rng, lo: number, hi: number): number {
  return Math.exp(Math.log(lo) + rng() * (Math.log(hi) - Math.log(lo)));
}

function roundTo(x: number, unit: number): number {
  return Math.max(unit, Math.round(x / unit) * unit);
}

function sampleSome<T>(rng: Rng, items: readonly T[], min: number, max: number): T[] {
  const n = min + Math.floor(rng() * (max - min + 1));
  const out = new Set<T>();
  while (out.size < Math.min(n, items.length)) out.add(pick(rng, items));
  return [...out];
}

// GB/T 2260 city prefixes: Hunan's cities weigh most, then a few other hubs.
const HUNAN_CITIES = ['4301', '4302', '4303', '4304', '4305', '4306', '4307', '4308', '4309', '4310', '4311', '4312', '4313'];
const OTHER_CITIES = ['1101', '3101', '3205', '3301', '4403', '4201', '5101', '3702', '3502', '6101'];
// GB/T 4754-2017 classes where SRDI firms cluster (C = manufacturing, I = software).
const INDUSTRIES = [
  'C2661', 'C2710', 'C2761', 'C2929', 'C3311', 'C3411', 'C3435', 'C3482', 'C3484', 'C3511',
  'C3514', 'C3562', 'C3711', 'C3714', 'C3731', 'C3741', 'C3811', 'C3824', 'C3831', 'C3841',
  'C3911', 'C3913', 'C3921', 'C3963', 'C3971', 'C3974', 'C4011', 'C4021', 'I6511', 'I6520',
];
const SECTOR_PREFIXES = ['C27', 'C34', 'C35', 'C37', 'C38', 'C39', 'C40', 'I65', 'C3', 'C'];

/** Hunan's emerging industrial chains (一链一行: chain i is led by bank i). */
export const SYNTHETIC_CHAINS = [
  'engineering_machinery', 'rail_transit', 'aerospace', 'new_materials', 'power_equipment', 'ic_design',
  'biomedicine', 'new_energy_vehicles', 'smart_terminals', 'software', 'ai_robotics', 'advanced_ceramics',
  'special_cables', 'energy_storage', 'green_building', 'agri_machinery', 'ship_equipment', 'satellite',
  'medical_devices', 'fine_chemicals',
] as const;

export const SYNTHETIC_BANK_COUNT = 60;
/** Core enterprises (链主); index 0 plays 中车株洲所 and 1 时代新材 (rail transit). */
export const SYNTHETIC_CORE_COUNT = 40;

export function syntheticContext(): MatchContext {
  const leadBankByChain: Record<string, string> = {};
  SYNTHETIC_CHAINS.forEach((chain, i) => (leadBankByChain[chain] = syntheticId(ID_KIND.bank, i)));
  return { leadBankByChain };
}

const TIER_MIX: readonly (readonly [Tier, number])[] = [
  ['none', 8],
  ['innovative', 62],
  ['srdi', 22],
  ['little_giant', 7],
  ['champion', 1],
];
const PURPOSE_MIX: readonly (readonly [Purpose, number])[] = [
  ['working_capital', 40],
  ['equipment', 20],
  ['rd', 15],
  ['expansion', 15],
  ['supply_chain', 10],
];
const COLLATERAL_MIX: readonly (readonly [Collateral, number])[] = [
  ['none', 30],
  ['ip_pledge', 10],
  ['receivables', 12],
  ['property', 15],
  ['equipment', 6],
  ['guarantee', 27],
];

function financialYears(rng: Rng, tier: Tier): FinancialYear[] {
  const years = weighted(rng, [
    [0, 8],
    [1, 27],
    [2, 65],
  ] as const);
  if (years === 0) return [];
  const scale = { none: 0.5, innovative: 1, srdi: 2, little_giant: 4, champion: 10 }[tier];
  let revenue = Math.round(logUniform(rng, 8e6, 2.5e8) * scale);
  const growth = -0.1 + rng() * 0.55;
  const rdShare = logUniform(rng, 0.008, 0.16);
  const patentsMean = { none: 1, innovative: 3, srdi: 7, little_giant: 16, champion: 30 }[tier];
  const patentsNow = Math.floor(rng() * 2 * patentsMean);
  const margin = -0.05 + rng() * 0.25;
  const debt = 0.15 + rng() * 0.75;
  const out: FinancialYear[] = [];
  const first = years === 2 ? 2022 : 2023;
  if (years === 2) revenue = Math.round(revenue / (1 + growth));
  for (let y = first; y <= 2023; y++) {
    if (y > first) revenue = Math.round(revenue * (1 + growth));
    const cost = Math.round(revenue * (0.55 + rng() * 0.25));
    const assets = Math.round(revenue * (0.8 + rng() * 0.9));
    out.push({
      year: y,
      revenue,
      costOfSales: cost,
      netProfit: Math.round(revenue * margin),
      rdExpense: Math.round(revenue * rdShare),
      totalAssets: assets,
      totalLiabilities: Math.round(assets * debt),
      inventionPatents: y === 2023 ? patentsNow : Math.max(0, patentsNow - Math.floor(rng() * 3)),
      accountsReceivable: Math.round(revenue * (0.1 + rng() * 0.3)),
      inventory: Math.round(cost * (0.08 + rng() * 0.25)),
      accountsPayable: Math.round(cost * (0.05 + rng() * 0.2)),
      prepayments: Math.round(cost * rng() * 0.05),
      advancesReceived: Math.round(revenue * rng() * 0.06),
      ownWorkingCapital: Math.round(revenue * (0.05 + rng() * 0.15)),
      existingWorkingCapitalLoans: Math.round(revenue * rng() * 0.12),
      taxPaid: Math.round(revenue * 0.04),
      employees: Math.max(10, Math.round(revenue / 9e5)),
    });
  }
  return out;
}

function syntheticFirm(rng: Rng, index: number): FirmProfile {
  const tier = weighted(rng, TIER_MIX);
  const city = rng() < 0.7 ? pick(rng, HUNAN_CITIES) : pick(rng, OTHER_CITIES);
  const district = String(1 + Math.floor(rng() * 12)).padStart(2, '0');
  const chainCount = weighted(rng, [
    [0, 45],
    [1, 45],
    [2, 10],
  ] as const);
  const supplierOf =
    rng() < 0.35
      ? sampleSome(
          rng,
          Array.from({ length: SYNTHETIC_CORE_COUNT }, (_, i) => syntheticId(ID_KIND.core, i)),
          1,
          2,
        )
      : [];
  return {
    id: syntheticId(ID_KIND.firm, index),
    regionCode: city + district,
    industryCode: pick(rng, INDUSTRIES),
    tier,
    yearsInNiche: Math.floor(logUniform(rng, 1, 25)),
    chainIds: chainCount === 0 ? [] : sampleSome(rng, SYNTHETIC_CHAINS, chainCount, chainCount),
    whitelisted: rng() < (tier === 'little_giant' || tier === 'champion' ? 0.5 : 0.12),
    supplierOf,
    financials: financialYears(rng, tier),
  };
}

function syntheticNeed(rng: Rng, index: number): NeedInput {
  return {
    id: syntheticId(ID_KIND.need, index),
    amount: roundTo(logUniform(rng, 1e6, 5e7), 10_000),
    termMonths: pick(rng, [6, 12, 12, 12, 24, 24, 36, 36, 48, 60]),
    purpose: weighted(rng, PURPOSE_MIX),
    maxRateBps: 400 + Math.floor(rng() * 46) * 10,
    collateral: weighted(rng, COLLATERAL_MIX),
    status: weighted(rng, [
      ['open', 92],
      ['in_progress', 4],
      ['fulfilled', 3],
      ['withdrawn', 1],
    ] as const),
  };
}

export type SyntheticEntry = { firm: FirmProfile; need: NeedInput };

/**
 * Needs with their firms, streamed so a million of them never sit in memory as objects
 * (firms have 1–3 needs each, in a row). Entry i has need id syntheticId(2, i).
 */
export function* syntheticNeedEntries(seed: number, count: number): Generator<SyntheticEntry> {
  const rng = createRng(seed);
  let firmIndex = 0;
  let i = 0;
  while (i < count) {
    const firm = syntheticFirm(rng, firmIndex++);
    const needs = weighted(rng, [
      [1, 70],
      [2, 22],
      [3, 8],
    ] as const);
    for (let j = 0; j < needs && i < count; j++) yield { firm, need: syntheticNeed(rng, i++) };
  }
}

const KIND_MIX: readonly (readonly [ProductKind, number])[] = [
  ['credit', 30],
  ['ip_pledge', 14],
  ['supply_chain', 14],
  ['equipment', 12],
  ['growth', 18],
  ['innovation', 12],
];
const MIN_TIER_MIX: readonly (readonly [Tier, number])[] = [
  ['none', 20],
  ['innovative', 35],
  ['srdi', 27],
  ['little_giant', 14],
  ['champion', 4],
];

function collateralFor(rng: Rng, kind: ProductKind): Collateral[] {
  switch (kind) {
    case 'credit':
      return rng() < 0.7 ? [] : ['none', 'guarantee', 'property'];
    case 'ip_pledge':
      return ['ip_pledge', 'guarantee'];
    case 'supply_chain':
      return ['receivables', 'none', 'guarantee'];
    case 'equipment':
      return ['equipment', 'property', 'guarantee', 'none'];
    default:
      return rng() < 0.6 ? [] : sampleSome(rng, ['none', 'ip_pledge', 'property', 'guarantee', 'receivables'] as const, 2, 4);
  }
}

function syntheticProduct(rng: Rng, index: number): ProductInput {
  const kind = weighted(rng, KIND_MIX);
  const amountMin = roundTo(logUniform(rng, 1e5, 5e6), 100_000);
  const amountMax = roundTo(amountMin * logUniform(rng, 10, 100), 100_000);
  const termMin = pick(rng, [1, 3, 6]);
  const termMax = pick(rng, [24, 36, 60, 120]);
  const rateMinBps = 300 + Math.floor(rng() * 30) * 10;
  const regionRoll = rng();
  const regions =
    regionRoll < 0.55 ? [] : regionRoll < 0.9 ? ['43'] : regionRoll < 0.97 ? sampleSome(rng, HUNAN_CITIES, 1, 3) : ['11', '31'];
  const sectorRoll = rng();
  const sectors = sectorRoll < 0.8 ? [] : sampleSome(rng, SECTOR_PREFIXES, 1, 3);
  const chains = rng() < 0.15 ? sampleSome(rng, SYNTHETIC_CHAINS, 1, 2) : [];
  const maybe = (p: number, v: () => number): number | null => (rng() < p ? v() : null);
  return {
    id: syntheticId(ID_KIND.product, index),
    bankId: syntheticId(ID_KIND.bank, Math.floor(rng() * SYNTHETIC_BANK_COUNT)),
    kind,
    status: rng() < 0.95 ? 'active' : 'paused',
    amountMin,
    amountMax,
    termMin,
    termMax,
    rateMinBps,
    rateMaxBps: rateMinBps + 100 + Math.floor(rng() * 30) * 10,
    minTier: weighted(rng, MIN_TIER_MIX),
    regions,
    sectors,
    chains,
    minRevenue: maybe(0.25, () => roundTo(logUniform(rng, 5e6, 1e8), 1_000_000)),
    minRdIntensity: maybe(0.2, () => Math.round(logUniform(rng, 0.01, 0.08) * 1000) / 1000),
    maxDebtRatio: maybe(0.35, () => Math.round((0.55 + rng() * 0.3) * 100) / 100),
    minInventionPatents: maybe(0.15, () => 1 + Math.floor(rng() * 10)),
    minYearsInNiche: maybe(0.15, () => 1 + Math.floor(rng() * 8)),
    requiresWhitelist: rng() < 0.08,
    collateralAccepted: collateralFor(rng, kind),
    coreEnterpriseIds:
      kind === 'supply_chain'
        ? sampleSome(
            rng,
            Array.from({ length: SYNTHETIC_CORE_COUNT }, (_, i) => syntheticId(ID_KIND.core, i)),
            2,
            8,
          )
        : [],
    purposes: rng() < 0.65 ? [] : sampleSome(rng, ['working_capital', 'equipment', 'rd', 'expansion', 'supply_chain'] as const, 2, 4),
  };
}

export function syntheticProducts(seed: number, count = 2000): ProductInput[] {
  const rng = createRng(seed ^ 0x5bd1e995);
  return Array.from({ length: count }, (_, i) => syntheticProduct(rng, i));
}

export type SyntheticData = { entries: SyntheticEntry[]; products: ProductInput[]; ctx: MatchContext };

/** Small, fully materialised data sets for tests. */
export function syntheticData(seed: number, needs: number, products: number): SyntheticData {
  return { entries: [...syntheticNeedEntries(seed, needs)], products: syntheticProducts(seed, products), ctx: syntheticContext() };
}
