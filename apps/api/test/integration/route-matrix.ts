import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { type AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { demoIds } from '../../src/database/seeds/demo';
import { DEMO_PASSWORD } from '../../src/database/seeds/demo-data';
import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import { API_DOCUMENT_FILE } from '../../src/openapi/api-types';
import { WORKING_CAPITAL_NEED, creditProduct } from './fixtures';
import { bearer, freshUscc, registerFirm, type Session, type TestApp } from './test-app';

export type Role = 'firm' | 'bank' | 'gov' | 'admin';
export const ROLES: Role[] = ['firm', 'bank', 'gov', 'admin'];
export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
export type Params = Record<string, string>;

/**
 * DESIGN §2, generated: every operation of the committed OpenAPI document (which
 * openapi.integration-spec holds equal to /api/docs-json) × every role × own vs foreign
 * resource. Who may call an operation is read from its `x-roles` (the `@Roles` decorator
 * writes it), whether it needs a token from its `security`. A role outside the route gets
 * 403; inside it, its own resource answers 2xx and a foreign one 404 — exactly like a
 * resource that does not exist; without a token, 401. An operation this file cannot place
 * fails, so a new route cannot ship without its isolation cases.
 */
export interface DocumentedOperation {
  key: string;
  method: Method;
  /** The path template as documented, e.g. /api/v1/needs/{id}. */
  path: string;
  roles: Role[];
  isPublic: boolean;
  params: { name: string; isUuid: boolean }[];
}

interface OpenApiOperation {
  security?: unknown[];
  'x-roles'?: Role[];
  parameters?: { name: string; in: string; schema?: { format?: string; type?: string } }[];
}

export function documentedOperations(): DocumentedOperation[] {
  const doc = JSON.parse(fs.readFileSync(API_DOCUMENT_FILE, 'utf8')) as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path.replace(/^\/api\/v1(?=\/)/, '')}`,
      method: method as Method,
      path,
      roles: op['x-roles'] ?? ROLES,
      isPublic: Array.isArray(op.security) && op.security.length === 0,
      params: (op.parameters ?? [])
        .filter((p) => p.in === 'path')
        .map((p) => ({
          name: p.name,
          isUuid: p.schema?.type !== 'integer' && p.schema?.type !== 'number',
        })),
    })),
  );
}

export interface Answer {
  status: number;
  body: { message?: string };
}

/** How the matrix calls one operation: what the caller owns, what it must not see, and a body. */
export interface Placement {
  /** Path parameters of the caller's own resource; a call that uses one up makes a fresh one. */
  own?: (ctx: Ctx, role: Role) => Params | Promise<Params>;
  /** Path parameters of another tenant's resource. */
  foreign?: (ctx: Ctx) => Params;
  /** Roles for which `foreign` must be invisible (default: every role of the route). */
  foreignRoles?: Role[];
  /** Why a route with an id names no foreign resource. */
  unscoped?: string;
  query?: (ctx: Ctx) => string;
  body?: (ctx: Ctx, role: Role) => object | Promise<object>;
  /** A multipart upload in field `file`, made by the caller. */
  upload?: (ctx: Ctx, caller: Session) => Promise<Buffer>;
  /** Someone of the role other than its demo user makes the call (a fresh firm, say). */
  caller?: (ctx: Ctx, role: Role) => Promise<Session>;
  /** A Cookie header the call carries (the refresh routes read only their cookie). */
  cookie?: (ctx: Ctx) => Promise<string>;
  /** Server-sent events: only the status of the opened stream is read. */
  stream?: true;
  /** Documented without security: anybody may call it, a token or not. */
  isPublic?: true;
}

export interface Ctx {
  t: TestApp;
  /** Where `t` listens. */
  base: string;
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
  /** The refresh cookie of a fresh login of the demo firm, one per call. */
  freshRefreshCookie: () => Promise<string>;
  /** A user of the role of its own, whose sessions a call may end; one per call. */
  freshUser: (role: Role) => Promise<Session>;
  /** A firm registered for this call, in Hunan. */
  freshFirm: () => Promise<Session>;
  /** A pending claim of a fresh Hunan firm, one per call, and one of a Guangdong firm. */
  freshClaim: () => Promise<string>;
  foreignClaim: string;
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
const TIER_CLAIM = {
  kind: 'tier',
  tier: 'srdi',
  tierYear: 2026,
  certificateNo: '湘工信认〔2026〕第0777号',
};
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

const refreshCookie = (ctx: Ctx): Promise<string> => ctx.freshRefreshCookie();
/** The password of every user `freshUser` makes (registerFirm's). */
const FRESH_PASSWORD = 'Secret#12345';

export const PLACEMENTS: Record<string, Placement> = {
  'POST /auth/register-firm': {
    isPublic: true,
    body: () => ({
      uscc: freshUscc('430100'),
      name: `隔离注册${randomUUID().slice(0, 6)}有限公司`,
      regionCode: '430100',
      industryCode: 'C3484',
      email: `matrix-${randomUUID()}@example.test`,
      password: 'Secret#12345',
    }),
  },
  'POST /auth/login': {
    isPublic: true,
    body: () => ({ email: 'firm@lianrong.demo', password: DEMO_PASSWORD }),
  },
  'POST /auth/refresh': { isPublic: true, cookie: refreshCookie },
  'POST /auth/logout': { isPublic: true, cookie: refreshCookie },
  'POST /auth/password': {
    isPublic: true,
    body: async (c) => ({
      email: (await c.freshUser('firm')).user.email,
      currentPassword: FRESH_PASSWORD,
      newPassword: 'Changed#2026y',
    }),
  },
  // Ends the caller's sessions: a user of the role of its own, not the demo user.
  'POST /auth/logout-all': { caller: (c, role) => c.freshUser(role) },
  'GET /api/health': { isPublic: true },
  'GET /api/health/live': { isPublic: true },
  'GET /api/health/ready': { isPublic: true },
  'GET /meta': { isPublic: true },
  'GET /auth/me': {},
  'GET /firms/me': {},
  'PATCH /firms/me': { body: () => ({ name: '湖南博匠信息科技有限公司' }) },
  'PUT /firms/me/financials/{year}': { own: () => ({ year: '2024' }), body: () => financialsBody },
  'GET /firms/me/financials/template.xlsx': {},
  'POST /firms/me/financials/import': {
    caller: (c) => c.freshFirm(),
    upload: async (c, caller) => filledFinancialsWorkbook(c, caller),
  },
  'GET /firms/me/working-capital-estimate': {},
  'GET /firms/me/applications': {},
  'GET /firms/me/supply-links': {},
  // A fresh supplier claims the demo firm as its core enterprise.
  'POST /firms/me/supply-links': {
    caller: (c) => c.freshFirm(),
    body: (c) => ({ coreFirmId: c.sessions.firm.user.organization.id, annualSales: 1_000_000 }),
  },
  'POST /supply-links/{id}/confirm': {
    own: async (c) => ({ id: await c.ownLinkToConfirm() }),
    foreign: (c) => ({ id: c.foreignLink }),
  },
  'POST /supply-links/{id}/reject': {
    own: async (c) => ({ id: await c.ownLinkToConfirm() }),
    foreign: (c) => ({ id: c.foreignLink }),
    body: () => ({ reason: '未向该企业供货' }),
  },
  'GET /supply-links/core-enterprises': { query: () => '?q=%E4%B8%AD%E8%BD%A6' },
  'POST /firms/me/claims': { caller: (c) => c.freshFirm(), body: () => TIER_CLAIM },
  'GET /firms/me/claims': {},
  'GET /firms/me/claims/chains': {},
  'GET /gov/claims': {},
  'POST /gov/claims/{id}/confirm': {
    own: async (c) => ({ id: await c.freshClaim() }),
    foreign: (c) => ({ id: c.foreignClaim }),
  },
  'POST /gov/claims/{id}/reject': {
    own: async (c) => ({ id: await c.freshClaim() }),
    foreign: (c) => ({ id: c.foreignClaim }),
    body: () => ({ reason: '证书编号与公示名单不符' }),
  },
  'POST /needs': { body: () => needBody },
  'GET /needs': {},
  'GET /needs/{id}': { own: (c) => ({ id: c.ownNeed }), foreign: (c) => ({ id: c.foreignNeed }) },
  'PATCH /needs/{id}': {
    own: (c) => ({ id: c.ownNeed }),
    foreign: (c) => ({ id: c.foreignNeed }),
    body: () => ({ termMonths: 18 }),
  },
  'POST /needs/{id}/withdraw': {
    own: async (c) => ({ id: await c.freshNeed() }),
    foreign: (c) => ({ id: c.foreignNeed }),
  },
  'GET /needs/{id}/matches': {
    own: (c) => ({ id: c.ownNeed }),
    foreign: (c) => ({ id: c.foreignNeed }),
  },
  'GET /needs/{id}/near-misses': {
    own: (c) => ({ id: c.ownNeed }),
    foreign: (c) => ({ id: c.foreignNeed }),
  },
  'POST /needs/{id}/what-if': {
    own: (c) => ({ id: c.ownNeed }),
    foreign: (c) => ({ id: c.foreignNeed }),
    body: () => ({ collateral: 'guarantee' }),
  },
  'POST /needs/{id}/applications': {
    own: async (c) => ({ id: await c.freshNeed() }),
    foreign: (c) => ({ id: c.foreignNeed }),
    body: (c) => ({ productId: c.ownProduct, creditCheckConsent: true }),
  },
  'POST /products': { body: () => productBody },
  'POST /products/dry-run': { body: () => productBody },
  'GET /products/chains': {},
  'GET /products': {},
  'GET /products/{id}': {
    own: (c) => ({ id: c.ownProduct }),
    foreign: (c) => ({ id: c.foreignProduct }),
  },
  'PATCH /products/{id}': {
    own: (c) => ({ id: c.ownProduct }),
    foreign: (c) => ({ id: c.foreignProduct }),
    body: () => ({ rateMaxBps: 650 }),
  },
  'GET /products/{id}/matches': {
    own: (c) => ({ id: c.ownProduct }),
    foreign: (c) => ({ id: c.foreignProduct }),
  },
  'GET /jobs/{id}': {
    own: (c, role) => ({ id: role === 'admin' ? c.adminJob : c.ownJob }),
    foreign: (c) => ({ id: c.foreignJob }),
    // The platform admin follows every job.
    foreignRoles: ['bank'],
  },
  'POST /admin/rematch': {},
  'GET /bank/matches': {},
  'GET /bank/matches/export.xlsx': {},
  'GET /bank/chains': {},
  'GET /bank/firms/{firmId}': {
    own: (c) => ({ firmId: c.queueFirm }),
    foreign: (c) => ({ firmId: c.firmOutOfRegion }),
  },
  'GET /gov/chains': {},
  'GET /gov/chains/{id}': {
    own: (c) => ({ id: c.ownChain }),
    foreign: (c) => ({ id: c.foreignChain }),
  },
  'PUT /gov/chains/{id}/lead-bank': {
    own: (c) => ({ id: c.ownChain }),
    foreign: (c) => ({ id: c.foreignChain }),
    body: (c) => ({ bankId: c.bankId }),
  },
  'GET /gov/lead-banks': {},
  'GET /gov/blockers': {},
  'GET /gov/banks/response-times': {},
  'GET /gov/export.xlsx': {},
  'GET /gov/export.csv': { query: () => '?table=chains' },
  'GET /gov/whitelist': {},
  'PUT /gov/whitelist/{firmId}': {
    own: (c) => ({ firmId: c.firmInRegion }),
    foreign: (c) => ({ firmId: c.firmOutOfRegion }),
    body: () => ({ reason: '隔离测试' }),
  },
  'DELETE /gov/whitelist/{firmId}': {
    own: (c) => ({ firmId: c.firmInRegion }),
    foreign: (c) => ({ firmId: c.firmOutOfRegion }),
    query: () => `?reason=${REMOVAL_REASON}`,
  },
  'GET /gov/firms': { query: () => '?q=%E6%B9%96%E5%8D%97' },
  'GET /gov/firms/{firmId}/matches': {
    own: (c) => ({ firmId: c.firmInRegion }),
    foreign: (c) => ({ firmId: c.firmOutOfRegion }),
  },
  'POST /gov/roadshows': {
    body: async (c) => ({ chainId: c.ownChain, month: await freeRoadshowMonth(c.t) }),
  },
  'GET /gov/roadshows': {},
  'GET /gov/roadshows/{id}': {
    own: (c) => ({ id: c.ownRoadshow }),
    foreign: (c) => ({ id: c.foreignRoadshow }),
  },
  'GET /roadshows/invitations': {},
  'GET /roadshows/{id}': {
    own: (c) => ({ id: c.ownRoadshow }),
    foreign: (c) => ({ id: c.foreignRoadshow }),
  },
  'PUT /roadshows/{id}/intents/{firmId}': {
    own: (c) => ({ id: c.ownRoadshow, firmId: c.sessions.firm.user.organization.id }),
    foreign: (c) => ({ id: c.foreignRoadshow, firmId: c.sessions.firm.user.organization.id }),
    body: () => ({ amount: 5_000_000 }),
  },
  'DELETE /roadshows/{id}/intents/{firmId}': {
    own: (c) => ({ id: c.ownRoadshow, firmId: c.sessions.firm.user.organization.id }),
    foreign: (c) => ({ id: c.foreignRoadshow, firmId: c.sessions.firm.user.organization.id }),
  },
  'GET /matches/{id}': {
    own: (c) => ({ id: c.ownMatch }),
    foreign: (c) => ({ id: c.foreignMatch }),
  },
  'GET /matches/{id}/events': {
    own: (c) => ({ id: c.ownMatch }),
    foreign: (c) => ({ id: c.foreignMatch }),
  },
  'GET /matches/{id}/referrals': {
    own: (c) => ({ id: c.ownDeclinedMatch }),
    foreign: (c) => ({ id: c.foreignMatch }),
  },
  'POST /matches/{id}/transition': {
    own: async (c) => ({ id: await c.freshApplication() }),
    foreign: (c) => ({ id: c.foreignMatch }),
    body: (_, role) =>
      role === 'bank' ? { to: 'in_review', version: 1 } : { to: 'withdrawn', version: 1 },
  },
  'POST /matches/{id}/document-requests': {
    own: async (c) => ({ id: await c.freshApplication() }),
    foreign: (c) => ({ id: c.foreignMatch }),
    body: () => ({ note: '请补充纳税证明', version: 1 }),
  },
  'GET /admin/orgs': {},
  'PATCH /admin/orgs/{id}': {
    own: (c) => ({ id: c.bankId }),
    unscoped: 'the platform admin manages every organisation',
    body: () => ({ responseDays: 5 }),
  },
  'POST /admin/orgs': {
    body: () => ({
      kind: 'gov_agency',
      name: `隔离测试局${randomUUID().slice(0, 6)}`,
      regionCode: '430200',
    }),
  },
  'POST /admin/users': {
    body: (c) => ({
      email: `matrix-officer-${randomUUID()}@bank.test`,
      password: 'Officer#2026x',
      displayName: '隔离测试客户经理',
      role: 'bank',
      organizationId: c.bankId,
    }),
  },
  'POST /admin/queues/session': {},
  'POST /admin/docs/session': {},
  // The trail of an agency's region, or all of it for an admin: no id to try.
  'GET /audit-events': {},
  'GET /audit-events/export.csv': {},
  'GET /admin/users': { query: () => '?q=lianrong' },
  'PATCH /admin/users/{id}': {
    own: async (c) => ({ id: (await c.freshUser('bank')).user.id }),
    unscoped: 'the platform admin manages every user',
    body: () => ({ disabled: true }),
  },
  'POST /admin/users/{id}/password-reset': {
    own: async (c) => ({ id: (await c.freshUser('gov')).user.id }),
    unscoped: 'the platform admin manages every user',
  },
  'GET /notifications': {},
  'GET /notifications/stream': { stream: true },
  'POST /notifications/{id}/read': {
    own: (c, role) => ({ id: c.ownNotice[role] }),
    foreign: (c) => ({ id: c.foreignNotice }),
  },
  'POST /notifications/read-all': {},
};

/** A month with no roadshow of the electronics chain yet: a chain has one per month. */
async function freeRoadshowMonth(t: TestApp): Promise<string> {
  const [row] = await t.db.query(
    `SELECT to_char(m, 'YYYY-MM') AS month
       FROM generate_series('2026-01-01'::date, '2040-12-01'::date, interval '1 month') AS m
      WHERE NOT EXISTS (SELECT 1 FROM roadshows r WHERE r.chain_id = $1 AND r.month = m::date)
      ORDER BY m LIMIT 1`,
    [demoIds.chainId('electronics')],
  );
  return row.month as string;
}

/** The financials template as `caller` downloads it, with the 2024 column filled in. */
async function filledFinancialsWorkbook(ctx: Ctx, caller: Session): Promise<Buffer> {
  const res = await ctx.t
    .http()
    .get('/api/v1/firms/me/financials/template.xlsx')
    .set(bearer(caller))
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.body as ExcelJS.Buffer);
  const sheet = book.worksheets[0];
  // Every year column of the template (a fresh firm's is empty) gets the same figures.
  const years: number[] = [];
  sheet.getRow(1).eachCell((cell, col) => {
    if (typeof cell.value === 'number') years.push(col);
  });
  sheet.eachRow((row) => {
    const key = row.getCell(1).text as keyof typeof financialsBody;
    if (!(key in financialsBody)) return;
    const yuan = financialsBody[key];
    for (const col of years)
      row.getCell(col).value = row.getCell(3).text === '万元' ? yuan / 10_000 : yuan;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * The resources the matrix and the fuzz call routes on: the demo users' own, another
 * tenant's, and makers of fresh ones for the calls that use one up. `t` must listen (for the
 * event stream, which supertest would wait on for ever).
 */
export async function createRouteContext(t: TestApp): Promise<Ctx> {
  const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
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
    .send({ chainId: demoIds.chainId('electronics'), month: await freeRoadshowMonth(t) })
    .expect(201);
  const [guangdongAgency] = await t.db.query(
    `INSERT INTO organizations (kind, name, region_code) VALUES ('gov_agency', '广东隔离测试局', '440000') RETURNING id`,
  );
  const [foreignRoadshow] = await t.db.query(
    `INSERT INTO roadshows (chain_id, month, title, region_code, organizer_id)
     VALUES ($1, '2026-02-01', '粤港澳路演', '440000', $2) RETURNING id`,
    [guangdongChain.id, guangdongAgency.id],
  );

  const fileClaim = async (firm: Session) =>
    (await t.http().post('/api/v1/firms/me/claims').set(bearer(firm)).send(TIER_CLAIM).expect(201))
      .body.id as string;

  return {
    t,
    base,
    sessions,
    freshRefreshCookie: async () => (await t.login('firm@lianrong.demo')).refreshCookie,
    freshUser: async (role) => {
      if (role === 'firm') return registerFirm(t);
      const email = `matrix-${role}-${randomUUID()}@example.test`;
      const organizationId = sessions[role].user.organization.id;
      await t
        .http()
        .post('/api/v1/admin/users')
        .set(bearer(sessions.admin))
        .send({ email, password: FRESH_PASSWORD, displayName: '矩阵测试', role, organizationId })
        .expect(201);
      return t.login(email, FRESH_PASSWORD);
    },
    freshFirm: () => registerFirm(t),
    freshClaim: async () => fileClaim(await registerFirm(t)),
    foreignClaim: await fileClaim(outOfRegion),
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
    adminJob: (await t.http().post('/api/v1/admin/rematch').set(bearer(sessions.admin)).expect(202))
      .body.jobId,
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
}

/** The documented path with its parameters filled in, and the placement's query. */
export const pathOf = (op: DocumentedOperation, params: Params, query = '') =>
  op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`${op.key}: no value for {${name}}`);
    return encodeURIComponent(params[name]);
  }) + query;

/** Every parameter a resource nobody has: a random uuid, or a year. */
export const nobodys = (op: DocumentedOperation): Params =>
  Object.fromEntries(op.params.map((p) => [p.name, p.isUuid ? randomUUID() : '2024']));

export const callOperation = async (
  ctx: Ctx,
  op: DocumentedOperation,
  placement: Placement,
  params: Params,
  role: Role | null,
  { asOwner = false } = {},
): Promise<Answer> => {
  const caller =
    role === null
      ? null
      : asOwner && placement.caller
        ? await placement.caller(ctx, role)
        : ctx.sessions[role];
  const url = pathOf(op, params, placement.query?.(ctx));
  if (placement.stream) {
    const abort = new AbortController();
    const res = await fetch(`${ctx.base}${url}`, {
      headers: caller ? { Authorization: `Bearer ${caller.accessToken}` } : {},
      signal: abort.signal,
    });
    const body = res.ok ? {} : ((await res.json()) as { message?: string });
    abort.abort();
    return { status: res.status, body };
  }
  let req = ctx.t.http()[op.method](url);
  if (caller) req = req.set(bearer(caller));
  if (placement.cookie) req = req.set('Cookie', await placement.cookie(ctx));
  // Anyone but the owner sends junk: the refusal must come before the file is read.
  if (placement.upload) {
    const file =
      asOwner && caller ? await placement.upload(ctx, caller) : Buffer.from('not a workbook');
    return req.attach('file', file, 'financials.xlsx');
  }
  return placement.body ? req.send(await placement.body(ctx, role ?? 'firm')) : req;
};
