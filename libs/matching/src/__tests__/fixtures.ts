import type { FinancialYear, FirmProfile, NeedInput, ProductInput } from '../types';

// Hand-made baseline: a firm, need and product that match on every rule, so a scenario
// changes one field and watches one rule. Figures are illustrative.

export function year(overrides: Partial<FinancialYear> = {}): FinancialYear {
  return {
    year: 2023,
    revenue: 189_000_000,
    costOfSales: 120_000_000,
    netProfit: 19_400_000,
    rdExpense: 9_750_000,
    totalAssets: 260_000_000,
    totalLiabilities: 117_000_000,
    inventionPatents: 12,
    accountsReceivable: 40_000_000,
    inventory: 25_000_000,
    accountsPayable: 18_000_000,
    prepayments: 3_000_000,
    advancesReceived: 5_000_000,
    ownWorkingCapital: 20_000_000,
    existingWorkingCapitalLoans: 10_000_000,
    ...overrides,
  };
}

export function firm(overrides: Partial<FirmProfile> = {}): FirmProfile {
  return {
    id: 'firm-feiwo',
    regionCode: '430100',
    industryCode: 'C3482',
    tier: 'little_giant',
    yearsInNiche: 12,
    chainIds: ['power_equipment'],
    whitelisted: true,
    supplierOf: [],
    financials: [year({ year: 2022, revenue: 150_000_000 }), year()],
    ...overrides,
  };
}

export function need(overrides: Partial<NeedInput> = {}): NeedInput {
  return {
    id: 'need-1',
    amount: 10_000_000,
    termMonths: 24,
    purpose: 'equipment',
    maxRateBps: 450,
    collateral: 'none',
    status: 'open',
    ...overrides,
  };
}

export function product(overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    id: 'prod-growth',
    bankId: 'bank-boc-hunan',
    kind: 'growth',
    status: 'active',
    amountMin: 1_000_000,
    amountMax: 30_000_000,
    termMin: 6,
    termMax: 36,
    rateMinBps: 380,
    rateMaxBps: 520,
    minTier: 'innovative',
    regions: [],
    sectors: [],
    chains: [],
    minRevenue: null,
    minRdIntensity: null,
    maxDebtRatio: null,
    minInventionPatents: null,
    minYearsInNiche: null,
    requiresWhitelist: false,
    collateralAccepted: [],
    coreEnterpriseIds: [],
    purposes: [],
    ...overrides,
  };
}
