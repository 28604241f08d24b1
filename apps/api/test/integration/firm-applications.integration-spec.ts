import { ENGINE_VERSION } from '@lianrong/matching';
import { WORKING_CAPITAL_NEED } from './fixtures';
import { bearer, createTestApp, type Session, type TestApp } from './test-app';

interface Application {
  id: string;
  status: string;
  version: number;
  need: { id: string; amount: number; purpose: string };
  product: { id: string; name: string; kind: string };
  bankName: string;
  appliedAt: string | null;
  approvedAmount: number | null;
  approvedRateBps: number | null;
  approvedTermMonths: number | null;
  disbursedAmount: number | null;
  disbursedAt: string | null;
  declineReason: string | null;
  declineNote: string | null;
  allowedMoves: string[];
  latestEventAt: string | null;
}

const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE);

// 我的申请: the firm follows each application it made and each match a bank picked up.
// The loop's own routes write these rows; here they are written directly so the list is
// tested on every status without depending on the review pipeline.
describe('GET /firms/me/applications', () => {
  let t: TestApp;
  let firm: Session;
  let otherFirm: Session;
  let products: { id: string; bank_id: string; name: string; bank_name: string }[];
  const ids: Record<string, string> = {};

  async function match(
    session: Session,
    needId: string,
    productIndex: number,
    columns: Record<string, unknown>,
  ): Promise<string> {
    const p = products[productIndex];
    const names = Object.keys(columns);
    const [row] = await t.db.query(
      `INSERT INTO matches (need_id, product_id, firm_id, bank_id, score, engine_version${names.map((n) => `, ${n}`).join('')})
       VALUES ($1, $2, $3, $4, 60, $5${names.map((_, i) => `, $${i + 6}`).join('')}) RETURNING id`,
      [
        needId,
        p.id,
        session.user.organization.id,
        p.bank_id,
        ENGINE_VERSION,
        ...Object.values(columns),
      ],
    );
    return row.id as string;
  }

  async function event(matchId: string, from: string | null, to: string, at: Date, extra = {}) {
    const columns = {
      match_id: matchId,
      kind: 'transition',
      from_status: from,
      to_status: to,
      at,
      ...extra,
    };
    const names = Object.keys(columns);
    await t.db.query(
      `INSERT INTO match_events (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
      Object.values(columns),
    );
  }

  const list = async (session: Session): Promise<Application[]> =>
    (await t.http().get('/api/v1/firms/me/applications').set(bearer(session)).expect(200)).body
      .items;

  beforeAll(async () => {
    t = await createTestApp();
    firm = await t.login('firm@lianrong.demo');
    otherFirm = await t.login('checheng@lianrong.demo');
    products = await t.db.query(
      `SELECT p.id, p.bank_id, p.name, b.name AS bank_name
         FROM loan_products p JOIN organizations b ON b.id = p.bank_id ORDER BY p.id LIMIT 5`,
    );
    expect(products).toHaveLength(5);
    const post = async (s: Session) =>
      (await t.http().post('/api/v1/needs').set(bearer(s)).send(WORKING_CAPITAL_NEED).expect(201))
        .body.id as string;
    const need = await post(firm);
    const otherNeed = await post(otherFirm);

    // Applied three hours ago; nothing since.
    ids.applied = await match(firm, need, 0, {
      status: 'applied',
      applied_at: ago(180),
      version: 1,
    });
    await event(ids.applied, 'suggested', 'applied', ago(180), { credit_check_consent: true });
    // Approved an hour ago: 150万 at 4.35% for 12 months.
    ids.approved = await match(firm, need, 1, {
      status: 'approved',
      applied_at: ago(300),
      version: 3,
      approved_amount: 1_500_000,
      approved_rate_bps: 435,
      approved_term_months: 12,
      approved_at: ago(60),
    });
    await event(ids.approved, 'suggested', 'applied', ago(300));
    await event(ids.approved, 'applied', 'in_review', ago(240));
    await event(ids.approved, 'in_review', 'approved', ago(60), {
      amount: 1_500_000,
      rate_bps: 435,
      term_months: 12,
    });
    // Declined ten minutes ago, the newest activity of all.
    ids.declined = await match(firm, need, 2, {
      status: 'declined',
      applied_at: ago(400),
      version: 2,
      decline_reason: 'debt_too_high',
      decline_note: '资产负债率高于本行准入标准',
    });
    await event(ids.declined, 'suggested', 'applied', ago(400));
    await event(ids.declined, 'applied', 'declined', ago(10), { reason_code: 'debt_too_high' });
    // Applied half an hour ago, with no event row: ordered by when it was applied.
    ids.noEvents = await match(firm, need, 3, { status: 'applied', applied_at: ago(30) });
    // Only ranked, never worked: not an application.
    ids.suggested = await match(firm, need, 4, { status: 'suggested' });
    // Another firm's application, the newest of all.
    ids.foreign = await match(otherFirm, otherNeed, 0, { status: 'applied', applied_at: ago(1) });
    await event(ids.foreign, 'suggested', 'applied', ago(1));
  });
  afterAll(() => t.close());

  it("lists the firm's worked matches only, newest activity first", async () => {
    const items = await list(firm);
    const ours = items.map((a) => a.id).filter((id) => Object.values(ids).includes(id));
    expect(ours).toEqual([ids.declined, ids.noEvents, ids.approved, ids.applied]);
    expect(items.every((a) => a.status !== 'suggested')).toBe(true);
    expect(items.map((a) => a.id)).not.toContain(ids.foreign);
    // Activity never goes backwards down the list.
    const activity = items.map((a) => Date.parse(a.latestEventAt ?? a.appliedAt ?? '') || 0);
    expect(activity).toEqual([...activity].sort((a, b) => b - a));
  });

  it("never shows another firm's applications, and shows that firm its own", async () => {
    const theirs = await list(otherFirm);
    expect(theirs.map((a) => a.id)).toContain(ids.foreign);
    for (const id of [ids.applied, ids.approved, ids.declined, ids.noEvents]) {
      expect(theirs.map((a) => a.id)).not.toContain(id);
    }
    const otherFirmId = otherFirm.user.organization.id;
    const needs = await t.db.query(`SELECT id FROM funding_needs WHERE firm_id = $1`, [
      otherFirmId,
    ]);
    const ownNeeds = new Set(needs.map((n: { id: string }) => n.id));
    expect(theirs.every((a) => ownNeeds.has(a.need.id))).toBe(true);
  });

  it('carries need, product, bank, terms, decline words and the firm’s own moves', async () => {
    const byId = new Map((await list(firm)).map((a) => [a.id, a]));
    const approved = byId.get(ids.approved)!;
    expect(approved).toMatchObject({
      status: 'approved',
      version: 3,
      need: { amount: WORKING_CAPITAL_NEED.amount, purpose: 'working_capital' },
      product: { id: products[1].id, name: products[1].name },
      bankName: products[1].bank_name,
      approvedAmount: 1_500_000,
      approvedRateBps: 435,
      approvedTermMonths: 12,
      disbursedAmount: null,
      declineReason: null,
      allowedMoves: ['withdrawn'],
    });
    expect(Date.parse(approved.latestEventAt!)).toBeCloseTo(ago(60).getTime(), -4);

    expect(byId.get(ids.declined)).toMatchObject({
      declineReason: 'debt_too_high',
      declineNote: '资产负债率高于本行准入标准',
      approvedAmount: null,
      // A declined firm may apply again.
      allowedMoves: ['applied'],
    });
    expect(byId.get(ids.applied)).toMatchObject({ status: 'applied', allowedMoves: ['withdrawn'] });
    expect(byId.get(ids.noEvents)).toMatchObject({ latestEventAt: null, version: 1 });
    expect(typeof byId.get(ids.noEvents)!.appliedAt).toBe('string');
  });

  it('shows the amount disbursed and its date once money is paid out', async () => {
    const disbursedAt = ago(5);
    await t.db.query(
      `UPDATE matches SET status = 'disbursed', disbursed_amount = 1000000, disbursed_at = $2, version = version + 1
        WHERE id = $1`,
      [ids.approved, disbursedAt],
    );
    await event(ids.approved, 'approved', 'disbursed', disbursedAt, {
      amount: 1_000_000,
      occurred_on: '2026-01-15',
    });
    const items = await list(firm);
    const disbursed = items.find((a) => a.id === ids.approved)!;
    expect(disbursed).toMatchObject({
      status: 'disbursed',
      disbursedAmount: 1_000_000,
      version: 4,
      allowedMoves: [],
    });
    expect(Date.parse(disbursed.disbursedAt!)).toBe(disbursedAt.getTime());
    // The payout is now its newest activity.
    const ours = items.map((a) => a.id).filter((id) => Object.values(ids).includes(id));
    expect(ours[0]).toBe(ids.approved);
  });

  it.each(['bank@lianrong.demo', 'gov@lianrong.demo', 'admin@lianrong.demo'])(
    '%s: 403, the route is the firm’s',
    async (email) => {
      const session = await t.login(email);
      const res = await t.http().get('/api/v1/firms/me/applications').set(bearer(session));
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ statusCode: 403 });
    },
  );
});
