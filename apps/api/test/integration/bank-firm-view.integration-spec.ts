import { randomUUID } from 'node:crypto';
import { ENGINE_VERSION } from '@lianrong/matching';
import { demoIds } from '../../src/database/seeds/demo';
import { type QueueWorld, seedQueueWorld } from './bank-queue-fixture';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from './test-app';

describe('a firm as the reviewing officer sees it (GET /bank/firms/:firmId)', () => {
  let t: TestApp;
  let world: QueueWorld;
  let boc: Session;
  let bojiang: Session;
  const bojiangId = demoIds.orgId('firm', 'bojiang');
  const needId = demoIds.needId('bojiang-wc');
  let bocMatch: string;

  const view = (firmId: string, session: Session, matchId?: string) =>
    t
      .http()
      .get(`/api/v1/bank/firms/${firmId}${matchId ? `?matchId=${matchId}` : ''}`)
      .set(bearer(session));

  beforeAll(async () => {
    t = await createTestApp();
    world = await seedQueueWorld(t, 5);
    boc = await t.login('bank@lianrong.demo');
    bojiang = await t.login('firm@lianrong.demo');
    // 博匠's working-capital need ranked in 中国银行's 创新贷 view (and in the firm's own list).
    const [row] = await t.db.query(
      `INSERT INTO matches (need_id, product_id, firm_id, bank_id, score, engine_version, in_product_top, in_need_top)
       VALUES ($1, $2, $3, $4, 81.5, $5, true, true)
       ON CONFLICT (need_id, product_id) DO UPDATE SET in_product_top = true, in_need_top = true
       RETURNING id`,
      [
        needId,
        demoIds.productId('boc-innovation'),
        bojiangId,
        demoIds.orgId('bank', 'boc'),
        ENGINE_VERSION,
      ],
    );
    bocMatch = row.id;
  });
  afterAll(() => t.close());

  it('shows the profile, who confirmed each fact, financials with ratios and the estimate', async () => {
    const res = await view(bojiangId, boc).expect(200);
    const own = await t.http().get('/api/v1/firms/me').set(bearer(bojiang)).expect(200);
    expect(res.body.firm).toEqual(own.body);
    expect(res.body.firm.financials[0]).toMatchObject({
      rdIntensity: expect.any(Number),
      debtRatio: expect.any(Number),
      netMargin: expect.any(Number),
    });
    expect(res.body.latestYear).toBe(own.body.financials[0].year);
    // The same decider and agency as the firm's own claims list shows.
    const claims = await t.http().get('/api/v1/firms/me/claims').set(bearer(bojiang)).expect(200);
    const tierClaim = claims.body.items.find(
      (c: { kind: string; status: string }) => c.kind === 'tier' && c.status === 'confirmed',
    );
    const tier = res.body.confirmations.find((c: { kind: string }) => c.kind === 'tier');
    expect(tier).toEqual({
      kind: 'tier',
      chain: null,
      decidedBy: tierClaim.decidedBy,
      decidedAt: tierClaim.decidedAt,
    });
    expect(tier.decidedBy.agency).toBe('湖南省工业和信息化厅');
    const kinds = res.body.confirmations.map((c: { kind: string }) => c.kind).sort();
    expect(kinds).toEqual(['chain', 'industry', 'region', 'tier', 'years_in_niche']);
    expect(
      res.body.confirmations.find((c: { kind: string }) => c.kind === 'chain').chain.name,
    ).toBe('电子信息');
    const estimate = await t
      .http()
      .get('/api/v1/firms/me/working-capital-estimate')
      .set(bearer(bojiang))
      .expect(200);
    expect(res.body.estimate).toEqual(estimate.body);
    expect(res.body.match).toBeNull();
  });

  it('with a match, lists every rule of its product as required vs actual, as the firm sees them', async () => {
    const res = await view(bojiangId, boc, bocMatch).expect(200);
    const firmSide = await t
      .http()
      .get(`/api/v1/needs/${needId}/matches`)
      .set(bearer(bojiang))
      .expect(200);
    const same = firmSide.body.items.find((m: { id: string }) => m.id === bocMatch);
    expect(res.body.match).toMatchObject({
      id: bocMatch,
      status: 'suggested',
      product: { id: demoIds.productId('boc-innovation'), name: '创新贷' },
      need: {
        id: needId,
        amount: 5_000_000,
        termMonths: 12,
        purpose: 'working_capital',
        collateral: 'none',
      },
      allowedMoves: ['contacted'],
    });
    expect(res.body.match.checks).toEqual(same.checks);
    expect(res.body.match.components).toEqual(same.components);
    expect(res.body.match.checks.map((c: { rule: string }) => c.rule)).toEqual(
      expect.arrayContaining(['tier_below_min', 'rd_intensity_below_min', 'patents_below_min']),
    );
    const rd = res.body.match.checks.find(
      (c: { rule: string }) => c.rule === 'rd_intensity_below_min',
    );
    expect(rd).toMatchObject({ required: 5, unit: 'percent', passed: true });
  });

  it('reports a failed rule of an ineligible worked match', async () => {
    // A firm of tier none applied to a product that wants at least an innovative SME.
    const m = world.matches.find((x) => {
      const firm = world.firms.find((f) => f.id === x.firmId)!;
      return x.bankId === world.bankId && x.status === 'applied' && firm.tier === 'none';
    })!;
    const res = await view(m.firmId, world.officer, m.id).expect(200);
    const tier = res.body.match.checks.find((c: { rule: string }) => c.rule === 'tier_below_min');
    expect(tier).toMatchObject({ required: 'innovative', actual: 'none', passed: false });
    expect(res.body.match.components).toEqual([]);
  });

  it('flags financials whose latest year closed more than 18 months ago', async () => {
    const thisYear = new Date().getUTCFullYear();
    const stale = world.firms.find((f) => f.years.length === 1 && f.years[0] === thisYear - 3)!;
    const fresh = world.firms.find((f) => f.years[0] === thisYear - 1)!;
    const none = world.firms.find((f) => f.years.length === 0)!;
    const inQueue = (firmId: string) =>
      world.matches.some(
        (m) =>
          m.firmId === firmId &&
          m.bankId === world.bankId &&
          (m.inProductTop || m.status !== 'suggested'),
      );
    for (const f of [stale, fresh, none]) expect(inQueue(f.id)).toBe(true);
    expect((await view(stale.id, world.officer).expect(200)).body).toMatchObject({
      latestYear: thisYear - 3,
      financialsStale: true,
    });
    expect((await view(fresh.id, world.officer).expect(200)).body).toMatchObject({
      latestYear: thisYear - 1,
      financialsStale: false,
    });
    const missing = (await view(none.id, world.officer).expect(200)).body;
    expect(missing).toMatchObject({ latestYear: null, financialsStale: false, estimate: null });
    expect(missing.firm.financials).toEqual([]);
  });

  it('answers 404 for a firm outside the queue, exactly as for one that does not exist', async () => {
    const stranger = await registerFirm(t);
    const foreign = await view(stranger.user.organization.id, world.officer).expect(404);
    const missing = await view(randomUUID(), world.officer).expect(404);
    expect(foreign.body.message).toBe(missing.body.message);
    // Ranked only in the firm's own list (its top K), in no officer view and not worked: not visible.
    const [need] = await t.db.query(
      `INSERT INTO funding_needs (firm_id, amount, term_months, purpose, max_rate_bps, collateral)
       VALUES ($1, 2000000, 12, 'working_capital', 500, 'none') RETURNING id`,
      [stranger.user.organization.id],
    );
    await t.db.query(
      `INSERT INTO matches (need_id, product_id, firm_id, bank_id, score, engine_version, in_need_top)
       VALUES ($1, $2, $3, $4, 60, $5, true)`,
      [need.id, world.products[0].id, stranger.user.organization.id, world.bankId, ENGINE_VERSION],
    );
    const hidden = await view(stranger.user.organization.id, world.officer).expect(404);
    expect(hidden.body.message).toBe(missing.body.message);
    // Once the firm applies, the officer sees it.
    await t.db.query(
      `UPDATE matches SET status = 'applied', applied_at = now() WHERE need_id = $1`,
      [need.id],
    );
    await view(stranger.user.organization.id, world.officer).expect(200);
    // The other bank's firms that are not in this bank's queue stay invisible, and so do their matches.
    const theirs = world.matches.find(
      (m) => m.bankId === world.otherBankId && (m.inProductTop || m.status !== 'suggested'),
    )!;
    await view(theirs.firmId, world.otherOfficer, theirs.id).expect(200);
    const res = await view(theirs.firmId, world.officer, theirs.id);
    expect(res.status).toBe(404);
  });

  it('answers 404 for a match that is not this bank’s or not this firm’s', async () => {
    const mine = world.matches.find((m) => m.bankId === world.bankId && m.status === 'applied')!;
    const otherFirmsMatch = world.matches.find(
      (m) => m.bankId === world.bankId && m.status === 'applied' && m.firmId !== mine.firmId,
    )!;
    const res = await view(mine.firmId, world.officer, otherFirmsMatch.id).expect(404);
    expect(res.body.message).toBe('match not found');
    await view(mine.firmId, world.officer, randomUUID()).expect(404);
    await view(mine.firmId, world.officer, 'nope').expect(400);
    await t.http().get('/api/v1/bank/firms/nope').set(bearer(world.officer)).expect(400);
  });

  it('answers 403 to firm, gov and admin users', async () => {
    for (const email of ['firm@lianrong.demo', 'gov@lianrong.demo', 'admin@lianrong.demo'])
      await view(bojiangId, await t.login(email)).expect(403);
  });
});
