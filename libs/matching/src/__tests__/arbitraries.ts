import fc from 'fast-check';
import type { FinancialYear, FirmProfile, MatchContext, NeedInput, ProductInput } from '../types';
import { checkEligibility } from '../eligibility';
import { COLLATERALS, PRODUCT_KINDS, PURPOSES, TIERS } from '../types';

// Small value domains on purpose: equal scores, shared prefixes, boundary values and
// missing financials come up often, which is where batch and scalar paths could differ.

const money = fc.constantFrom(0, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 20_000_000, 50_000_000, 120_000_000);
const regions = ['430100', '430102', '430211', '110105', '310115'];
const industries = ['C3482', 'C3484', 'C3912', 'I6511', 'C2710'];
const chains = ['rail_transit', 'aerospace', 'engineering_machinery'];
const cores = ['core-crrc', 'core-times', 'core-sany'];
const banks = ['bank-a', 'bank-b', 'bank-c'];

export const financialYearArb = (y: number): fc.Arbitrary<FinancialYear> =>
  fc.record({
    year: fc.constant(y),
    revenue: money,
    costOfSales: money,
    netProfit: fc.constantFrom(-2_000_000, 0, 1_000_000, 5_000_000),
    rdExpense: fc.constantFrom(0, 500_000, 2_000_000, 8_000_000),
    totalAssets: money,
    totalLiabilities: money,
    inventionPatents: fc.integer({ min: 0, max: 40 }),
    accountsReceivable: money,
    inventory: money,
    accountsPayable: money,
    prepayments: fc.constantFrom(0, 500_000),
    advancesReceived: fc.constantFrom(0, 1_000_000),
    ownWorkingCapital: fc.constantFrom(0, 3_000_000),
    existingWorkingCapitalLoans: fc.constantFrom(0, 2_000_000),
  });

export const firmArb = (id: string): fc.Arbitrary<FirmProfile> =>
  fc.record({
    id: fc.constant(id),
    regionCode: fc.constantFrom(...regions),
    industryCode: fc.constantFrom(...industries),
    tier: fc.constantFrom(...TIERS),
    yearsInNiche: fc.integer({ min: 0, max: 20 }),
    chainIds: fc.subarray(chains),
    whitelisted: fc.boolean(),
    supplierOf: fc.subarray(cores),
    financials: fc.oneof(
      fc.constant([] as FinancialYear[]),
      fc.tuple(financialYearArb(2023)).map((t) => [...t]),
      fc.tuple(financialYearArb(2022), financialYearArb(2023)).map((t) => [...t]),
    ),
  });

export const needArb = (id: string): fc.Arbitrary<NeedInput> =>
  fc.record({
    id: fc.constant(id),
    amount: fc.constantFrom(1_000_000, 3_000_000, 5_000_000, 10_000_000, 30_000_000),
    termMonths: fc.constantFrom(6, 12, 24, 36),
    purpose: fc.constantFrom(...PURPOSES),
    maxRateBps: fc.constantFrom(350, 400, 450, 600),
    collateral: fc.constantFrom(...COLLATERALS),
    status: fc.constantFrom('open', 'open', 'open', 'open', 'open', 'withdrawn'),
  });

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: arb, weight: 1 });

// Mostly empty lists keep roughly a tenth of random pairs eligible; the rest still
// exercise every rule.
const mostlyEmpty = <T>(arb: fc.Arbitrary<T[]>): fc.Arbitrary<T[]> =>
  fc.oneof({ arbitrary: fc.constant([] as T[]), weight: 3 }, { arbitrary: arb, weight: 1 });

export const productArb = (id: string): fc.Arbitrary<ProductInput> =>
  fc
    .record({
      id: fc.constant(id),
      bankId: fc.constantFrom(...banks),
      kind: fc.constantFrom(...PRODUCT_KINDS, 'credit', 'growth'),
      status: fc.constantFrom('active', 'active', 'active', 'active', 'active', 'paused'),
      amountMin: fc.constantFrom(500_000, 1_000_000, 1_000_000, 3_000_000),
      span: fc.constantFrom(0, 2_000_000, 10_000_000, 40_000_000, 40_000_000),
      termMin: fc.constantFrom(1, 6, 12),
      termMax: fc.constantFrom(12, 24, 36, 60, 60),
      rateMinBps: fc.constantFrom(350, 350, 380, 400, 450),
      minTier: fc.constantFrom('none', 'none', 'innovative', 'srdi', 'little_giant', 'champion'),
      regions: mostlyEmpty(fc.subarray(['43', '4301', '11', '430211'])),
      sectors: mostlyEmpty(fc.subarray(['C34', 'C3', 'I65', 'C39'])),
      chains: mostlyEmpty(fc.subarray(chains, { maxLength: 1 })),
      minRevenue: maybe(fc.constantFrom(1_000_000, 10_000_000, 50_000_000)),
      minRdIntensity: maybe(fc.constantFrom(0.01, 0.03, 0.05)),
      maxDebtRatio: maybe(fc.constantFrom(0.5, 0.7, 1)),
      minInventionPatents: maybe(fc.constantFrom(1, 5, 15)),
      minYearsInNiche: maybe(fc.constantFrom(1, 5, 10)),
      requiresWhitelist: fc.constantFrom(false, false, false, true),
      collateralAccepted: mostlyEmpty(fc.subarray([...COLLATERALS], { maxLength: 3 })),
      coreEnterpriseIds: fc.subarray(cores),
      purposes: mostlyEmpty(fc.subarray([...PURPOSES], { maxLength: 3 })),
    })
    .map(({ span, ...p }) => ({ ...p, amountMax: p.amountMin + span, rateMaxBps: p.rateMinBps + 150 }));

const pad = (i: number): string => String(i).padStart(4, '0');

export type World = {
  entries: { firm: FirmProfile; need: NeedInput }[];
  products: ProductInput[];
  ctx: MatchContext;
};

/** Needs (each with its own firm) and products with shuffled ids, so packed order ≠ id order. */
export const worldArb = (maxNeeds: number, maxProducts: number): fc.Arbitrary<World> =>
  fc
    .tuple(fc.integer({ min: 1, max: maxNeeds }), fc.integer({ min: 1, max: maxProducts }))
    .chain(([n, p]) =>
      fc.record({
        entries: fc.tuple(
          ...Array.from({ length: n }, (_, i) =>
            fc.record({ firm: firmArb(`firm-${pad(i)}`), need: needArb(`need-${pad((i * 7919) % 10_000)}`) }),
          ),
        ),
        products: fc.tuple(...Array.from({ length: p }, (_, i) => productArb(`prod-${pad((i * 104_729) % 10_000)}`))),
        ctx: fc.record({
          leadBankByChain: fc.record({ rail_transit: fc.constantFrom(...banks), aerospace: fc.constantFrom(...banks) }),
        }),
      }),
    )
    .map((w) => ({ entries: [...w.entries], products: [...w.products], ctx: w.ctx }));

/** Relaxes only the rules the pair fails, so score properties see eligible pairs of every shape. */
export function admit(firm: FirmProfile, need: NeedInput, p: ProductInput): [NeedInput, ProductInput] {
  const n = { ...need, status: 'open' as const };
  const q = { ...p, status: 'active' as const };
  for (const failure of checkEligibility(firm, n, q)) {
    switch (failure.code) {
      case 'amount_out_of_range':
        q.amountMin = Math.min(q.amountMin, n.amount);
        q.amountMax = Math.max(q.amountMax, n.amount);
        break;
      case 'term_out_of_range':
        q.termMin = Math.min(q.termMin, n.termMonths);
        q.termMax = Math.max(q.termMax, n.termMonths);
        break;
      case 'tier_below_min':
        q.minTier = firm.tier;
        break;
      case 'region_not_covered':
        q.regions = [];
        break;
      case 'sector_not_covered':
        q.sectors = [];
        q.chains = [];
        break;
      case 'financials_missing':
        q.minRevenue = q.minRdIntensity = q.maxDebtRatio = q.minInventionPatents = null;
        break;
      case 'revenue_below_min':
        q.minRevenue = null;
        break;
      case 'rd_intensity_below_min':
        q.minRdIntensity = null;
        break;
      case 'debt_ratio_above_max':
        q.maxDebtRatio = null;
        break;
      case 'patents_below_min':
        q.minInventionPatents = null;
        break;
      case 'years_in_niche_below_min':
        q.minYearsInNiche = null;
        break;
      case 'not_whitelisted':
        q.requiresWhitelist = false;
        break;
      case 'collateral_not_accepted':
        q.collateralAccepted = [];
        break;
      case 'not_in_supply_chain':
        q.kind = 'growth';
        break;
      case 'rate_above_max':
        q.rateMinBps = n.maxRateBps;
        break;
      case 'purpose_not_covered':
        q.purposes = [];
        break;
      default:
        break;
    }
  }
  return [n, q];
}

export const eligiblePairArb: fc.Arbitrary<[FirmProfile, NeedInput, ProductInput]> = fc
  .tuple(firmArb('firm-1'), needArb('need-1'), productArb('prod-1'))
  .map(([f, n, p]) => [f, ...admit(f, n, p)]);
