import { evaluate, nearMisses, rankForNeed } from '../index';
import { firm, need, product } from './fixtures';

// 长沙银行 via 中企云链: supply-chain finance for upstream suppliers of rail-transit core
// enterprises such as 中车株洲所 (illustrative product terms).
const CRRC_ZHUZHOU = 'core-crrc-zhuzhou-institute';
const TIMES_NEW_MATERIAL = 'core-times-new-material';
const chainLoan = product({
  id: 'prod-csbank-yunlian',
  bankId: 'bank-changsha',
  kind: 'supply_chain',
  amountMin: 500_000,
  amountMax: 20_000_000,
  termMax: 12,
  rateMinBps: 360,
  chains: ['rail_transit'],
  collateralAccepted: ['receivables', 'none'],
  coreEnterpriseIds: [CRRC_ZHUZHOU, TIMES_NEW_MATERIAL],
  purposes: ['supply_chain', 'working_capital'],
});
// 株洲车城机车配件: locomotive parts supplier in Zhuzhou (figures illustrative).
const supplier = firm({
  id: 'firm-checheng',
  regionCode: '430211',
  industryCode: 'C3714',
  tier: 'srdi',
  chainIds: ['rail_transit'],
  whitelisted: false,
  supplierOf: [CRRC_ZHUZHOU],
});
const receivablesNeed = need({ amount: 3_000_000, termMonths: 6, purpose: 'supply_chain', collateral: 'receivables' });

describe('supply-chain loan with 中车株洲所 as core enterprise', () => {
  it('fits a confirmed supplier of 中车株洲所', () => {
    expect(evaluate(supplier, receivablesNeed, chainLoan).failures).toEqual([]);
  });

  it('turns away a firm that supplies no listed core enterprise, as a one-rule near-miss', () => {
    const other = { ...supplier, supplierOf: ['core-sany'] };
    expect(nearMisses(other, receivablesNeed, [chainLoan])).toMatchObject([
      {
        productId: 'prod-csbank-yunlian',
        failure: { code: 'not_in_supply_chain', required: `${CRRC_ZHUZHOU},${TIMES_NEW_MATERIAL}` },
        check: { rule: 'not_in_supply_chain', passed: false, unit: 'core_enterprise' },
        gap: null,
      },
    ]);
  });

  it('scores chain membership and the chain lead bank (一链一行)', () => {
    const ctx = { leadBankByChain: { rail_transit: 'bank-changsha' } };
    const chainOf = (e: ReturnType<typeof evaluate>) => e.components.find((c) => c.name === 'chain');
    const led = evaluate(supplier, receivablesNeed, chainLoan, ctx);
    const unled = evaluate(supplier, receivablesNeed, chainLoan);
    expect(chainOf(led)).toEqual({ name: 'chain', weight: 15, value: 0.75, points: 11.25 });
    expect(chainOf(unled)).toEqual({ name: 'chain', weight: 15, value: 0.4, points: 6 });
    expect((led.score ?? 0) - (unled.score ?? 0)).toBeCloseTo(5.25, 9);
  });

  it('ranks the lead bank product first when everything else is equal', () => {
    const ctx = { leadBankByChain: { rail_transit: 'bank-changsha' } };
    const rival = { ...chainLoan, id: 'prod-aaa-rival', bankId: 'bank-other' };
    expect(rankForNeed(supplier, receivablesNeed, [rival, chainLoan], 2, ctx).map((r) => r.productId)).toEqual([
      'prod-csbank-yunlian',
      'prod-aaa-rival',
    ]);
    // Without the context the tie breaks by id.
    expect(rankForNeed(supplier, receivablesNeed, [chainLoan, rival], 2).map((r) => r.productId)).toEqual([
      'prod-aaa-rival',
      'prod-csbank-yunlian',
    ]);
  });
});
