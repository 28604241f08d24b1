import { describe, expect, it } from '@jest/globals';
import type { FinancialYear } from '../../api/types';
import {
  liveRatios,
  toFinancialInput,
  toFormValues,
  type FinancialsFormValues,
} from './financials-input';

const filled: FinancialsFormValues = {
  revenue: 1234.5678,
  costOfSales: 800,
  netProfit: -12.5,
  rdExpense: 80.1,
  taxPaid: 50,
  totalAssets: 2000,
  totalLiabilities: 1100,
  accountsReceivable: 300,
  inventory: 170,
  accountsPayable: 140,
  prepayments: 15,
  advancesReceived: 35,
  ownWorkingCapital: 110,
  existingWorkingCapitalLoans: 50,
  employees: 120,
  rdStaff: 30,
  inventionPatents: 4,
};

describe('financials form', () => {
  it('converts 万元 to whole yuan exactly, negatives included', () => {
    expect(toFinancialInput(filled)).toMatchObject({
      revenue: 12_345_678,
      rdExpense: 801_000,
      netProfit: -125_000,
      employees: 120,
    });
  });

  it('waits for every field before building a body', () => {
    expect(toFinancialInput({ ...filled, inventory: null })).toBeNull();
  });

  it('round-trips a stored year through the form', () => {
    const body = toFinancialInput(filled);
    if (!body) throw new Error('no body');
    expect(toFinancialInput(toFormValues({ year: 2025, ...body } as FinancialYear))).toEqual(body);
  });

  it('derives the ratios the rules read, growth against the previous year', () => {
    const prev = { year: 2024, revenue: 10_000_000 } as FinancialYear;
    const r = liveRatios(filled, 2025, prev);
    expect(r.rdIntensity).toBeCloseTo(801_000 / 12_345_678, 10);
    expect(r.debtRatio).toBeCloseTo(0.55, 10);
    expect(r.netMargin).toBeCloseTo(-125_000 / 12_345_678, 10);
    expect(r.revenueGrowth).toBeCloseTo(0.2345678, 10);
    expect(liveRatios({}, 2025, undefined)).toEqual({
      rdIntensity: null,
      debtRatio: null,
      netMargin: null,
      revenueGrowth: null,
    });
  });
});
