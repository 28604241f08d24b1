import { describe, expect, it } from '@jest/globals';
import type { LoanProduct } from '../../api/types';
import { toFormValues, toProductInput, type ProductFormValues } from './product-input';

// The demo journey's product: 专精特新信用贷, 100–3000万元, 6–36 months, 3.80–5.00%.
const typed: ProductFormValues = {
  name: '  专精特新信用贷 ',
  kind: 'credit',
  amountMin: 100,
  amountMax: 3000,
  termMin: 6,
  termMax: 36,
  rateMin: 3.8,
  rateMax: 5,
  minTier: 'innovative',
  regions: ['43'],
  sectors: ['c34'],
  chainIds: [],
  minRevenue: null,
  minRdIntensity: null,
  maxDebtRatio: null,
  minInventionPatents: null,
  minYearsInNiche: null,
  creditQuota: null,
  collateralAccepted: [],
  purposes: ['working_capital', 'rd'],
  coreEnterpriseIds: ['5d1c3a2e-0a4b-4c1d-9e8f-7a6b5c4d3e2f'],
  requiresWhitelist: false,
  description: '   ',
  listNow: true,
};

const CHAIN = '1abf950a-962a-5052-9812-58a54a444f0d';

describe('toProductInput', () => {
  it('sends whole yuan, integer bps and the trimmed name', () => {
    const input = toProductInput(typed);
    expect(input).toMatchObject({
      name: '专精特新信用贷',
      kind: 'credit',
      amountMin: 1_000_000,
      amountMax: 30_000_000,
      termMin: 6,
      termMax: 36,
      rateMinBps: 380,
      rateMaxBps: 500,
      minTier: 'innovative',
      regions: ['43'],
      sectors: ['C34'],
      purposes: ['working_capital', 'rd'],
      status: 'active',
    });
    for (const value of [input.amountMin, input.amountMax, input.rateMinBps, input.rateMaxBps]) {
      expect(Number.isInteger(value)).toBe(true);
    }
  });

  it('converts thresholds typed in 万元 and % to yuan and bps, and sends an empty one as null', () => {
    const input = toProductInput({
      ...typed,
      chainIds: [CHAIN],
      minRevenue: 2000.5,
      minRdIntensity: 5.5,
      maxDebtRatio: 65,
      minInventionPatents: 3,
      minYearsInNiche: 3,
      creditQuota: 50_000,
    });
    expect(input).toMatchObject({
      chainIds: [CHAIN],
      minRevenue: 20_005_000,
      minRdIntensityBps: 550,
      maxDebtRatioBps: 6500,
      minInventionPatents: 3,
      minYearsInNiche: 3,
      creditQuota: 500_000_000,
    });
    // An edit that empties a threshold must clear it, not leave it as it was.
    const cleared = toProductInput({ ...typed, minRdIntensity: null, creditQuota: undefined as unknown as null });
    expect(cleared.minRdIntensityBps).toBeNull();
    expect(cleared.creditQuota).toBeNull();
    expect(cleared.minRevenue).toBeNull();
  });

  it('rounds fractions finer than a yuan or a basis point half away from zero', () => {
    expect(toProductInput({ ...typed, amountMin: 0.00005, amountMax: 1234.56789 })).toMatchObject({
      amountMin: 1,
      amountMax: 12_345_679,
    });
    expect(toProductInput({ ...typed, minRdIntensity: 1.005, maxDebtRatio: 70.004 })).toMatchObject({
      minRdIntensityBps: 101,
      maxDebtRatioBps: 7000,
    });
  });

  it('clears a blank description and core enterprises on products that are not supply-chain loans', () => {
    const input = toProductInput(typed);
    expect(input.description).toBeNull();
    expect(input.coreEnterpriseIds).toEqual([]);
  });

  it('keeps core enterprises for a supply-chain loan and saves an unlisted product as paused', () => {
    const input = toProductInput({ ...typed, kind: 'supply_chain', listNow: false, description: ' 中车株洲所上游供应商 ' });
    expect(input.coreEnterpriseIds).toEqual(['5d1c3a2e-0a4b-4c1d-9e8f-7a6b5c4d3e2f']);
    expect(input.status).toBe('paused');
    expect(input.description).toBe('中车株洲所上游供应商');
  });
});

describe('toFormValues', () => {
  const stored: LoanProduct = {
    id: '0b7f2c39-6c1e-4d5a-9a51-2f3f4d5e6a7b',
    bankId: 'a1b2c3d4-0000-4000-8000-000000000001',
    name: '小巨人贷',
    description: null,
    kind: 'credit',
    status: 'paused',
    amountMin: 5_000_000,
    amountMax: 12_345_678,
    termMin: 12,
    termMax: 36,
    rateMinBps: 365,
    rateMaxBps: 435,
    minTier: 'little_giant',
    regions: ['43', '4402'],
    sectors: ['C34'],
    chainIds: [CHAIN],
    minRevenue: 50_000_000,
    minRdIntensityBps: 505,
    maxDebtRatioBps: 7000,
    minInventionPatents: 5,
    minYearsInNiche: null,
    requiresWhitelist: true,
    collateralAccepted: ['none'],
    coreEnterpriseIds: [],
    coreEnterprises: [],
    purposes: [],
    creditQuota: null,
    createdAt: '2026-01-05T08:00:00.000Z',
    updatedAt: '2026-01-05T08:00:00.000Z',
  };

  it('shows a stored product in 万元 and %, thresholds unset as empty', () => {
    expect(toFormValues(stored)).toMatchObject({
      amountMin: 500,
      amountMax: 1234.5678,
      rateMin: 3.65,
      rateMax: 4.35,
      minRevenue: 5000,
      minRdIntensity: 5.05,
      maxDebtRatio: 70,
      minInventionPatents: 5,
      minYearsInNiche: null,
      creditQuota: null,
      description: '',
      listNow: false,
    });
  });

  it('gives back the same body when nothing is changed (an edit sends what is stored)', () => {
    const { id: _id, bankId: _bank, coreEnterprises: _names, createdAt: _c, updatedAt: _u, ...body } = stored;
    expect(toProductInput(toFormValues(stored))).toEqual(body);
  });
});
