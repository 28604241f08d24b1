import { WORKING_CAPITAL_NEED } from '../fixtures';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from '../test-app';

describe('money is whole yuan', () => {
  let t: TestApp;
  let firm: Session;

  beforeAll(async () => {
    t = await createTestApp();
    firm = await registerFirm(t);
  });
  afterAll(() => t.close());

  it.each([
    ['a float', 1_000_000.5, 'must be a whole number of yuan (integer)'],
    ['a negative number', -5, 'must be at least 10000'],
    ['text', '2000000', 'must be a whole number of yuan (integer)'],
    ['null', null, 'must be a whole number of yuan (integer)'],
    ['beyond 2^53', 2 ** 60, 'must not exceed 1000000000000000'],
  ])('an amount that is %s gets a 400 naming amount', async (_, amount, problem) => {
    const res = await t
      .http()
      .post('/api/v1/needs')
      .set(bearer(firm))
      .send({ ...WORKING_CAPITAL_NEED, amount })
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.details).toContainEqual({ field: 'amount', problem });
  });

  it('a float or negative balance in the accounts is refused, field by field', async () => {
    const res = await t
      .http()
      .put('/api/v1/firms/me/financials/2024')
      .set(bearer(firm))
      .send({ revenue: 10.5, costOfSales: -1, netProfit: -200_000 })
      .expect(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(['revenue', 'costOfSales', 'rdExpense', 'totalAssets']),
    );
    expect(fields).not.toContain('netProfit'); // a loss is a legitimate negative profit
  });

  it('stores amounts exactly and derives ratios on read', async () => {
    const accounts = {
      revenue: 90_558_000,
      costOfSales: 59_768_280,
      netProfit: 7_335_198,
      rdExpense: 5_976_828,
      totalAssets: 113_197_500,
      totalLiabilities: 62_258_625,
      taxPaid: 4_075_110,
      employees: 168,
      rdStaff: 42,
      inventionPatents: 9,
      accountsReceivable: 21_733_920,
      inventory: 12_678_120,
      accountsPayable: 10_758_290,
      prepayments: 1_195_366,
      advancesReceived: 2_716_740,
      ownWorkingCapital: 8_150_220,
      existingWorkingCapitalLoans: 3_622_320,
    };
    const res = await t
      .http()
      .put('/api/v1/firms/me/financials/2020')
      .set(bearer(firm))
      .send(accounts)
      .expect(200);
    const fy = res.body.financials.find((f: { year: number }) => f.year === 2020);
    expect(fy).toMatchObject(accounts);
    expect(fy.rdIntensity).toBeCloseTo(0.066, 6);
    expect(fy.debtRatio).toBeCloseTo(0.55, 6);
  });

  it('rejects rdStaff above employees with a 400 naming rdStaff', async () => {
    const res = await t
      .http()
      .put('/api/v1/firms/me/financials/2023')
      .set(bearer(firm))
      .send({
        revenue: 1,
        costOfSales: 1,
        netProfit: 0,
        rdExpense: 0,
        totalAssets: 1,
        totalLiabilities: 0,
        taxPaid: 0,
        employees: 10,
        rdStaff: 11,
        inventionPatents: 0,
        accountsReceivable: 0,
        inventory: 0,
        accountsPayable: 0,
        prepayments: 0,
        advancesReceived: 0,
        ownWorkingCapital: 0,
        existingWorkingCapitalLoans: 0,
      })
      .expect(400);
    expect(res.body.details).toEqual([{ field: 'rdStaff', problem: 'must not exceed employees' }]);
  });
});
