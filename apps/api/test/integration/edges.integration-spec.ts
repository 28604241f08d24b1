import { randomUUID } from 'node:crypto';
import { demoIds } from '../../src/database/seeds/demo';
import { WORKING_CAPITAL_NEED } from './fixtures';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from './test-app';

const needBody = WORKING_CAPITAL_NEED;

describe('edges of the API', () => {
  let t: TestApp;
  let firm: Session;
  let bank: Session;
  let gov: Session;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    firm = await registerFirm(t);
    bank = await t.login('bank@lianrong.demo');
    gov = await t.login('gov@lianrong.demo');
    admin = await t.login('admin@lianrong.demo');
  });
  afterAll(() => t.close());

  describe('money is whole yuan', () => {
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
        .send({ ...needBody, amount })
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
      expect(res.body.details).toEqual([
        { field: 'rdStaff', problem: 'must not exceed employees' },
      ]);
    });
  });

  describe('malformed requests', () => {
    it('malformed JSON is a 400 naming the body', async () => {
      const res = await t
        .http()
        .post('/api/v1/needs')
        .set(bearer(firm))
        .set('Content-Type', 'application/json')
        .send('{"amount": 12,')
        .expect(400);
      expect(res.body.details).toEqual([{ field: 'body', problem: 'is not valid JSON' }]);
    });

    it('a bad query parameter is a 400 naming it', async () => {
      const products = await t.http().get('/api/v1/products').set(bearer(bank)).expect(200);
      const id = products.body.items[0].id as string;
      for (const limit of ['abc', '0', '5000']) {
        const res = await t
          .http()
          .get(`/api/v1/products/${id}/matches?limit=${limit}`)
          .set(bearer(bank))
          .expect(400);
        expect(res.body.details[0].field).toBe('limit');
      }
    });

    it('unknown fields are refused by name', async () => {
      const res = await t
        .http()
        .post('/api/v1/needs')
        .set(bearer(firm))
        .send({ ...needBody, whitelisted: true })
        .expect(400);
      expect(res.body.details).toContainEqual({ field: 'whitelisted', problem: 'is not allowed' });
    });

    it('a malformed id in the path is a 400 naming it', async () => {
      const res = await t.http().get('/api/v1/needs/not-a-uuid').set(bearer(firm)).expect(400);
      expect(res.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
    });

    const NASTY: unknown[] = [
      [],
      [1, 2],
      'text',
      42,
      null,
      { amount: { $gt: 0 } },
      { amount: [1] },
      { name: 'x'.repeat(10_000) },
      { regionCode: '4301000' },
      { chainIds: ['not-a-uuid'] },
      { chainIds: [randomUUID()] },
      { coreFirmId: randomUUID(), annualSales: 1 },
      { bankId: randomUUID() },
      {
        kind: 'supply_chain',
        name: '坏产品',
        amountMin: 5,
        amountMax: 1,
        termMin: 3,
        termMax: 1,
        rateMinBps: 9,
        rateMaxBps: 1,
      },
      { __proto__: { admin: true } },
      { constructor: { prototype: { x: 1 } } },
      { amount: 1e308, termMonths: -0, maxRateBps: 1e-9 },
      { reason: '' },
      { email: 'a@b', password: 'x', uscc: '9'.repeat(18) },
    ];

    const ROUTES: [string, string, () => Session | null][] = [
      ['post', '/auth/register-firm', () => null],
      ['post', '/auth/login', () => null],
      ['post', '/auth/refresh', () => null],
      ['post', '/auth/logout', () => null],
      ['patch', '/firms/me', () => firm],
      ['put', '/firms/me/financials/2024', () => firm],
      ['post', '/firms/me/supply-links', () => firm],
      ['post', '/needs', () => firm],
      ['post', '/products', () => bank],
      ['put', `/gov/chains/${demoIds.chainId('rail')}/lead-bank`, () => gov],
      ['put', `/gov/whitelist/${randomUUID()}`, () => gov],
      ['post', '/admin/orgs', () => admin],
      ['post', '/admin/users', () => admin],
    ];

    it.each(ROUTES)('no malformed body makes %s %s answer 500', async (method, path, session) => {
      for (const body of NASTY) {
        const req = (
          t.http() as unknown as Record<string, (p: string) => import('supertest').Test>
        )[method](`/api/v1${path}`);
        const s = session();
        if (s) req.set(bearer(s));
        const res = await req.set('Content-Type', 'application/json').send(JSON.stringify(body));
        expect({ body, status: res.status }).toEqual({ body, status: expect.any(Number) });
        expect(res.status).toBeLessThan(500);
        if (res.status === 400) expect(Array.isArray(res.body.details)).toBe(true);
      }
    });
  });

  describe('state changes', () => {
    it('a withdrawn need cannot be withdrawn or edited again (409)', async () => {
      const need = await t
        .http()
        .post('/api/v1/needs')
        .set(bearer(firm))
        .send(needBody)
        .expect(201);
      expect(need.body.status).toBe('open');
      await t.http().post(`/api/v1/needs/${need.body.id}/withdraw`).set(bearer(firm)).expect(200);
      const again = await t
        .http()
        .post(`/api/v1/needs/${need.body.id}/withdraw`)
        .set(bearer(firm))
        .expect(409);
      expect(again.body.message).toMatch(/withdrawn/);
      await t
        .http()
        .patch(`/api/v1/needs/${need.body.id}`)
        .set(bearer(firm))
        .send({ amount: 3_000_000 })
        .expect(409);
    });

    it('a product whose minimum exceeds its maximum is a 400 naming the field, and is not written', async () => {
      const before = await t.http().get('/api/v1/products').set(bearer(bank)).expect(200);
      const res = await t
        .http()
        .post('/api/v1/products')
        .set(bearer(bank))
        .send({
          name: '倒挂贷',
          kind: 'credit',
          amountMin: 9_000_000,
          amountMax: 1_000_000,
          termMin: 3,
          termMax: 12,
          rateMinBps: 400,
          rateMaxBps: 500,
        })
        .expect(400);
      expect(res.body.details).toEqual([
        { field: 'amountMin', problem: 'must not exceed amountMax' },
      ]);
      const after = await t.http().get('/api/v1/products').set(bearer(bank)).expect(200);
      expect(after.body.items).toHaveLength(before.body.items.length);
    });

    it('a supply-chain product must name a core enterprise', async () => {
      const res = await t
        .http()
        .post('/api/v1/products')
        .set(bearer(bank))
        .send({
          name: '链贷',
          kind: 'supply_chain',
          amountMin: 1,
          amountMax: 2,
          termMin: 1,
          termMax: 2,
          rateMinBps: 1,
          rateMaxBps: 2,
        })
        .expect(400);
      expect(res.body.details[0].field).toBe('coreEnterpriseIds');
    });

    it('pausing a product is an update of its status, audited', async () => {
      const created = await t
        .http()
        .post('/api/v1/products')
        .set(bearer(bank))
        .send({
          name: '暂停测试贷',
          kind: 'credit',
          amountMin: 1,
          amountMax: 2,
          termMin: 1,
          termMax: 2,
          rateMinBps: 1,
          rateMaxBps: 2,
        })
        .expect(201);
      const paused = await t
        .http()
        .patch(`/api/v1/products/${created.body.id}`)
        .set(bearer(bank))
        .send({ status: 'paused' })
        .expect(200);
      expect(paused.body.status).toBe('paused');
      const [event] = await t.db.query(
        `SELECT from_status, to_status FROM audit_events WHERE entity_id = $1 AND action = 'product.updated'`,
        [created.body.id],
      );
      expect(event).toEqual({ from_status: 'active', to_status: 'paused' });
    });

    it('a supplier claims a core enterprise; only that core firm confirms, once', async () => {
      const supplier = await registerFirm(t);
      const core = await registerFirm(t, { name: '链主测试企业' });
      const link = await t
        .http()
        .post('/api/v1/firms/me/supply-links')
        .set(bearer(supplier))
        .send({ coreFirmId: core.user.organization.id, annualSales: 8_000_000 })
        .expect(201);
      expect(link.body.status).toBe('pending');
      await t
        .http()
        .post(`/api/v1/supply-links/${link.body.id}/confirm`)
        .set(bearer(supplier))
        .expect(404);
      const confirmed = await t
        .http()
        .post(`/api/v1/supply-links/${link.body.id}/confirm`)
        .set(bearer(core))
        .expect(201);
      expect(confirmed.body.status).toBe('confirmed');
      await t
        .http()
        .post(`/api/v1/supply-links/${link.body.id}/confirm`)
        .set(bearer(core))
        .expect(409);
      const mine = await t
        .http()
        .get('/api/v1/firms/me/supply-links')
        .set(bearer(core))
        .expect(200);
      expect(mine.body.asCore.map((l: { id: string }) => l.id)).toContain(link.body.id);
    });

    it('gov keeps the white list with a reason; a firm cannot whitelist itself', async () => {
      const target = await registerFirm(t, { regionCode: '430300' });
      const firmId = target.user.organization.id;
      await t
        .http()
        .patch('/api/v1/firms/me')
        .set(bearer(target))
        .send({ whitelisted: true })
        .expect(400);
      const added = await t
        .http()
        .put(`/api/v1/gov/whitelist/${firmId}`)
        .set(bearer(gov))
        .send({ reason: '2025 第一批' })
        .expect(200);
      expect(added.body).toMatchObject({ whitelisted: true, whitelistReason: '2025 第一批' });
      await t
        .http()
        .put(`/api/v1/gov/whitelist/${firmId}`)
        .set(bearer(gov))
        .send({ reason: '再次' })
        .expect(409);
      const removed = await t
        .http()
        .delete(`/api/v1/gov/whitelist/${firmId}`)
        .set(bearer(gov))
        .expect(200);
      expect(removed.body.whitelisted).toBe(false);
    });

    it('gov sets a chain lead bank; a non-bank is a 400 naming bankId', async () => {
      const chain = demoIds.chainId('biomed');
      const res = await t
        .http()
        .put(`/api/v1/gov/chains/${chain}/lead-bank`)
        .set(bearer(gov))
        .send({ bankId: demoIds.orgId('bank', 'boc') })
        .expect(200);
      expect(res.body.leadBank.name).toBe('中国银行湖南省分行');
      const bad = await t
        .http()
        .put(`/api/v1/gov/chains/${chain}/lead-bank`)
        .set(bearer(gov))
        .send({ bankId: gov.user.organization.id })
        .expect(400);
      expect(bad.body.details).toEqual([{ field: 'bankId', problem: 'is not a bank' }]);
    });
  });

  describe('platform edges', () => {
    it('/api/health reports Postgres and Redis', async () => {
      const res = await t.http().get('/api/health').expect(200);
      expect(res.body.details).toMatchObject({
        postgres: { status: 'up' },
        redis: { status: 'up' },
      });
    });

    it('serves the OpenAPI document generated from the code', async () => {
      const res = await t.http().get('/api/docs-json').expect(200);
      expect(res.body.paths).toHaveProperty('/api/v1/auth/register-firm');
      expect(res.body.paths).toHaveProperty('/api/v1/needs/{id}/withdraw');
      expect(res.body.components.schemas.CreateNeedDto.properties.amount).toMatchObject({
        type: 'integer',
      });
    });

    it('shows the queues (bull-board) to admins only', async () => {
      await t.http().get('/admin/queues').expect(401);
      await t.http().get(`/admin/queues?token=${bank.accessToken}`).expect(403);
      const page = await t.http().get(`/admin/queues?token=${admin.accessToken}`).expect(200);
      expect(page.headers['set-cookie']?.[0]).toMatch(/lr_board=.*HttpOnly/);
      const queues = await t
        .http()
        .get('/admin/queues/api/queues')
        .set('Authorization', `Bearer ${admin.accessToken}`);
      expect(queues.status).toBe(200);
      expect(queues.body.queues.map((q: { name: string }) => q.name)).toEqual(
        expect.arrayContaining(['matching', 'matching-background']),
      );
    });

    it('sets security headers (helmet)', async () => {
      const res = await t.http().get('/api/health');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBeDefined();
    });
  });
});
