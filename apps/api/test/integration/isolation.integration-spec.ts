import { randomUUID } from 'node:crypto';
import { demoIds } from '../../src/database/seeds/demo';
import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import { WORKING_CAPITAL_NEED, creditProduct } from './fixtures';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from './test-app';

type Role = 'firm' | 'bank' | 'gov' | 'admin';
type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/**
 * DESIGN §2: every route × every role × own vs foreign resource. A role outside the route
 * gets 403; inside it, its own resource answers 2xx and a foreign one 404 — exactly like a
 * resource that does not exist.
 */
interface RouteCase {
  name: string;
  method: Method;
  roles: Role[];
  /** Path for the caller's own resource, and for one it must not see (omitted: no id in the path). */
  own: (ctx: Ctx, role: Role) => string;
  foreign?: (ctx: Ctx) => string;
  /** Roles for which `foreign` must be invisible (default: all of `roles`; an admin sees every job). */
  foreignRoles?: Role[];
  body?: (ctx: Ctx, role: Role) => object;
  /** Makes the resource `:own` in `own` stands for, one per call (default: a supply link to confirm). */
  fresh?: (ctx: Ctx) => Promise<string>;
}

interface Ctx {
  sessions: Record<Role, Session>;
  ownNeed: string;
  foreignNeed: string;
  ownProduct: string;
  foreignProduct: string;
  ownJob: string;
  foreignJob: string;
  adminJob: string;
  ownChain: string;
  foreignChain: string;
  ownLinkToConfirm: () => Promise<string>;
  foreignLink: string;
  firmInRegion: string;
  firmOutOfRegion: string;
  bankId: string;
  /** A notice to each role's demo user, and one to a user of another firm. */
  ownNotice: Record<Role, string>;
  foreignNotice: string;
  /** A match of the demo firm's at the demo bank, and one of neither. */
  ownMatch: string;
  ownDeclinedMatch: string;
  foreignMatch: string;
  /** A fresh application of the demo firm at the demo bank (version 1), one per call. */
  freshApplication: () => Promise<string>;
  freshNeed: () => Promise<string>;
  /** A firm in the demo bank's queue (ranked in the officer's view of one of its products). */
  queueFirm: string;
  /** The demo firm (博匠) and its bank (中国银行, the electronics chain's lead) are invited. */
  ownRoadshow: string;
  /** Organised by an agency of another province. */
  foreignRoadshow: string;
}

const needBody = WORKING_CAPITAL_NEED;
const REMOVAL_REASON = encodeURIComponent('隔离测试');
const productBody = creditProduct('隔离测试贷');
const financialsBody = {
  revenue: 50_000_000,
  costOfSales: 30_000_000,
  netProfit: 4_000_000,
  rdExpense: 3_000_000,
  totalAssets: 60_000_000,
  totalLiabilities: 30_000_000,
  taxPaid: 2_000_000,
  employees: 120,
  rdStaff: 30,
  inventionPatents: 6,
  accountsReceivable: 10_000_000,
  inventory: 6_000_000,
  accountsPayable: 5_000_000,
  prepayments: 500_000,
  advancesReceived: 800_000,
  ownWorkingCapital: 5_000_000,
  existingWorkingCapitalLoans: 2_000_000,
};

const ROUTES: RouteCase[] = [
  {
    name: 'GET /auth/me',
    method: 'get',
    roles: ['firm', 'bank', 'gov', 'admin'],
    own: () => '/auth/me',
  },
  { name: 'GET /firms/me', method: 'get', roles: ['firm'], own: () => '/firms/me' },
  {
    name: 'PATCH /firms/me',
    method: 'patch',
    roles: ['firm'],
    own: () => '/firms/me',
    body: () => ({ name: '湖南博匠信息科技有限公司' }),
  },
  {
    name: 'PUT /firms/me/financials/:year',
    method: 'put',
    roles: ['firm'],
    own: () => '/firms/me/financials/2024',
    body: () => financialsBody,
  },
  {
    name: 'GET /firms/me/applications',
    method: 'get',
    roles: ['firm'],
    own: () => '/firms/me/applications',
  },
  {
    name: 'GET /firms/me/supply-links',
    method: 'get',
    roles: ['firm'],
    own: () => '/firms/me/supply-links',
  },
  {
    name: 'POST /supply-links/:id/confirm',
    method: 'post',
    roles: ['firm'],
    own: () => '/supply-links/:own/confirm',
    foreign: (c) => `/supply-links/${c.foreignLink}/confirm`,
  },
  {
    name: 'POST /supply-links/:id/reject',
    method: 'post',
    roles: ['firm'],
    own: () => '/supply-links/:own/reject',
    foreign: (c) => `/supply-links/${c.foreignLink}/reject`,
    body: () => ({ reason: '未向该企业供货' }),
  },
  {
    name: 'GET /supply-links/core-enterprises',
    method: 'get',
    roles: ['firm', 'bank'],
    own: () => '/supply-links/core-enterprises?q=%E4%B8%AD%E8%BD%A6',
  },
  {
    name: 'POST /needs',
    method: 'post',
    roles: ['firm'],
    own: () => '/needs',
    body: () => needBody,
  },
  { name: 'GET /needs', method: 'get', roles: ['firm'], own: () => '/needs' },
  {
    name: 'GET /needs/:id',
    method: 'get',
    roles: ['firm'],
    own: (c) => `/needs/${c.ownNeed}`,
    foreign: (c) => `/needs/${c.foreignNeed}`,
  },
  {
    name: 'PATCH /needs/:id',
    method: 'patch',
    roles: ['firm'],
    own: (c) => `/needs/${c.ownNeed}`,
    foreign: (c) => `/needs/${c.foreignNeed}`,
    body: () => ({ termMonths: 18 }),
  },
  {
    name: 'GET /needs/:id/matches',
    method: 'get',
    roles: ['firm'],
    own: (c) => `/needs/${c.ownNeed}/matches`,
    foreign: (c) => `/needs/${c.foreignNeed}/matches`,
  },
  {
    name: 'GET /needs/:id/near-misses',
    method: 'get',
    roles: ['firm'],
    own: (c) => `/needs/${c.ownNeed}/near-misses`,
    foreign: (c) => `/needs/${c.foreignNeed}/near-misses`,
  },
  {
    name: 'GET /products/:id/matches',
    method: 'get',
    roles: ['bank'],
    own: (c) => `/products/${c.ownProduct}/matches`,
    foreign: (c) => `/products/${c.foreignProduct}/matches`,
  },
  {
    name: 'GET /jobs/:id',
    method: 'get',
    roles: ['bank', 'admin'],
    own: (c, role) => `/jobs/${role === 'admin' ? c.adminJob : c.ownJob}`,
    foreign: (c) => `/jobs/${c.foreignJob}`,
    foreignRoles: ['bank'],
  },
  { name: 'POST /admin/rematch', method: 'post', roles: ['admin'], own: () => '/admin/rematch' },
  { name: 'GET /bank/matches', method: 'get', roles: ['bank'], own: () => '/bank/matches' },
  {
    name: 'GET /bank/matches/export.xlsx',
    method: 'get',
    roles: ['bank'],
    own: () => '/bank/matches/export.xlsx',
  },
  { name: 'GET /bank/chains', method: 'get', roles: ['bank'], own: () => '/bank/chains' },
  {
    name: 'GET /bank/firms/:firmId',
    method: 'get',
    roles: ['bank'],
    own: (c) => `/bank/firms/${c.queueFirm}`,
    foreign: (c) => `/bank/firms/${c.firmOutOfRegion}`,
  },
  {
    name: 'POST /products',
    method: 'post',
    roles: ['bank'],
    own: () => '/products',
    body: () => productBody,
  },
  {
    name: 'POST /products/dry-run',
    method: 'post',
    roles: ['bank'],
    own: () => '/products/dry-run',
    body: () => productBody,
  },
  { name: 'GET /products/chains', method: 'get', roles: ['bank'], own: () => '/products/chains' },
  { name: 'GET /products', method: 'get', roles: ['bank'], own: () => '/products' },
  {
    name: 'GET /products/:id',
    method: 'get',
    roles: ['bank'],
    own: (c) => `/products/${c.ownProduct}`,
    foreign: (c) => `/products/${c.foreignProduct}`,
  },
  {
    name: 'PATCH /products/:id',
    method: 'patch',
    roles: ['bank'],
    own: (c) => `/products/${c.ownProduct}`,
    foreign: (c) => `/products/${c.foreignProduct}`,
    body: () => ({ rateMaxBps: 650 }),
  },
  { name: 'GET /gov/chains', method: 'get', roles: ['gov'], own: () => '/gov/chains' },
  {
    name: 'GET /gov/chains/:id',
    method: 'get',
    roles: ['gov'],
    own: (c) => `/gov/chains/${c.ownChain}`,
    foreign: (c) => `/gov/chains/${c.foreignChain}`,
  },
  {
    name: 'PUT /gov/chains/:id/lead-bank',
    method: 'put',
    roles: ['gov'],
    own: (c) => `/gov/chains/${c.ownChain}/lead-bank`,
    foreign: (c) => `/gov/chains/${c.foreignChain}/lead-bank`,
    body: (c) => ({ bankId: c.bankId }),
  },
  {
    name: 'PUT /gov/whitelist/:firmId',
    method: 'put',
    roles: ['gov'],
    own: (c) => `/gov/whitelist/${c.firmInRegion}`,
    foreign: (c) => `/gov/whitelist/${c.firmOutOfRegion}`,
    body: () => ({ reason: '隔离测试' }),
  },
  {
    name: 'DELETE /gov/whitelist/:firmId',
    method: 'delete',
    roles: ['gov'],
    own: (c) => `/gov/whitelist/${c.firmInRegion}?reason=${REMOVAL_REASON}`,
    foreign: (c) => `/gov/whitelist/${c.firmOutOfRegion}?reason=${REMOVAL_REASON}`,
  },
  { name: 'GET /gov/whitelist', method: 'get', roles: ['gov'], own: () => '/gov/whitelist' },
  {
    name: 'GET /gov/firms',
    method: 'get',
    roles: ['gov'],
    own: () => '/gov/firms?q=%E6%B9%96%E5%8D%97',
  },
  {
    name: 'GET /gov/firms/:firmId/matches',
    method: 'get',
    roles: ['gov'],
    own: (c) => `/gov/firms/${c.firmInRegion}/matches`,
    foreign: (c) => `/gov/firms/${c.firmOutOfRegion}/matches`,
  },
  { name: 'GET /gov/lead-banks', method: 'get', roles: ['gov'], own: () => '/gov/lead-banks' },
  {
    name: 'POST /gov/roadshows',
    method: 'post',
    roles: ['gov'],
    own: () => '/gov/roadshows',
    body: (c) => ({ chainId: c.ownChain, month: '2026-03' }),
  },
  { name: 'GET /gov/roadshows', method: 'get', roles: ['gov'], own: () => '/gov/roadshows' },
  {
    name: 'GET /gov/roadshows/:id',
    method: 'get',
    roles: ['gov'],
    own: (c) => `/gov/roadshows/${c.ownRoadshow}`,
    foreign: (c) => `/gov/roadshows/${c.foreignRoadshow}`,
  },
  {
    name: 'GET /roadshows/invitations',
    method: 'get',
    roles: ['firm', 'bank'],
    own: () => '/roadshows/invitations',
  },
  {
    name: 'GET /roadshows/:id',
    method: 'get',
    roles: ['firm', 'bank'],
    own: (c) => `/roadshows/${c.ownRoadshow}`,
    foreign: (c) => `/roadshows/${c.foreignRoadshow}`,
  },
  {
    name: 'PUT /roadshows/:id/intents/:firmId',
    method: 'put',
    roles: ['bank'],
    own: (c) => `/roadshows/${c.ownRoadshow}/intents/${c.sessions.firm.user.organization.id}`,
    foreign: (c) =>
      `/roadshows/${c.foreignRoadshow}/intents/${c.sessions.firm.user.organization.id}`,
    body: () => ({ amount: 5_000_000 }),
  },
  {
    name: 'DELETE /roadshows/:id/intents/:firmId',
    method: 'delete',
    roles: ['bank'],
    own: (c) => `/roadshows/${c.ownRoadshow}/intents/${c.sessions.firm.user.organization.id}`,
    foreign: (c) =>
      `/roadshows/${c.foreignRoadshow}/intents/${c.sessions.firm.user.organization.id}`,
  },
  {
    name: 'POST /needs/:id/applications',
    method: 'post',
    roles: ['firm'],
    own: () => '/needs/:own/applications',
    fresh: (c) => c.freshNeed(),
    foreign: (c) => `/needs/${c.foreignNeed}/applications`,
    body: (c) => ({ productId: c.ownProduct, creditCheckConsent: true }),
  },
  {
    name: 'GET /matches/:id',
    method: 'get',
    roles: ['firm', 'bank'],
    own: (c) => `/matches/${c.ownMatch}`,
    foreign: (c) => `/matches/${c.foreignMatch}`,
  },
  {
    name: 'GET /matches/:id/events',
    method: 'get',
    roles: ['firm', 'bank'],
    own: (c) => `/matches/${c.ownMatch}/events`,
    foreign: (c) => `/matches/${c.foreignMatch}/events`,
  },
  {
    name: 'GET /matches/:id/referrals',
    method: 'get',
    roles: ['firm'],
    own: (c) => `/matches/${c.ownDeclinedMatch}/referrals`,
    foreign: (c) => `/matches/${c.foreignMatch}/referrals`,
  },
  {
    name: 'POST /matches/:id/transition',
    method: 'post',
    roles: ['firm', 'bank'],
    own: () => '/matches/:own/transition',
    fresh: (c) => c.freshApplication(),
    foreign: (c) => `/matches/${c.foreignMatch}/transition`,
    body: (_, role) =>
      role === 'bank' ? { to: 'in_review', version: 1 } : { to: 'withdrawn', version: 1 },
  },
  {
    name: 'POST /matches/:id/document-requests',
    method: 'post',
    roles: ['bank'],
    own: () => '/matches/:own/document-requests',
    fresh: (c) => c.freshApplication(),
    foreign: (c) => `/matches/${c.foreignMatch}/document-requests`,
    body: () => ({ note: '请补充纳税证明', version: 1 }),
  },
  { name: 'GET /admin/orgs', method: 'get', roles: ['admin'], own: () => '/admin/orgs' },
  {
    name: 'PATCH /admin/orgs/:id',
    method: 'patch',
    roles: ['admin'],
    own: (c) => `/admin/orgs/${c.bankId}`,
    body: () => ({ responseDays: 5 }),
  },
  {
    name: 'POST /admin/orgs',
    method: 'post',
    roles: ['admin'],
    own: () => '/admin/orgs',
    body: () => ({
      kind: 'gov_agency',
      name: `隔离测试局${randomUUID().slice(0, 6)}`,
      regionCode: '430200',
    }),
  },
  {
    name: 'GET /notifications',
    method: 'get',
    roles: ['firm', 'bank', 'gov', 'admin'],
    own: () => '/notifications',
  },
  {
    name: 'POST /notifications/:id/read',
    method: 'post',
    roles: ['firm', 'bank', 'gov', 'admin'],
    own: (c, role) => `/notifications/${c.ownNotice[role]}/read`,
    foreign: (c) => `/notifications/${c.foreignNotice}/read`,
  },
  {
    name: 'POST /notifications/read-all',
    method: 'post',
    roles: ['firm', 'bank', 'gov', 'admin'],
    own: () => '/notifications/read-all',
  },
];

describe('tenant isolation matrix', () => {
  let t: TestApp;
  let ctx: Ctx;

  beforeAll(async () => {
    t = await createTestApp();
    const sessions = {
      firm: await t.login('firm@lianrong.demo'),
      bank: await t.login('bank@lianrong.demo'),
      gov: await t.login('gov@lianrong.demo'),
      admin: await t.login('admin@lianrong.demo'),
    };
    const otherFirm = await t.login('checheng@lianrong.demo');
    const crrc = await t.login('crrc@lianrong.demo');
    const otherBank = await t.login('cssb@lianrong.demo');

    const ownNeed = await t
      .http()
      .post('/api/v1/needs')
      .set(bearer(sessions.firm))
      .send(needBody)
      .expect(201);
    const foreignNeed = await t
      .http()
      .post('/api/v1/needs')
      .set(bearer(otherFirm))
      .send(needBody)
      .expect(201);
    const ownProduct = await t
      .http()
      .post('/api/v1/products')
      .set(bearer(sessions.bank))
      .send(productBody)
      .expect(201);
    const foreignProduct = await t
      .http()
      .post('/api/v1/products')
      .set(bearer(otherBank))
      .send(productBody)
      .expect(201);

    // A chain outside Hunan, and a firm registered in Guangdong.
    const [guangdongChain] = await t.db.query(
      `INSERT INTO chains (name, region_code) VALUES ('粤港澳电子信息-${randomUUID().slice(0, 8)}', '440000') RETURNING id`,
    );
    // Only a core enterprise can be claimed: the demo firm leads that out-of-region chain, so
    // links naming it can be created here without touching what the Hunan gov user sees.
    await t.db.query(`INSERT INTO chain_core_enterprises (chain_id, firm_id) VALUES ($1, $2)`, [
      guangdongChain.id,
      sessions.firm.user.organization.id,
    ]);
    const outOfRegion = await registerFirm(t, { regionCode: '440300' });
    const inRegion = await registerFirm(t, { regionCode: '430200' });

    // A link the demo firm (博匠) neither supplies nor anchors: 车城机车 → 中车株洲所.
    const [foreignLink] = await t.db.query(
      `SELECT id FROM supply_links WHERE supplier_id = $1 AND core_firm_id = $2`,
      [otherFirm.user.organization.id, crrc.user.organization.id],
    );

    const notice = async (userId: string): Promise<string> => {
      await t.app
        .get(NotificationsService)
        .notifyUser(t.db, userId, { kind: 'application_received' });
      const [row] = await t.db.query(
        'SELECT id FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1',
        [userId],
      );
      return row.id as string;
    };
    const ownNotice = {} as Record<Role, string>;
    for (const role of Object.keys(sessions) as Role[])
      ownNotice[role] = await notice(sessions[role].user.id);

    const apply = async (session: Session, needId: string, productId: string) =>
      (
        await t
          .http()
          .post(`/api/v1/needs/${needId}/applications`)
          .set(bearer(session))
          .send({ productId, creditCheckConsent: true })
          .expect(201)
      ).body as { id: string; version: number };
    const freshNeed = async () =>
      (await t.http().post('/api/v1/needs').set(bearer(sessions.firm)).send(needBody).expect(201))
        .body.id as string;
    const freshApplication = async () =>
      (await apply(sessions.firm, await freshNeed(), ownProduct.body.id)).id;
    const declined = await apply(sessions.firm, await freshNeed(), ownProduct.body.id);
    await t
      .http()
      .post(`/api/v1/matches/${declined.id}/transition`)
      .set(bearer(sessions.bank))
      .send({ to: 'declined', version: declined.version, reasonCode: 'outside_policy' })
      .expect(200);
    // The demo firm's new need ranked in the officer's view of the demo bank's new product.
    await t.db.query(
      `INSERT INTO matches (need_id, product_id, firm_id, bank_id, score, engine_version, in_product_top)
       VALUES ($1, $2, $3, $4, 70, 'test', true)`,
      [
        ownNeed.body.id,
        ownProduct.body.id,
        sessions.firm.user.organization.id,
        sessions.bank.user.organization.id,
      ],
    );
    // A roadshow of the demo agency on 博匠's chain, and one of a Guangdong agency.
    const ownRoadshow = await t
      .http()
      .post('/api/v1/gov/roadshows')
      .set(bearer(sessions.gov))
      .send({ chainId: demoIds.chainId('electronics'), month: '2026-02' })
      .expect(201);
    const [guangdongAgency] = await t.db.query(
      `INSERT INTO organizations (kind, name, region_code) VALUES ('gov_agency', '广东隔离测试局', '440000') RETURNING id`,
    );
    const [foreignRoadshow] = await t.db.query(
      `INSERT INTO roadshows (chain_id, month, title, region_code, organizer_id)
       VALUES ($1, '2026-02-01', '粤港澳路演', '440000', $2) RETURNING id`,
      [guangdongChain.id, guangdongAgency.id],
    );

    ctx = {
      sessions,
      ownNotice,
      foreignNotice: await notice(otherFirm.user.id),
      ownMatch: await freshApplication(),
      ownDeclinedMatch: declined.id,
      foreignMatch: (await apply(otherFirm, foreignNeed.body.id, foreignProduct.body.id)).id,
      freshApplication,
      freshNeed,
      ownRoadshow: ownRoadshow.body.id,
      foreignRoadshow: foreignRoadshow.id,
      ownNeed: ownNeed.body.id,
      foreignNeed: foreignNeed.body.id,
      ownProduct: ownProduct.body.id,
      foreignProduct: foreignProduct.body.id,
      ownJob: ownProduct.body.matchingJobId,
      foreignJob: foreignProduct.body.matchingJobId,
      adminJob: (
        await t.http().post('/api/v1/admin/rematch').set(bearer(sessions.admin)).expect(202)
      ).body.jobId,
      ownChain: demoIds.chainId('electronics'),
      foreignChain: guangdongChain.id,
      foreignLink: foreignLink.id,
      firmInRegion: inRegion.user.organization.id,
      firmOutOfRegion: outOfRegion.user.organization.id,
      bankId: demoIds.orgId('bank', 'cssb'),
      queueFirm: sessions.firm.user.organization.id,
      // The demo firm anchors this new link: a fresh supplier claims 博匠 as its core enterprise.
      ownLinkToConfirm: async () => {
        const supplier = await registerFirm(t);
        const link = await t
          .http()
          .post('/api/v1/firms/me/supply-links')
          .set(bearer(supplier))
          .send({ coreFirmId: sessions.firm.user.organization.id, annualSales: 1_000_000 })
          .expect(201);
        return link.body.id as string;
      },
    };
  });
  afterAll(() => t.close());

  const send = async (role: Role, route: RouteCase, path: string) => {
    const req = t.http()[route.method](`/api/v1${path}`).set(bearer(ctx.sessions[role]));
    return route.body ? req.send(route.body(ctx, role)) : req;
  };

  const resolveOwn = async (route: RouteCase, role: Role) => {
    const path = route.own(ctx, role);
    if (!path.includes(':own')) return path;
    return path.replace(':own', await (route.fresh ?? ((c: Ctx) => c.ownLinkToConfirm()))(ctx));
  };

  for (const route of ROUTES) {
    describe(route.name, () => {
      for (const role of ['firm', 'bank', 'gov', 'admin'] as Role[]) {
        if (!route.roles.includes(role)) {
          it(`${role}: 403 (route outside the role)`, async () => {
            const res = await send(
              role,
              route,
              route.foreign?.(ctx) ?? route.own(ctx, role).replace(':own', randomUUID()),
            );
            expect(res.status).toBe(403);
          });
          continue;
        }
        it(`${role}: own resource answers 2xx`, async () => {
          const res = await send(role, route, await resolveOwn(route, role));
          expect(res.status).toBeGreaterThanOrEqual(200);
          expect(res.status).toBeLessThan(300);
        });
        if (route.foreign && (route.foreignRoles ?? route.roles).includes(role)) {
          it(`${role}: foreign resource answers 404, like a missing one`, async () => {
            const foreign = await send(role, route, route.foreign!(ctx));
            expect(foreign.status).toBe(404);
            const missing = await send(
              role,
              route,
              route.foreign!(ctx).replace(/[0-9a-f-]{36}/, randomUUID()),
            );
            expect(missing.status).toBe(404);
            expect(foreign.body.message).toBe(missing.body.message);
          });
        }
      }
      it('anonymous: 401', async () => {
        const http = t.http();
        const res = await http[route.method](
          `/api/v1${route.own(ctx, 'firm').replace(':own', randomUUID())}`,
        );
        expect(res.status).toBe(401);
      });
    });
  }

  it('a firm list shows only its own needs; a bank list only its own products', async () => {
    const needs = await t.http().get('/api/v1/needs').set(bearer(ctx.sessions.firm)).expect(200);
    const firmId = ctx.sessions.firm.user.organization.id;
    expect(needs.body.items.length).toBeGreaterThan(0);
    expect(needs.body.items.every((n: { firmId: string }) => n.firmId === firmId)).toBe(true);
    expect(needs.body.items.map((n: { id: string }) => n.id)).not.toContain(ctx.foreignNeed);

    const products = await t
      .http()
      .get('/api/v1/products')
      .set(bearer(ctx.sessions.bank))
      .expect(200);
    const bankId = ctx.sessions.bank.user.organization.id;
    expect(products.body.items.every((p: { bankId: string }) => p.bankId === bankId)).toBe(true);
    expect(products.body.items.map((p: { id: string }) => p.id)).not.toContain(ctx.foreignProduct);
  });

  it("a firm's applications list shows only its own matches", async () => {
    const firmId = ctx.sessions.firm.user.organization.id;
    // A bank picked up the other firm's need: a worked match the demo firm must not see.
    const [product] = await t.db.query(
      `SELECT id, bank_id FROM loan_products p
        WHERE NOT EXISTS (SELECT 1 FROM matches m WHERE m.need_id = $1 AND m.product_id = p.id)
        ORDER BY id LIMIT 1`,
      [ctx.foreignNeed],
    );
    const [foreign] = await t.db.query(
      `INSERT INTO matches (need_id, product_id, firm_id, bank_id, engine_version, status)
       SELECT n.id, $2, n.firm_id, $3, 'isolation', 'contacted' FROM funding_needs n WHERE n.id = $1
       RETURNING id`,
      [ctx.foreignNeed, product.id, product.bank_id],
    );
    const res = await t
      .http()
      .get('/api/v1/firms/me/applications')
      .set(bearer(ctx.sessions.firm))
      .expect(200);
    expect(res.body.items.map((a: { id: string }) => a.id)).not.toContain(foreign.id);
    const ownNeeds = new Set(
      (await t.db.query(`SELECT id FROM funding_needs WHERE firm_id = $1`, [firmId])).map(
        (n: { id: string }) => n.id,
      ),
    );
    expect(res.body.items.every((a: { need: { id: string } }) => ownNeeds.has(a.need.id))).toBe(
      true,
    );
  });

  it('gov sees only the chains of its region', async () => {
    const chains = await t
      .http()
      .get('/api/v1/gov/chains')
      .set(bearer(ctx.sessions.gov))
      .expect(200);
    expect(chains.body.items.map((c: { id: string }) => c.id)).not.toContain(ctx.foreignChain);
    expect(
      chains.body.items.every((c: { regionCode: string }) => c.regionCode.startsWith('43')),
    ).toBe(true);
    expect(chains.body.items.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining([
        '工程机械',
        '轨道交通',
        '航空航天',
        '新材料',
        '电子信息',
        '生物医药',
      ]),
    );
  });
});
