import { randomUUID } from 'node:crypto';
import { MATCH_STATUSES, type MatchStatus } from '../../src/common/domain-enums';
import { type AppConfig } from '../../src/config/app-config';
import {
  loadMatchContext,
  loadProducts,
  needEntryMap,
} from '../../src/modules/matching/matching-inputs';
import { MatchWriter } from '../../src/modules/matching/match-writer';
import {
  FULFILLED_ELSEWHERE_NOTE,
  NEED_WITHDRAWN_NOTE,
} from '../../src/modules/matches/match-review.service';
import { MATCH_MOVES, type MatchParty } from '../../src/modules/matches/match-transitions';
import { WORKING_CAPITAL_NEED, creditProduct } from './fixtures';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from './test-app';

/** Today in Changsha, as a drawdown's value date is written. */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const daysFromToday = (n: number) =>
  new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

interface Reached {
  id: string;
  version: number;
  needId: string;
  /** The officer who works this match (中国银行's maker for one pending approval). */
  officer: Session;
}

interface MatchBody {
  id: string;
  status: MatchStatus;
  version: number;
  allowedMoves: MatchStatus[];
  [key: string]: unknown;
}

// The loan loop (issue 10): a match worked by its firm and its bank from application to
// disbursement, each move checked by one service and written with its event, audit row
// and notifications in one transaction.
describe('the loan loop', () => {
  let t: TestApp;
  let firm: Session; // a fresh firm: tier none, no accounts, in 长沙
  let otherFirm: Session;
  let cssb: Session; // 长沙银行: no approval limit
  let boc: Session; // 中国银行 maker; the bank's approval limit is 3,000,000 yuan (seed)
  let checker: Session; // 中国银行's second officer
  let ccb: Session;
  let gov: Session;
  let admin: Session;
  let cssbProduct: string;
  let bocProduct: string;

  const api = (path: string) => `/api/v1${path}`;
  const post = (s: Session, path: string, body: object) =>
    t.http().post(api(path)).set(bearer(s)).send(body);
  const get = (s: Session, path: string) => t.http().get(api(path)).set(bearer(s));
  const move = (s: Session, id: string, body: object) => post(s, `/matches/${id}/transition`, body);

  const newNeed = async (s: Session = firm, body: object = WORKING_CAPITAL_NEED) =>
    (await post(s, '/needs', body).expect(201)).body.id as string;
  const apply = (needId: string, productId: string, s: Session = firm, extra: object = {}) =>
    post(s, `/needs/${needId}/applications`, {
      productId,
      creditCheckConsent: true,
      ...extra,
    });
  const product = async (s: Session, name: string, overrides: Record<string, unknown> = {}) =>
    (await post(s, '/products', creditProduct(name, overrides)).expect(201)).body.id as string;

  const events = async (matchId: string) =>
    (await t.db.query(
      'SELECT kind, from_status, to_status, actor_user_id, note FROM match_events WHERE match_id = $1 ORDER BY at, id',
      [matchId],
    )) as {
      kind: string;
      from_status: string | null;
      to_status: string;
      actor_user_id: string | null;
      note: string | null;
    }[];
  const notices = async (userId: string, matchId: string) =>
    (await t.db.query(
      'SELECT kind, params FROM notifications WHERE user_id = $1 AND match_id = $2 ORDER BY created_at, kind',
      [userId, matchId],
    )) as { kind: string; params: Record<string, unknown> }[];
  const row = async (matchId: string) =>
    (
      await t.db.query(
        `SELECT status, version, approved_amount, disbursed_amount, proposed_amount, decline_reason,
                applied_at, first_response_at, updated_at FROM matches WHERE id = $1`,
        [matchId],
      )
    )[0] as Record<string, unknown>;

  /** A suggestion the engine stored for a need (the worker does not run in this suite). */
  const suggest = async (needId: string, productId: string, s: Session = firm) => {
    const [r] = await t.db.query(
      `INSERT INTO matches (need_id, product_id, firm_id, bank_id, score, engine_version, in_need_top)
       SELECT $1, p.id, $2, p.bank_id, 60, '1.0.0', true FROM loan_products p WHERE p.id = $3
       RETURNING id, version`,
      [needId, s.user.organization.id, productId],
    );
    return r as { id: string; version: number };
  };

  /** A fresh match in `status`, walked there through the API. */
  const reach = async (status: MatchStatus, officer: Session = cssb): Promise<Reached> => {
    const bank = status === 'pending_approval' ? boc : officer;
    const productId = bank === cssb ? cssbProduct : bocProduct;
    // Above 中国银行's limit of 3,000,000 yuan and within what the need asks.
    const needId = await newNeed(
      firm,
      status === 'pending_approval' ? { ...WORKING_CAPITAL_NEED, amount: 5_000_000 } : undefined,
    );
    let m: MatchBody;
    const step = async (s: Session, body: object) => {
      const res = await move(s, m.id, { version: m.version, ...body });
      if (res.status !== 200)
        throw new Error(`${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
      m = res.body;
    };
    if (status === 'suggested' || status === 'contacted') {
      const s = await suggest(needId, productId);
      m = { id: s.id, version: s.version, status: 'suggested', allowedMoves: [] };
      if (status === 'contacted') await step(bank, { to: 'contacted' });
      return { id: m.id, version: m.version, needId, officer: bank };
    }
    m = (await apply(needId, productId).expect(201)).body;
    if (status === 'declined') await step(bank, { to: 'declined', reasonCode: 'debt_too_high' });
    if (status === 'withdrawn') await step(firm, { to: 'withdrawn' });
    if (['in_review', 'pending_approval', 'approved', 'disbursed'].includes(status))
      await step(bank, { to: 'in_review' });
    if (status === 'pending_approval')
      await step(bank, { to: 'approved', amount: 4_000_000, rateBps: 450, termMonths: 12 });
    if (status === 'approved' || status === 'disbursed')
      await step(bank, { to: 'approved', amount: 1_000_000, rateBps: 450, termMonths: 12 });
    if (status === 'disbursed')
      await step(bank, { to: 'disbursed', amount: 400_000, disbursedOn: today() });
    expect(m.status).toBe(status);
    return { id: m.id, version: m.version, needId, officer: bank };
  };

  beforeAll(async () => {
    // Outbox notes stay in the table, so the suite can see what a move queued.
    process.env.OUTBOX_RELAY = 'false';
    t = await createTestApp();
    delete process.env.OUTBOX_RELAY;
    firm = await registerFirm(t);
    otherFirm = await registerFirm(t);
    cssb = await t.login('cssb@lianrong.demo');
    boc = await t.login('bank@lianrong.demo');
    checker = await t.login('bank2@lianrong.demo');
    ccb = await t.login('ccb@lianrong.demo');
    gov = await t.login('gov@lianrong.demo');
    admin = await t.login('admin@lianrong.demo');
    // The seed's limits, which this suite is written against, whatever an earlier suite left:
    // the body fuzz sends valid bodies too, and may have set a limit on 长沙银行.
    await t.db.query(
      `UPDATE organizations SET approval_limit = CASE WHEN id = $2 THEN 3000000 END, response_days = 5
        WHERE id IN ($1, $2)`,
      [cssb.user.organization.id, boc.user.organization.id],
    );
    cssbProduct = await product(cssb, '闭环测试贷', { amountMax: 5_000_000 });
    bocProduct = await product(boc, '四眼测试贷', { amountMax: 10_000_000 });
  });
  afterAll(() => t.close());

  describe('applying', () => {
    it('creates the match as applied with consent, an event, and a notice to every officer of the bank', async () => {
      const needId = await newNeed();
      const res = await apply(needId, bocProduct).expect(201);
      expect(res.body).toMatchObject({
        needId,
        productId: bocProduct,
        firmId: firm.user.organization.id,
        bankId: boc.user.organization.id,
        productName: '四眼测试贷',
        bankName: '中国银行湖南省分行',
        firmName: firm.user.organization.name,
        needAmount: 2_000_000,
        status: 'applied',
        version: 1,
        firstResponseAt: null,
        allowedMoves: ['withdrawn'],
      });
      expect(res.body.appliedAt).toEqual(res.body.creditCheckConsentAt);
      expect(typeof res.body.score).toBe('number');

      const history = await get(firm, `/matches/${res.body.id}/events`).expect(200);
      expect(history.body).toEqual([
        expect.objectContaining({
          kind: 'transition',
          from: null,
          to: 'applied',
          creditCheckConsent: true,
          actorName: expect.any(String),
          actorOrgName: firm.user.organization.name,
        }),
      ]);
      for (const officer of [boc, checker]) {
        expect(await notices(officer.user.id, res.body.id)).toEqual([
          {
            kind: 'application_received',
            params: expect.objectContaining({
              productName: '四眼测试贷',
              firmName: firm.user.organization.name,
              amount: 2_000_000,
            }),
          },
        ]);
      }
      // The need stays open: it may apply to other products too.
      const need = await get(firm, `/needs/${needId}`).expect(200);
      expect(need.body.status).toBe('open');
    });

    it.each([
      ['false', { creditCheckConsent: false }],
      ['missing', { creditCheckConsent: undefined }],
      ['text', { creditCheckConsent: 'true' }],
    ])('refuses consent that is %s with a 400 naming creditCheckConsent', async (_, extra) => {
      const needId = await newNeed();
      const res = await apply(needId, cssbProduct, firm, extra).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(
        'creditCheckConsent',
      );
      const [{ n }] = await t.db.query(
        'SELECT count(*)::int AS n FROM matches WHERE need_id = $1',
        [needId],
      );
      expect(n).toBe(0);
    });

    it('refuses a product the need is not eligible for with a 409 listing the failed rules', async () => {
      const strict = await product(cssb, '小巨人专享测试贷', {
        minTier: 'little_giant',
        minRevenue: 50_000_000,
      });
      const needId = await newNeed();
      const res = await apply(needId, strict).expect(409);
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          { field: 'productId', problem: 'tier_below_min' },
          { field: 'productId', problem: 'financials_missing' },
        ]),
      );
      expect(res.body.failures).toEqual(
        expect.arrayContaining([
          { code: 'tier_below_min', required: 'little_giant', actual: 'none' },
        ]),
      );
      expect(res.body.message).toMatch(/tier_below_min/);
      const [{ n }] = await t.db.query(
        'SELECT count(*)::int AS n FROM matches WHERE need_id = $1',
        [needId],
      );
      expect(n).toBe(0);
    });

    it('applies on the stored suggestion when there is one, keeping its row', async () => {
      const needId = await newNeed();
      const suggestion = await suggest(needId, cssbProduct);
      const res = await apply(needId, cssbProduct).expect(201);
      expect(res.body).toMatchObject({ id: suggestion.id, status: 'applied', version: 2 });
      expect((await events(suggestion.id)).map((e) => [e.from_status, e.to_status])).toEqual([
        ['suggested', 'applied'],
      ]);
    });

    it('allows one live application per need and product (409), and 404s a foreign need or a missing product', async () => {
      const needId = await newNeed();
      await apply(needId, cssbProduct).expect(201);
      const again = await apply(needId, cssbProduct).expect(409);
      expect(again.body.message).toMatch(/already applied/);
      await apply(needId, randomUUID()).expect(404);
      const foreign = await newNeed(otherFirm);
      await apply(foreign, cssbProduct).expect(404);
    });

    it('keeps a need open while it has applications and refuses to change its terms under review', async () => {
      const needId = await newNeed();
      await apply(needId, cssbProduct).expect(201);
      await apply(needId, bocProduct).expect(201);
      const res = await t
        .http()
        .patch(api(`/needs/${needId}`))
        .set(bearer(firm))
        .send({ amount: 3_000_000 })
        .expect(409);
      expect(res.body.message).toMatch(/live application/);
    });
  });

  describe('the pipeline, move by move', () => {
    const legal = (Object.keys(MATCH_MOVES) as MatchStatus[]).flatMap((from) =>
      (['firm', 'bank'] as MatchParty[]).flatMap((party) =>
        MATCH_MOVES[from][party].map((to) => [from, party, to] as const),
      ),
    );

    const bodyFor = (from: MatchStatus, to: MatchStatus): object => {
      switch (to) {
        case 'applied':
          return { creditCheckConsent: true };
        case 'approved':
          return from === 'pending_approval'
            ? {}
            : { amount: 1_500_000, rateBps: 480, termMonths: 12 };
        case 'disbursed':
          return { amount: 100_000, disbursedOn: today() };
        case 'declined':
          return { reasonCode: 'credit_record', note: '征信报告有逾期记录' };
        default:
          return { note: '测试' };
      }
    };

    it.each(legal)('%s → (%s) → %s is allowed and recorded', async (from, party, to) => {
      const m = await reach(from);
      // 中国银行's own maker may not confirm; its second officer does.
      const actor =
        party === 'firm'
          ? firm
          : from === 'pending_approval' && to === 'approved'
            ? checker
            : m.officer;
      const before = await events(m.id);
      const res = await move(actor, m.id, { to, version: m.version, ...bodyFor(from, to) });
      expect({ status: res.status, body: res.body.message }).toEqual({
        status: 200,
        body: undefined,
      });
      expect(res.body).toMatchObject({ status: to, version: m.version + 1 });
      const after = await events(m.id);
      expect(after).toHaveLength(before.length + 1);
      expect(after[after.length - 1]).toMatchObject({
        from_status: from,
        to_status: to,
        actor_user_id: actor.user.id,
      });
      const [audit] = await t.db.query(
        `SELECT from_status, to_status, actor_user_id FROM audit_events
          WHERE entity_type = 'match' AND entity_id = $1 ORDER BY at DESC, id DESC LIMIT 1`,
        [m.id],
      );
      expect(audit).toEqual({ from_status: from, to_status: to, actor_user_id: actor.user.id });
    });

    it.each(MATCH_STATUSES.map((s) => [s]))(
      'every move not in the table from %s is a 409 naming from and to, and changes nothing',
      async (from) => {
        const m = await reach(from);
        const before = await row(m.id);
        for (const party of ['firm', 'bank'] as MatchParty[]) {
          const actor = party === 'firm' ? firm : m.officer;
          for (const to of MATCH_STATUSES.filter((s) => !MATCH_MOVES[from][party].includes(s))) {
            const res = await move(actor, m.id, { to, version: m.version });
            expect({ party, to, status: res.status }).toEqual({ party, to, status: 409 });
            expect(res.body.message).toContain(from);
            expect(res.body.message).toContain(to);
          }
        }
        expect(await row(m.id)).toEqual(before);
      },
    );

    it('walks an application to two drawdowns: the clock stops, the need is fulfilled and its other applications close', async () => {
      const needId = await newNeed();
      const other = (await apply(needId, bocProduct).expect(201)).body as MatchBody;
      const suggestion = await suggest(needId, await product(ccb, '闭环旁路贷'));
      let m = (await apply(needId, cssbProduct).expect(201)).body as MatchBody;
      expect(m.firstResponseAt).toBeNull();

      m = (await move(cssb, m.id, { to: 'in_review', version: m.version }).expect(200)).body;
      expect(m.firstResponseAt).not.toBeNull();
      expect(m.allowedMoves).toEqual(['approved', 'declined']);
      const clock = m.firstResponseAt;

      m = (
        await move(cssb, m.id, {
          to: 'approved',
          version: m.version,
          amount: 1_800_000,
          rateBps: 450,
          termMonths: 12,
          note: '同意授信',
        }).expect(200)
      ).body;
      expect(m).toMatchObject({
        status: 'approved',
        approvedAmount: 1_800_000,
        approvedRateBps: 450,
        approvedTermMonths: 12,
        firstResponseAt: clock,
        proposedAmount: null,
      });
      expect(m.approvedAt).not.toBeNull();

      m = (
        await move(cssb, m.id, {
          to: 'disbursed',
          version: m.version,
          amount: 1_000_000,
          disbursedOn: today(),
        }).expect(200)
      ).body;
      expect(m).toMatchObject({ status: 'disbursed', disbursedAmount: 1_000_000 });
      expect(m.allowedMoves).toEqual(['disbursed']);

      // The need is financed: fulfilled, its other live application closed by the platform.
      expect((await get(firm, `/needs/${needId}`).expect(200)).body.status).toBe('fulfilled');
      const closed = (await get(firm, `/matches/${other.id}`).expect(200)).body as MatchBody;
      expect(closed).toMatchObject({ status: 'withdrawn', version: other.version + 1 });
      const closing = (await get(boc, `/matches/${other.id}/events`).expect(200)).body;
      expect(closing[closing.length - 1]).toMatchObject({
        from: 'applied',
        to: 'withdrawn',
        actorName: null,
        actorOrgName: null,
        note: FULFILLED_ELSEWHERE_NOTE,
      });
      // A mere suggestion is not an application: the worker retires it, the loop leaves it.
      expect((await row(suggestion.id)).status).toBe('suggested');
      // Once at posting, once at fulfilment.
      const outbox = await t.db.query(
        `SELECT 1 FROM outbox_events WHERE topic = 'need.changed' AND entity_id = $1`,
        [needId],
      );
      expect(outbox).toHaveLength(2);

      // A second drawdown (分笔放款), then the rest; beyond it is refused.
      m = (
        await move(cssb, m.id, {
          to: 'disbursed',
          version: m.version,
          amount: 800_000,
          disbursedOn: today(),
        }).expect(200)
      ).body;
      expect(m).toMatchObject({
        status: 'disbursed',
        disbursedAmount: 1_800_000,
        allowedMoves: [],
      });
      const beyond = await move(cssb, m.id, {
        to: 'disbursed',
        version: m.version,
        amount: 1,
        disbursedOn: today(),
      }).expect(400);
      expect(beyond.body.details).toEqual([
        { field: 'amount', problem: expect.stringContaining('undrawn credit of 0 yuan') },
      ]);

      const history = (await get(firm, `/matches/${m.id}/events`).expect(200)).body as {
        kind: string;
        from: string | null;
        to: string;
        amount: number | null;
        occurredOn: string | null;
      }[];
      expect(history.map((e) => [e.kind, e.from, e.to, e.amount, e.occurredOn])).toEqual([
        ['transition', null, 'applied', null, null],
        ['transition', 'applied', 'in_review', null, null],
        ['transition', 'in_review', 'approved', 1_800_000, null],
        ['transition', 'approved', 'disbursed', 1_000_000, today()],
        ['drawdown', 'disbursed', 'disbursed', 800_000, today()],
      ]);

      // The firm heard of every bank move, with the amounts.
      const heard = await notices(firm.user.id, m.id);
      expect(heard.map((n) => [n.kind, n.params.to, n.params.amount ?? null])).toEqual(
        expect.arrayContaining([
          ['application_moved', 'in_review', null],
          ['application_moved', 'approved', 1_800_000],
          ['application_moved', 'disbursed', 1_000_000],
          ['application_moved', 'disbursed', 800_000],
        ]),
      );
      expect(heard).toHaveLength(4);
      expect(heard[0].params).toMatchObject({ productName: '闭环测试贷', bankName: '长沙银行' });
    });

    it('lets a firm apply again after a decline on the same row, restarting the clock and keeping the history', async () => {
      const m = await reach('in_review');
      const declined = (
        await move(cssb, m.id, {
          to: 'declined',
          version: m.version,
          reasonCode: 'collateral_insufficient',
          note: '需追加担保',
        }).expect(200)
      ).body as MatchBody;
      expect(declined).toMatchObject({
        declineReason: 'collateral_insufficient',
        declineNote: '需追加担保',
        allowedMoves: [],
      });
      const firmView = (await get(firm, `/matches/${m.id}`).expect(200)).body as MatchBody;
      expect(firmView.allowedMoves).toEqual(['applied']);

      const again = (await apply(m.needId, cssbProduct).expect(201)).body as MatchBody;
      expect(again).toMatchObject({
        id: m.id,
        status: 'applied',
        version: declined.version + 1,
        declineReason: null,
        declineNote: null,
        firstResponseAt: null,
      });
      expect(new Date(again.appliedAt as string).getTime()).toBeGreaterThan(
        new Date(firmView.appliedAt as string).getTime(),
      );
      expect((await events(m.id)).map((e) => e.to_status)).toEqual([
        'applied',
        'in_review',
        'declined',
        'applied',
      ]);
    });

    it('withdraws a need with its live applications, each with an event, and leaves decided ones alone', async () => {
      const needId = await newNeed();
      const live = (await apply(needId, cssbProduct).expect(201)).body as MatchBody;
      const declined = (await apply(needId, bocProduct).expect(201)).body as MatchBody;
      await move(boc, declined.id, {
        to: 'declined',
        version: declined.version,
        reasonCode: 'outside_policy',
      }).expect(200);
      await post(firm, `/needs/${needId}/withdraw`, {}).expect(200);
      expect(await row(live.id)).toMatchObject({ status: 'withdrawn', version: live.version + 1 });
      expect((await events(live.id)).pop()).toMatchObject({
        from_status: 'applied',
        to_status: 'withdrawn',
        actor_user_id: firm.user.id,
        note: NEED_WITHDRAWN_NOTE,
      });
      expect((await row(declined.id)).status).toBe('declined');
      // A withdrawn need takes no new applications: the rules say so.
      const res = await apply(needId, cssbProduct).expect(409);
      expect(res.body.details).toContainEqual({ field: 'productId', problem: 'need_not_open' });
    });

    it('asks the firm for documents without moving the status, and stops the clock', async () => {
      const m = await reach('applied');
      const res = await post(cssb, `/matches/${m.id}/document-requests`, {
        note: '请补充近三个月纳税申报表',
        version: m.version,
      }).expect(200);
      expect(res.body).toMatchObject({ status: 'applied', version: m.version + 1 });
      expect(res.body.firstResponseAt).not.toBeNull();
      expect((await events(m.id)).pop()).toMatchObject({
        kind: 'documents_requested',
        from_status: 'applied',
        to_status: 'applied',
        note: '请补充近三个月纳税申报表',
      });
      expect(await notices(firm.user.id, m.id)).toEqual([
        {
          kind: 'documents_requested',
          params: expect.objectContaining({
            note: '请补充近三个月纳税申报表',
            bankName: '长沙银行',
          }),
        },
      ]);
      await post(cssb, `/matches/${m.id}/document-requests`, {
        note: '再补',
        version: m.version,
      }).expect(409);
      const done = await reach('approved');
      await post(cssb, `/matches/${done.id}/document-requests`, {
        note: '再补',
        version: done.version,
      }).expect(409);
      await post(cssb, `/matches/${m.id}/document-requests`, { note: ' ', version: 2 }).expect(400);
    });
  });

  describe('terms', () => {
    const approve = (m: Reached, terms: object) =>
      move(cssb, m.id, { to: 'approved', version: m.version, ...terms });
    const fields = (res: { body: { details: { field: string }[] } }) =>
      res.body.details.map((d) => d.field);

    it('names each missing or out-of-range approval term', async () => {
      const m = await reach('in_review');
      expect(fields(await approve(m, {}).expect(400))).toEqual(['amount', 'rateBps', 'termMonths']);
      // The product allows 100,000–5,000,000 yuan, 400–600 bps, 3–24 months; the need asks 2,000,000.
      const res = await approve(m, { amount: 6_000_000, rateBps: 399, termMonths: 25 }).expect(400);
      expect(res.body.details).toEqual([
        { field: 'amount', problem: expect.stringContaining("product's maximum of 5000000") },
        { field: 'amount', problem: expect.stringContaining('2000000 yuan the firm asked for') },
        { field: 'rateBps', problem: expect.stringContaining('400–600') },
        { field: 'termMonths', problem: expect.stringContaining('3–24') },
      ]);
      expect(
        fields(await approve(m, { amount: 2_000_001, rateBps: 601, termMonths: 2 }).expect(400)),
      ).toEqual(['amount', 'rateBps', 'termMonths']);
      expect(
        fields(await approve(m, { amount: 1.5, rateBps: 450, termMonths: 12 }).expect(400)),
      ).toEqual(['amount']);
      expect(
        fields(await approve(m, { amount: 0, rateBps: 450, termMonths: 12 }).expect(400)),
      ).toEqual(['amount']);
      // A term a move does not read is refused rather than ignored.
      expect(
        fields(
          await approve(m, {
            amount: 1_000_000,
            rateBps: 450,
            termMonths: 12,
            reasonCode: 'other',
          }).expect(400),
        ),
      ).toEqual(['reasonCode']);
      await approve(m, { amount: 2_000_000, rateBps: 600, termMonths: 24 }).expect(200);
    });

    it("keeps approvals within the product's remaining credit quota", async () => {
      const quota = await product(cssb, '额度测试贷', { creditQuota: 3_000_000 });
      const matches: Reached[] = [];
      for (let i = 0; i < 2; i++) {
        const needId = await newNeed();
        const applied = (await apply(needId, quota).expect(201)).body as MatchBody;
        const reviewed = (
          await move(cssb, applied.id, { to: 'in_review', version: applied.version }).expect(200)
        ).body as MatchBody;
        matches.push({ id: reviewed.id, version: reviewed.version, needId, officer: cssb });
      }
      await approve(matches[0], { amount: 2_000_000, rateBps: 450, termMonths: 12 }).expect(200);
      const res = await approve(matches[1], {
        amount: 1_500_000,
        rateBps: 450,
        termMonths: 12,
      }).expect(400);
      expect(res.body.details).toEqual([
        { field: 'amount', problem: expect.stringContaining('remaining credit quota of 1000000') },
      ]);
      await approve(matches[1], { amount: 1_000_000, rateBps: 450, termMonths: 12 }).expect(200);
    });

    it('checks a drawdown: amount and value date required, not after today, not before the approval', async () => {
      const m = await reach('approved');
      const disburse = (body: object) =>
        move(cssb, m.id, { to: 'disbursed', version: m.version, ...body });
      expect(fields(await disburse({}).expect(400))).toEqual(['amount', 'disbursedOn']);
      const future = await disburse({ amount: 100_000, disbursedOn: daysFromToday(1) }).expect(400);
      expect(future.body.details).toEqual([
        { field: 'disbursedOn', problem: expect.stringContaining('must not be after today') },
      ]);
      const early = await disburse({ amount: 100_000, disbursedOn: '2020-01-02' }).expect(400);
      expect(early.body.details[0]).toMatchObject({ field: 'disbursedOn' });
      expect(
        fields(await disburse({ amount: 100_000, disbursedOn: '2026-02-30' }).expect(400)),
      ).toEqual(['disbursedOn']);
      expect(
        fields(await disburse({ amount: 100_000, disbursedOn: '20260101' }).expect(400)),
      ).toContain('disbursedOn');
      expect(
        fields(await disburse({ amount: 1_000_001, disbursedOn: today() }).expect(400)),
      ).toEqual(['amount']);
      expect(await row(m.id)).toMatchObject({ status: 'approved', version: m.version });
    });

    it('needs a known reason code to decline, and a note when the reason is other', async () => {
      const m = await reach('applied');
      const decline = (body: object) =>
        move(cssb, m.id, { to: 'declined', version: m.version, ...body });
      expect(fields(await decline({}).expect(400))).toEqual(['reasonCode']);
      expect(fields(await decline({ reasonCode: 'too_small' }).expect(400))).toEqual([
        'reasonCode',
      ]);
      expect(fields(await decline({ reasonCode: 'other' }).expect(400))).toEqual(['note']);
      expect(
        fields(await decline({ reasonCode: 'other', note: 'x'.repeat(1001) }).expect(400)),
      ).toEqual(['note']);
      const res = await decline({ reasonCode: 'other', note: '不符合行业政策' }).expect(200);
      expect(res.body).toMatchObject({ declineReason: 'other', declineNote: '不符合行业政策' });
      const [event] = (await get(firm, `/matches/${m.id}/events`).expect(200)).body.slice(-1);
      expect(event).toMatchObject({ reasonCode: 'other', note: '不符合行业政策' });
    });

    it('refuses a firm applying through the transition route without consent', async () => {
      const m = await reach('declined');
      const res = await move(firm, m.id, { to: 'applied', version: m.version }).expect(400);
      expect(res.body.details).toEqual([
        { field: 'creditCheckConsent', problem: expect.stringContaining('must be true') },
      ]);
    });
  });

  describe('maker-checker (四眼原则)', () => {
    it('sends an approval above the limit to a second officer, who confirms it as proposed; the maker may not', async () => {
      const needId = await newNeed(firm, { ...WORKING_CAPITAL_NEED, amount: 5_000_000 });
      let m = (await apply(needId, bocProduct).expect(201)).body as MatchBody;
      m = (await move(boc, m.id, { to: 'in_review', version: m.version }).expect(200)).body;
      m = (
        await move(boc, m.id, {
          to: 'approved',
          version: m.version,
          amount: 4_500_000,
          rateBps: 420,
          termMonths: 18,
        }).expect(200)
      ).body;
      expect(m).toMatchObject({
        status: 'pending_approval',
        proposedAmount: 4_500_000,
        proposedRateBps: 420,
        proposedTermMonths: 18,
        proposedBy: boc.user.id,
        approvedAmount: null,
      });
      expect(m.allowedMoves).toEqual(['in_review']); // the maker cannot confirm
      const checkerView = (await get(checker, `/matches/${m.id}`).expect(200)).body as MatchBody;
      expect(checkerView.allowedMoves).toEqual(['approved', 'in_review']);
      expect(await notices(checker.user.id, m.id)).toContainEqual({
        kind: 'approval_awaiting_checker',
        params: expect.objectContaining({ amount: 4_500_000, productName: '四眼测试贷' }),
      });
      expect((await notices(boc.user.id, m.id)).map((n) => n.kind)).not.toContain(
        'approval_awaiting_checker',
      );

      const own = await move(boc, m.id, { to: 'approved', version: m.version }).expect(403);
      expect(own.body.message).toMatch(/proposed these terms/);
      expect((await row(m.id)).version).toBe(m.version);
      // The checker confirms the terms as proposed, not others.
      const other = await move(checker, m.id, {
        to: 'approved',
        version: m.version,
        amount: 4_000_000,
      }).expect(400);
      expect(other.body.details).toEqual([
        { field: 'amount', problem: expect.stringContaining('must equal the proposed 4500000') },
      ]);

      const confirmed = (
        await move(checker, m.id, { to: 'approved', version: m.version }).expect(200)
      ).body as MatchBody;
      expect(confirmed).toMatchObject({
        status: 'approved',
        approvedAmount: 4_500_000,
        approvedRateBps: 420,
        approvedTermMonths: 18,
        proposedAmount: null,
        proposedBy: null,
      });
      const history = (await get(boc, `/matches/${m.id}/events`).expect(200)).body as {
        to: string;
        actorName: string;
        amount: number;
      }[];
      expect(history.slice(-2).map((e) => [e.to, e.actorName, e.amount])).toEqual([
        ['pending_approval', '李华（客户经理）', 4_500_000],
        ['approved', '何芳（审批复核）', 4_500_000],
      ]);
    });

    it('approves at exactly the limit directly, and sends a proposal back to review', async () => {
      const needId = await newNeed(firm, { ...WORKING_CAPITAL_NEED, amount: 5_000_000 });
      let m = (await apply(needId, bocProduct).expect(201)).body as MatchBody;
      m = (await move(boc, m.id, { to: 'in_review', version: m.version }).expect(200)).body;
      m = (
        await move(boc, m.id, {
          to: 'approved',
          version: m.version,
          amount: 3_000_001,
          rateBps: 420,
          termMonths: 12,
        }).expect(200)
      ).body;
      expect(m.status).toBe('pending_approval');
      m = (await move(checker, m.id, { to: 'in_review', version: m.version }).expect(200)).body;
      expect(m).toMatchObject({ status: 'in_review', proposedAmount: null, proposedBy: null });
      m = (
        await move(boc, m.id, {
          to: 'approved',
          version: m.version,
          amount: 3_000_000,
          rateBps: 420,
          termMonths: 12,
        }).expect(200)
      ).body;
      expect(m).toMatchObject({ status: 'approved', approvedAmount: 3_000_000 });
    });

    it("lets an admin set a bank's limit and response days, audited, and only a bank's", async () => {
      const cssbId = cssb.user.organization.id;
      // Other suites (the body fuzz) may have changed this bank's limits already.
      const [before]: { approval_limit: string | null; response_days: number }[] = await t.db.query(
        `SELECT approval_limit, response_days FROM organizations WHERE id = $1`,
        [cssbId],
      );
      const res = await t
        .http()
        .patch(api(`/admin/orgs/${cssbId}`))
        .set(bearer(admin))
        .send({ approvalLimit: 8_000_000, responseDays: 7 })
        .expect(200);
      expect(res.body).toMatchObject({ id: cssbId, approvalLimit: 8_000_000, responseDays: 7 });
      const [audit] = await t.db.query(
        `SELECT actor_user_id, data FROM audit_events
          WHERE entity_id = $1 AND action = 'org.limits_updated' ORDER BY at DESC LIMIT 1`,
        [cssbId],
      );
      expect(audit).toEqual({
        actor_user_id: admin.user.id,
        data: {
          approvalLimit: {
            from: before.approval_limit === null ? null : Number(before.approval_limit),
            to: 8_000_000,
          },
          responseDays: { from: before.response_days, to: 7 },
        },
      });
      const listed = await get(admin, '/admin/orgs').expect(200);
      expect(listed.body.items.find((o: { id: string }) => o.id === cssbId)).toMatchObject({
        approvalLimit: 8_000_000,
        responseDays: 7,
      });
      const cleared = await t
        .http()
        .patch(api(`/admin/orgs/${cssbId}`))
        .set(bearer(admin))
        .send({ approvalLimit: null, responseDays: 5 })
        .expect(200);
      expect(cleared.body).toMatchObject({ approvalLimit: null, responseDays: 5 });

      const patch = (id: string, body: object) =>
        t
          .http()
          .patch(api(`/admin/orgs/${id}`))
          .set(bearer(admin))
          .send(body);
      const wrongKind = await patch(firm.user.organization.id, { approvalLimit: 1 }).expect(400);
      expect(wrongKind.body.details).toEqual([
        { field: 'approvalLimit', problem: expect.stringContaining('banks only') },
      ]);
      for (const body of [{ responseDays: 0 }, { responseDays: 61 }, { responseDays: null }]) {
        const bad = await patch(cssbId, body).expect(400);
        expect(bad.body.details[0].field).toBe('responseDays');
      }
      expect((await patch(cssbId, { approvalLimit: -1 }).expect(400)).body.details[0].field).toBe(
        'approvalLimit',
      );
      await patch(cssbId, {}).expect(400);
      await patch(randomUUID(), { responseDays: 5 }).expect(404);
      await t
        .http()
        .patch(api(`/admin/orgs/${cssbId}`))
        .set(bearer(cssb))
        .send({ approvalLimit: null })
        .expect(403);
    });
  });

  describe('versions and concurrency', () => {
    it('refuses a move on a stale version with a 409, and nothing changes', async () => {
      const m = await reach('applied');
      await move(cssb, m.id, { to: 'in_review', version: m.version }).expect(200);
      const before = await row(m.id);
      const n = (await events(m.id)).length;
      const res = await move(cssb, m.id, {
        to: 'declined',
        version: m.version,
        reasonCode: 'other',
        note: '迟到的操作',
      }).expect(409);
      expect(res.body.details).toEqual([
        { field: 'version', problem: `stale: the match is at version ${m.version + 1}` },
      ]);
      expect(await row(m.id)).toEqual(before);
      expect(await events(m.id)).toHaveLength(n);
    });

    it('lets exactly one of two officers acting at once win, with exactly one event', async () => {
      for (let round = 0; round < 12; round++) {
        const m = await reach('applied', boc);
        const results = await Promise.all([
          move(boc, m.id, { to: 'in_review', version: m.version }),
          move(checker, m.id, {
            to: 'declined',
            version: m.version,
            reasonCode: 'credit_record',
          }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
        const history = await events(m.id);
        expect(history).toHaveLength(2);
        const winner = results.find((r) => r.status === 200);
        expect((await row(m.id)).status).toBe(winner?.body.status);
        expect(history[1].to_status).toBe(winner?.body.status);
      }
    });

    it('lets exactly one of a firm withdrawing and a bank disbursing at once win', async () => {
      for (let round = 0; round < 6; round++) {
        const m = await reach('approved');
        const results = await Promise.all([
          move(firm, m.id, { to: 'withdrawn', version: m.version }),
          move(cssb, m.id, {
            to: 'disbursed',
            version: m.version,
            amount: 100_000,
            disbursedOn: today(),
          }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
        expect(await events(m.id)).toHaveLength(4);
        const [need] = await t.db.query('SELECT status FROM funding_needs WHERE id = $1', [
          m.needId,
        ]);
        const disbursed = results[1].status === 200;
        expect(need.status).toBe(disbursed ? 'fulfilled' : 'open');
      }
    });
  });

  describe('who sees a match', () => {
    it('shows a match and its history to its two parties only: other firms and banks 404, gov and admin 403', async () => {
      const m = await reach('in_review');
      for (const path of [`/matches/${m.id}`, `/matches/${m.id}/events`]) {
        await get(firm, path).expect(200);
        await get(cssb, path).expect(200);
        const foreign = await get(otherFirm, path).expect(404);
        const missing = await get(otherFirm, path.replace(m.id, randomUUID())).expect(404);
        expect(foreign.body.message).toBe(missing.body.message);
        await get(ccb, path).expect(404);
        await get(boc, path).expect(404);
        await get(gov, path).expect(403);
        await get(admin, path).expect(403);
      }
      await move(ccb, m.id, { to: 'approved', version: m.version }).expect(404);
      await move(otherFirm, m.id, { to: 'withdrawn', version: m.version }).expect(404);
      await move(gov, m.id, { to: 'withdrawn', version: m.version }).expect(403);
      await post(ccb, `/matches/${m.id}/document-requests`, { note: 'x', version: 1 }).expect(404);
      await post(firm, `/matches/${m.id}/document-requests`, { note: 'x', version: 1 }).expect(403);
    });
  });

  describe('referrals after a decline', () => {
    it('offers the best eligible products at other banks, notifies the firm, and records an application made from one', async () => {
      const m = await reach('in_review');
      await get(firm, `/matches/${m.id}/referrals`).expect(409);
      await move(cssb, m.id, {
        to: 'declined',
        version: m.version,
        reasonCode: 'debt_too_high',
      }).expect(200);
      const res = await get(firm, `/matches/${m.id}/referrals`).expect(200);
      const referrals = res.body as {
        productId: string;
        bankName: string;
        score: number;
        productName: string;
      }[];
      expect(referrals.length).toBeGreaterThan(0);
      expect(referrals.length).toBeLessThanOrEqual(5);
      expect(referrals.every((r) => r.bankName !== '长沙银行')).toBe(true);
      const scores = referrals.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(Object.keys(referrals[0]).sort()).toEqual(
        [
          'productId',
          'productName',
          'bankName',
          'kind',
          'score',
          'amountMax',
          'rateMinBps',
          'rateMaxBps',
          'termMin',
          'termMax',
        ].sort(),
      );
      expect(await notices(firm.user.id, m.id)).toContainEqual({
        kind: 'referral_offered',
        params: expect.objectContaining({ count: referrals.length, bankName: '长沙银行' }),
      });

      const next = await apply(m.needId, referrals[0].productId, firm, {
        referredFromMatchId: m.id,
      }).expect(201);
      expect(next.body.referredFromMatchId).toBe(m.id);
      const [event] = (await get(firm, `/matches/${next.body.id}/events`).expect(200)).body;
      expect(event).toMatchObject({ referredFromMatchId: m.id, creditCheckConsent: true });
      // Applied there: it is no longer offered.
      const after = (await get(firm, `/matches/${m.id}/referrals`).expect(200)).body as {
        productId: string;
      }[];
      expect(after.map((r) => r.productId)).not.toContain(referrals[0].productId);

      await get(cssb, `/matches/${m.id}/referrals`).expect(403);
      await get(otherFirm, `/matches/${m.id}/referrals`).expect(404);
      const stray = await apply(m.needId, bocProduct, firm, {
        referredFromMatchId: next.body.id,
      }).expect(400);
      expect(stray.body.details).toEqual([
        { field: 'referredFromMatchId', problem: 'must be a declined match of this need' },
      ]);
    });
  });

  it('answers bodies that pass validation but not the rules with a 4xx, never a 500', async () => {
    const m = await reach('in_review');
    const bodies: object[] = [
      { to: 'approved', amount: 1_000_000_000_000_000, rateBps: 10_000, termMonths: 360 },
      { to: 'approved', amount: 1, rateBps: 0, termMonths: 1 },
      { to: 'disbursed', amount: 1, disbursedOn: '0001-01-01' },
      { to: 'disbursed', amount: 1, disbursedOn: '9999-12-31' },
      { to: 'declined', reasonCode: 'other', note: '长'.repeat(1001) },
      { to: 'in_review', note: '' },
      { to: 'applied', creditCheckConsent: true },
      { to: 'pending_approval' },
      { to: 'suggested', version: 2_147_483_647 },
      { to: 'in_review', version: 2_147_483_648 },
    ];
    for (const body of bodies) {
      const res = await move(cssb, m.id, { version: m.version, ...body });
      expect({ body, status: res.status }).toEqual({ body, status: expect.any(Number) });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect((await row(m.id)).version).toBe(m.version);
    // A note of 1,000 characters (not bytes) fits.
    await move(cssb, m.id, {
      version: m.version,
      to: 'declined',
      reasonCode: 'other',
      note: '长'.repeat(1000),
    }).expect(200);
  });

  describe('all or nothing', () => {
    afterEach(async () => {
      await t.db.query('DROP TRIGGER IF EXISTS loop_fail ON notifications');
      await t.db.query('DROP TRIGGER IF EXISTS loop_fail ON match_events');
      await t.db.query('DROP FUNCTION IF EXISTS loop_fail()');
    });

    /** Makes the next insert into `table` for this match fail, as a faulty step would. */
    const failOn = async (table: 'notifications' | 'match_events', matchId: string) => {
      await t.db.query(`CREATE FUNCTION loop_fail() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.match_id = '${matchId}' THEN
            RAISE EXCEPTION 'forced failure' USING ERRCODE = 'check_violation';
          END IF;
          RETURN NEW;
        END $$`);
      await t.db.query(
        `CREATE TRIGGER loop_fail BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION loop_fail()`,
      );
    };

    const snapshot = async (matchId: string) => ({
      match: await row(matchId),
      events: await events(matchId),
      audit: await t.db.query(`SELECT id FROM audit_events WHERE entity_id = $1 ORDER BY id`, [
        matchId,
      ]),
      notices: await t.db.query(`SELECT id FROM notifications WHERE match_id = $1 ORDER BY id`, [
        matchId,
      ]),
    });

    it('a move whose last step fails leaves the match, its events, audit and notices as they were', async () => {
      const m = await reach('in_review');
      const before = await snapshot(m.id);
      await failOn('notifications', m.id);
      const res = await move(cssb, m.id, {
        to: 'approved',
        version: m.version,
        amount: 1_000_000,
        rateBps: 450,
        termMonths: 12,
      });
      expect(res.status).toBe(400);
      expect(await snapshot(m.id)).toEqual(before);
    });

    it('a disbursement that fails closing another application leaves the need and all its matches as they were', async () => {
      const m = await reach('approved');
      const other = (await apply(m.needId, bocProduct).expect(201)).body as MatchBody;
      const before = [await snapshot(m.id), await snapshot(other.id)];
      const outbox = await t.db.query('SELECT count(*)::int AS n FROM outbox_events');
      await failOn('match_events', other.id);
      const res = await move(cssb, m.id, {
        to: 'disbursed',
        version: m.version,
        amount: 100_000,
        disbursedOn: today(),
      });
      expect(res.status).toBe(400);
      expect([await snapshot(m.id), await snapshot(other.id)]).toEqual(before);
      const [need] = await t.db.query('SELECT status FROM funding_needs WHERE id = $1', [m.needId]);
      expect(need.status).toBe('open');
      expect(await t.db.query('SELECT count(*)::int AS n FROM outbox_events')).toEqual(outbox);
    });
  });

  describe('the matching worker and a worked match', () => {
    const writer = new MatchWriter({ MATCH_WRITE_CHUNK: 1 } as AppConfig);
    const begin = async () => {
      const runner = t.db.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      return runner;
    };

    it('refreshes only the score and flags of a worked match, never its status, version or terms', async () => {
      const m = await reach('approved');
      const before = await row(m.id);
      const [pair] = await t.db.query(
        'SELECT need_id, product_id, firm_id, bank_id FROM matches WHERE id = $1',
        [m.id],
      );
      await t.db.transaction(async (em) => {
        await writer.upsertView(em, 'need', [
          {
            needId: pair.need_id,
            productId: pair.product_id,
            firmId: pair.firm_id,
            bankId: pair.bank_id,
            score: 12.5,
          },
        ]);
        const products = new Map((await loadProducts(em)).map((p) => [p.id, p]));
        await writer.refreshWorkedMatches(
          em,
          { needIds: [pair.need_id] },
          (ids) => needEntryMap(em, ids),
          products,
          await loadMatchContext(em),
        );
      });
      const after = await row(m.id);
      const keep = ({
        status,
        version,
        approved_amount,
        first_response_at,
        applied_at,
      }: Record<string, unknown>) => ({
        status,
        version,
        approved_amount,
        first_response_at,
        applied_at,
      });
      expect(keep(after)).toEqual(keep(before));
    });

    it('a writer holding one of the need’s rows and a disbursement closing them wait for each other, never in a cycle', async () => {
      const needId = await newNeed();
      const products = [cssbProduct, bocProduct, await product(ccb, '锁序测试贷')].sort();
      const ids: Record<string, string> = {};
      for (const p of products) ids[p] = (await apply(needId, p).expect(201)).body.id;
      // Disburse the pair that sorts last, so its siblings come before it in the lock order.
      const last = products[products.length - 1];
      const officer = last === cssbProduct ? cssb : last === bocProduct ? boc : ccb;
      let m = (await get(officer, `/matches/${ids[last]}`).expect(200)).body as MatchBody;
      m = (await move(officer, m.id, { to: 'in_review', version: m.version }).expect(200)).body;
      m = (
        await move(officer, m.id, {
          to: 'approved',
          version: m.version,
          amount: 1_000_000,
          rateBps: 450,
          termMonths: 12,
        }).expect(200)
      ).body;
      const bankOf = async (productId: string) =>
        (await t.db.query('SELECT bank_id FROM loan_products WHERE id = $1', [productId]))[0]
          .bank_id as string;
      const viewRow = async (productId: string, score: number) => ({
        needId,
        productId,
        firmId: firm.user.organization.id,
        bankId: await bankOf(productId),
        score,
      });
      const fresh = await product(cssb, '锁序新品贷');

      const worker = await begin();
      try {
        await writer.upsertView(worker.manager, 'need', [await viewRow(products[0], 11)]);
        const disbursing = move(officer, m.id, {
          to: 'disbursed',
          version: m.version,
          amount: 1_000_000,
          disbursedOn: today(),
        }).then((r) => r);
        await new Promise((r) => setTimeout(r, 300));
        // The disbursement waits on products[0]; the writer can still take the last row
        // and insert a new pair of the need (FOR KEY SHARE on the need's row).
        const rows = [await viewRow(last, 12), await viewRow(fresh, 13)];
        const next = writer.upsertView(worker.manager, 'need', rows).then(() => 'done');
        let timer: NodeJS.Timeout | undefined;
        const raced = await Promise.race([
          next,
          new Promise((r) => (timer = setTimeout(() => r('blocked'), 5_000))),
        ]);
        clearTimeout(timer);
        expect(raced).toBe('done');
        await worker.commitTransaction();
        const res = await disbursing;
        expect(res.status).toBe(200);
      } finally {
        if (worker.isTransactionActive) await worker.rollbackTransaction();
        await worker.release();
      }
      const statuses = await t.db.query(
        'SELECT product_id, status, score FROM matches WHERE need_id = $1 ORDER BY product_id',
        [needId],
      );
      expect(
        Object.fromEntries(
          statuses.map((s: { product_id: string; status: string }) => [s.product_id, s.status]),
        ),
      ).toEqual({
        [products[0]]: 'withdrawn',
        [products[1]]: 'withdrawn',
        [last]: 'disbursed',
        [fresh]: 'suggested',
      });
    });
  });
});
