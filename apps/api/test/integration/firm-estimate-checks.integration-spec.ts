import { ENGINE_VERSION, FAILURE_CODES, estimateWorkingCapitalLoan, revenueGrowth } from '@lianrong/matching';
import { FinancialYear } from '../../src/modules/firms/financial-year.entity';
import { bearer, createTestApp, type Session, type TestApp } from './test-app';

type Check = { rule: string; required: unknown; actual: unknown; passed: boolean; unit: string };

describe('firm workspace: suggested credit line and every rule as required vs actual', () => {
  let t: TestApp;
  let firm: Session;
  let bank: Session;

  beforeAll(async () => {
    t = await createTestApp();
    firm = await t.login('firm@lianrong.demo');
    bank = await t.login('bank@lianrong.demo');
  });
  afterAll(() => t.close());

  const estimate = (query: Record<string, string | number>, session: Session = firm) =>
    t.http().get('/api/v1/firms/me/working-capital-estimate').query(query).set(bearer(session));

  describe('GET /firms/me/working-capital-estimate', () => {
    it("defaults to the latest year and last year's growth, and shows every step in whole yuan", async () => {
      // Read from the database rather than the seed, so new demo years do not break the test.
      const years = await t.db
        .getRepository(FinancialYear)
        .find({ where: { firmId: firm.user.organization.id }, order: { year: 'DESC' } });
      const [fy] = years;
      const prev = years.find((y) => y.year === fy.year - 1);
      const growth = revenueGrowth(fy, prev) ?? 0;
      const expected = estimateWorkingCapitalLoan(fy, prev, growth);

      const res = await estimate({}).expect(200);
      expect(res.body).toMatchObject({
        year: fy.year,
        previousYear: prev?.year ?? null,
        growth: { value: growth, source: prev ? 'last_year' : 'none' },
        revenue: fy.revenue,
        workingCapital: expected.workingCapital,
        newLoanLimit: expected.newLoanLimit,
        deductions: {
          ownWorkingCapital: fy.ownWorkingCapital,
          existingWorkingCapitalLoans: fy.existingWorkingCapitalLoans,
          otherFunding: 0,
        },
      });
      expect(res.body.items.map((i: { item: string }) => i.item)).toEqual([
        'inventory',
        'receivables',
        'payables',
        'prepayments',
        'advances',
      ]);
      for (const item of res.body.items as { averageBalance: number; opening: number | null; closing: number }[]) {
        expect(Number.isInteger(item.averageBalance)).toBe(true);
        expect(Number.isInteger(item.closing)).toBe(true);
      }
      expect(res.body.turnoverCount).toBeCloseTo(expected.turnoverCount ?? NaN, 9);
    });

    it('takes the growth and other funding from the query', async () => {
      const res = await estimate({ growth: 0.1, otherFunding: 1_000_000 }).expect(200);
      expect(res.body.growth).toEqual({ value: 0.1, source: 'query' });
      expect(res.body.deductions.otherFunding).toBe(1_000_000);
      const none = await estimate({ growth: 0.1 }).expect(200);
      expect(res.body.newLoanLimit).toBe(Math.max(0, none.body.newLoanLimit - 1_000_000));
    });

    it('answers 400 naming the query field for bad values', async () => {
      for (const [query, field] of [
        [{ growth: 'abc' }, 'growth'],
        [{ growth: 20 }, 'growth'],
        [{ otherFunding: -1 }, 'otherFunding'],
        [{ otherFunding: 1.5 }, 'otherFunding'],
        [{ year: 'last' }, 'year'],
        [{ year: 1800 }, 'year'],
      ] as const) {
        const res = await estimate(query).expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
    });

    it('answers 404 naming the year when that year has no financials', async () => {
      const res = await estimate({ year: 1995 }).expect(404);
      expect(res.body.message).toContain('1995');
      expect(res.body.details).toEqual([{ field: 'year', problem: 'has no financials reported' }]);
    });

    it('is for firms only', async () => {
      await estimate({}, bank).expect(403);
    });
  });

  describe('GET /needs/:id/matches checks', () => {
    it('returns every rule as required vs actual, agreeing with eligibility', async () => {
      const firmId = firm.user.organization.id;
      const [need] = await t.db.query(
        `SELECT id, amount FROM funding_needs WHERE firm_id = $1 AND status = 'open' ORDER BY created_at LIMIT 1`,
        [firmId],
      );
      // The read path recomputes the explanation, so kept rows are all it needs; the
      // worker is covered by the pipeline suite.
      await t.db.query(
        `INSERT INTO matches (need_id, product_id, firm_id, bank_id, score, engine_version, in_need_top)
         SELECT $1, p.id, $2, p.bank_id, NULL, $3, true FROM loan_products p
         ON CONFLICT (need_id, product_id) DO UPDATE SET in_need_top = true`,
        [need.id, firmId, ENGINE_VERSION],
      );
      const res = await t.http().get(`/api/v1/needs/${need.id}/matches`).set(bearer(firm)).expect(200);
      const items = res.body.items as { components: unknown[]; checks: Check[] }[];
      expect(items.length).toBeGreaterThan(1);
      for (const item of items) {
        expect(item.checks.length).toBeGreaterThan(0);
        for (const c of item.checks) {
          expect(FAILURE_CODES).toContain(c.rule);
          expect(typeof c.passed).toBe('boolean');
          expect(typeof c.unit).toBe('string');
        }
        expect(item.checks.find((c) => c.rule === 'amount_out_of_range')).toMatchObject({
          actual: Number(need.amount),
          unit: 'yuan',
        });
        // Components exist only for eligible pairs.
        expect(item.components.length > 0).toBe(item.checks.every((c) => c.passed));
      }
      expect(items.some((i) => i.checks.every((c) => c.passed))).toBe(true);
      expect(items.some((i) => i.checks.some((c) => !c.passed))).toBe(true);
    });

    it('has no reasons column left on matches', async () => {
      const rows = await t.db.query(
        `SELECT 1 FROM information_schema.columns WHERE table_name = 'matches' AND column_name = 'reasons'`,
      );
      expect(rows).toEqual([]);
    });
  });
});
