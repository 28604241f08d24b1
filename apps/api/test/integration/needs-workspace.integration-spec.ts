import { ENGINE_VERSION } from '@lianrong/matching';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from './test-app';

type Check = { rule: string; required: unknown; actual: unknown; passed: boolean; unit: string };

// The firm's need page: its list with match counts, near-misses worded from check and gap,
// and the what-if sandbox, which must leave every stored row as it was.
describe('firm needs: match counts, near-misses and what-if', () => {
  let t: TestApp;
  let firm: Session;
  let needId: string;

  const post = (path: string, body: object, session: Session = firm) =>
    t.http().post(path).set(bearer(session)).send(body);
  const whatIf = (body: object, id = needId, session: Session = firm) =>
    post(`/api/v1/needs/${id}/what-if`, body, session);

  beforeAll(async () => {
    t = await createTestApp();
    firm = await t.login('firm@lianrong.demo');
    // IP-pledged working capital: 创新贷 admits it; 成长贷 wants property and 小巨人贷 a little giant.
    const res = await post('/api/v1/needs', {
      amount: 5_000_000,
      termMonths: 24,
      purpose: 'working_capital',
      maxRateBps: 500,
      collateral: 'ip_pledge',
    }).expect(201);
    needId = res.body.id;
  });
  afterAll(() => t.close());

  it('lists each need with the number of products its page shows', async () => {
    const firmId = firm.user.organization.id;
    await t.db.query(
      `INSERT INTO matches (need_id, product_id, firm_id, bank_id, score, engine_version, in_need_top)
       SELECT $1, p.id, $2, p.bank_id, 50, $3, true FROM loan_products p ORDER BY p.id LIMIT 2`,
      [needId, firmId, ENGINE_VERSION],
    );
    const res = await t.http().get('/api/v1/needs').set(bearer(firm)).expect(200);
    const items = res.body.items as { id: string; matchCount: number }[];
    expect(items.find((n) => n.id === needId)?.matchCount).toBe(2);
    for (const n of items) expect(Number.isInteger(n.matchCount)).toBe(true);
    await t.db.query('DELETE FROM matches WHERE need_id = $1', [needId]);
  });

  it('gives each near-miss its failed check in page units and the gap to close', async () => {
    const res = await t.http().get(`/api/v1/needs/${needId}/near-misses`).set(bearer(firm)).expect(200);
    const items = res.body.items as {
      productName: string;
      bankName: string;
      failure: { code: string };
      check: Check;
      gap: number | null;
    }[];
    expect(items.length).toBeGreaterThan(0);
    for (const m of items) {
      expect(m.check).toMatchObject({ rule: m.failure.code, passed: false });
      expect(m.productName).not.toBe('');
      expect(m.bankName).not.toBe('');
      if (m.gap !== null) expect(m.gap).toBeGreaterThan(0);
    }
    const growth = items.find((m) => m.productName === '成长贷');
    expect(growth?.check).toMatchObject({ rule: 'collateral_not_accepted', actual: 'ip_pledge', unit: 'collateral' });
    expect(growth?.gap).toBeNull();
  });

  it('opens a product when the collateral changes, and the ranking carries scores', async () => {
    const res = await whatIf({ collateral: 'property' }).expect(200);
    const names = (xs: { productName: string }[]) => xs.map((x) => x.productName);
    expect(names(res.body.opened)).toContain('成长贷');
    expect(names(res.body.closed)).toContain('创新贷');
    for (const r of res.body.ranked as { score: number; components: unknown[] }[]) {
      expect(r.score).toBeGreaterThan(0);
      expect(r.components.length).toBeGreaterThan(0);
    }
    const tier = await whatIf({ tier: 'little_giant' }).expect(200);
    expect(names(tier.body.opened)).toContain('小巨人贷');
  });

  it('changes nothing: no outbox row, no match row, no need row', async () => {
    const snapshot = () =>
      Promise.all([
        t.db.query('SELECT count(*)::int AS n, max(id)::text AS last FROM outbox_events'),
        t.db.query('SELECT * FROM matches ORDER BY id'),
        t.db.query('SELECT * FROM funding_needs WHERE id = $1', [needId]),
        t.db.query('SELECT * FROM firms WHERE id = $1', [firm.user.organization.id]),
      ]);
    const before = await snapshot();
    await whatIf({
      tier: 'champion',
      rdExpense: 20_000_000,
      revenue: 200_000_000,
      totalLiabilities: 1_000_000,
      collateral: 'property',
      amount: 8_000_000,
      termMonths: 36,
      whitelisted: true,
    }).expect(200);
    expect(await snapshot()).toEqual(before);
  });

  it('opens and closes nothing with no change', async () => {
    const res = await whatIf({}).expect(200);
    expect(res.body.opened).toEqual([]);
    expect(res.body.closed).toEqual([]);
    for (const r of res.body.ranked as { score: number; previousScore: number }[]) {
      expect(r.previousScore).toBe(r.score);
    }
  });

  it('answers 400 naming each bad field', async () => {
    for (const [body, field] of [
      [{ tier: 'emperor' }, 'tier'],
      [{ rdExpense: -1 }, 'rdExpense'],
      [{ rdExpense: 1.5 }, 'rdExpense'],
      [{ revenue: 0 }, 'revenue'],
      [{ revenue: '100' }, 'revenue'],
      [{ totalLiabilities: -5 }, 'totalLiabilities'],
      [{ collateral: 'gold' }, 'collateral'],
      [{ amount: 100 }, 'amount'],
      [{ termMonths: 0 }, 'termMonths'],
      [{ termMonths: 6.5 }, 'termMonths'],
      [{ whitelisted: 'yes' }, 'whitelisted'],
      [{ region: '110000' }, 'region'],
    ] as const) {
      const res = await whatIf(body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it("refuses financial changes for a firm with no accounts, naming the field", async () => {
    const fresh = await registerFirm(t);
    const need = await post(
      '/api/v1/needs',
      { amount: 1_000_000, termMonths: 12, purpose: 'working_capital', maxRateBps: 600, collateral: 'none' },
      fresh,
    ).expect(201);
    const res = await whatIf({ revenue: 10_000_000 }, need.body.id, fresh).expect(400);
    expect(res.body.details).toEqual([{ field: 'revenue', problem: expect.any(String) }]);
    await whatIf({ collateral: 'property' }, need.body.id, fresh).expect(200);
  });

  it("hides another firm's need (404) and is for firms only (403)", async () => {
    const other = await registerFirm(t);
    await whatIf({}, needId, other).expect(404);
    await t.http().get(`/api/v1/needs/${needId}/near-misses`).set(bearer(other)).expect(404);
    await t.http().get(`/api/v1/needs/${needId}/matches`).set(bearer(other)).expect(404);
    await whatIf({}, '00000000-0000-4000-8000-000000000000').expect(404);
    const bank = await t.login('bank@lianrong.demo');
    await whatIf({}, needId, bank).expect(403);
  });
});
