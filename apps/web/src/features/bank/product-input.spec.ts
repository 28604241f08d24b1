import { describe, expect, it } from '@jest/globals';
import { toProductInput, type ProductFormValues } from './product-input';

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
  collateralAccepted: [],
  purposes: ['working_capital', 'rd'],
  coreEnterpriseIds: ['5d1c3a2e-0a4b-4c1d-9e8f-7a6b5c4d3e2f'],
  requiresWhitelist: false,
  description: '   ',
  listNow: true,
};

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

  it('leaves out a blank description and core enterprises on products that are not supply-chain loans', () => {
    const input = toProductInput(typed);
    expect(input).not.toHaveProperty('description');
    expect(input).not.toHaveProperty('coreEnterpriseIds');
  });

  it('keeps core enterprises for a supply-chain loan and saves an unlisted product as paused', () => {
    const input = toProductInput({ ...typed, kind: 'supply_chain', listNow: false, description: ' 中车株洲所上游供应商 ' });
    expect(input.coreEnterpriseIds).toEqual(['5d1c3a2e-0a4b-4c1d-9e8f-7a6b5c4d3e2f']);
    expect(input.status).toBe('paused');
    expect(input.description).toBe('中车株洲所上游供应商');
  });

  it('rounds amounts typed to a fraction of a yuan', () => {
    expect(toProductInput({ ...typed, amountMin: 0.00005, amountMax: 1234.56789 })).toMatchObject({
      amountMin: 1,
      amountMax: 12_345_679,
    });
  });
});
