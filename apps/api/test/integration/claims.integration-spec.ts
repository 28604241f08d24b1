import { randomUUID } from 'node:crypto';
import { loadNeedEntries } from '../../src/modules/matching/matching-inputs';
import { demoIds } from '../../src/database/seeds/demo';
import { WORKING_CAPITAL_NEED } from './fixtures';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from './test-app';

const TIER_CLAIM = { kind: 'tier', tier: 'srdi', tierYear: 2026, certificateNo: '湘工信认〔2026〕第0999号' };

/** Eligibility facts by claim: the firm files, the agency of its region confirms or rejects. */
describe('firm claims (认定核验)', () => {
  let t: TestApp;
  let gov: Session;
  let bank: Session;
  let demoFirm: Session;

  beforeAll(async () => {
    t = await createTestApp();
    gov = await t.login('gov@lianrong.demo');
    bank = await t.login('bank@lianrong.demo');
    demoFirm = await t.login('firm@lianrong.demo');
  });
  afterAll(() => t.close());

  const fileClaim = (firm: Session, body: object) =>
    t.http().post('/api/v1/firms/me/claims').set(bearer(firm)).send(body);
  const profile = async (firm: Session) =>
    (await t.http().get('/api/v1/firms/me').set(bearer(firm)).expect(200)).body;
  /** Bumped by every need- or firm-side outbox note (the relay may already have sent the note itself). */
  const matchingDataSeq = async (): Promise<number> =>
    Number(
      (
        await t.db.query(
          'SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM matching_data_seq',
        )
      )[0].n,
    );

  describe('PATCH /firms/me', () => {
    it.each([
      ['tier', 'champion'],
      ['tierYear', 2026],
      ['chainIds', [demoIds.chainId('rail')]],
      ['chainRole', 'core'],
      ['regionCode', '430104'],
      ['industryCode', 'C3912'],
      ['yearsInNiche', 30],
    ])('refuses %s with a 400 naming it', async (field, value) => {
      const firm = await registerFirm(t);
      const res = await t
        .http()
        .patch('/api/v1/firms/me')
        .set(bearer(firm))
        .send({ name: '改名测试有限公司', [field]: value })
        .expect(400);
      expect(res.body.details).toEqual([
        { field, problem: 'is confirmed by an agency: file a claim (POST /firms/me/claims)' },
      ]);
      expect((await profile(firm)).name).not.toBe('改名测试有限公司');
    });

    it('changes the name', async () => {
      const firm = await registerFirm(t);
      const res = await t
        .http()
        .patch('/api/v1/firms/me')
        .set(bearer(firm))
        .send({ name: '新名称科技有限公司' })
        .expect(200);
      expect(res.body.name).toBe('新名称科技有限公司');
    });
  });

  describe('POST /firms/me/claims', () => {
    it.each([
      [TIER_CLAIM, { tier: 'srdi', tierYear: 2026, certificateNo: TIER_CLAIM.certificateNo }],
      [
        { kind: 'chain', chainId: demoIds.chainId('rail'), chainRole: 'upstream' },
        { chain: { id: demoIds.chainId('rail'), name: '轨道交通' }, chainRole: 'upstream' },
      ],
      [{ kind: 'region', regionCode: '430104' }, { regionCode: '430104' }],
      [{ kind: 'industry', industryCode: 'C3912' }, { industryCode: 'C3912' }],
      [{ kind: 'years_in_niche', yearsInNiche: 7 }, { yearsInNiche: 7 }],
    ])('files %j as pending', async (body, values) => {
      const firm = await registerFirm(t);
      const res = await fileClaim(firm, body).expect(201);
      expect(res.body).toMatchObject({
        kind: body.kind,
        status: 'pending',
        decidedBy: null,
        decidedAt: null,
        firm: { id: firm.user.organization.id },
        ...values,
      });
      // Filing changes nothing the rules read.
      expect((await profile(firm)).tier).toBe('none');
    });

    it.each([
      [{ ...TIER_CLAIM, tier: 'none' }, 'tier'],
      [{ ...TIER_CLAIM, tierYear: 2099 }, 'tierYear'],
      [{ ...TIER_CLAIM, tierYear: 2026.5 }, 'tierYear'],
      [{ kind: 'tier', tier: 'srdi', tierYear: 2025 }, 'certificateNo'],
      [{ kind: 'chain', chainId: randomUUID(), chainRole: 'core' }, 'chainId'],
      [{ kind: 'chain', chainId: 'rail', chainRole: 'core' }, 'chainId'],
      [{ kind: 'chain', chainId: demoIds.chainId('rail'), chainRole: 'boss' }, 'chainRole'],
      [{ kind: 'region', regionCode: '999999' }, 'regionCode'],
      [{ kind: 'region', regionCode: '4301' }, 'regionCode'],
      [{ kind: 'industry', industryCode: 'C99' }, 'industryCode'],
      [{ kind: 'years_in_niche', yearsInNiche: -1 }, 'yearsInNiche'],
      [{ kind: 'years_in_niche', yearsInNiche: '7' }, 'yearsInNiche'],
      [{ kind: 'region', regionCode: '430104', tier: 'champion' }, 'tier'],
      [{ kind: 'unicorn' }, 'kind'],
      [{ regionCode: '430104' }, 'kind'],
    ])('refuses %j with a 400 naming %s', async (body, field) => {
      const res = await fileClaim(demoFirm, body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('a second pending claim of the same kind is a 409; another kind is fine', async () => {
      const firm = await registerFirm(t);
      await fileClaim(firm, TIER_CLAIM).expect(201);
      const again = await fileClaim(firm, { ...TIER_CLAIM, tier: 'little_giant' }).expect(409);
      expect(again.body.details).toEqual([
        { field: 'kind', problem: 'a claim of this kind is already pending' },
      ]);
      await fileClaim(firm, { kind: 'years_in_niche', yearsInNiche: 3 }).expect(201);
    });

    it('is for firms only', async () => {
      for (const other of [bank, gov]) await fileClaim(other, TIER_CLAIM).expect(403);
      await t.http().get('/api/v1/firms/me/claims').set(bearer(gov)).expect(403);
      await t.http().post('/api/v1/firms/me/claims').send(TIER_CLAIM).expect(401);
    });
  });

  describe('GET /firms/me/claims/chains', () => {
    it('lists the chains a firm may claim; firms only', async () => {
      const res = await t
        .http()
        .get('/api/v1/firms/me/claims/chains')
        .set(bearer(demoFirm))
        .expect(200);
      expect(res.body.items).toContainEqual({
        id: demoIds.chainId('rail'),
        name: '轨道交通',
        regionCode: '430000',
      });
      await t.http().get('/api/v1/firms/me/claims/chains').set(bearer(bank)).expect(403);
    });
  });

  describe('GET /firms/me/claims', () => {
    it('lists only the caller’s claims, newest first', async () => {
      const firm = await registerFirm(t);
      const other = await registerFirm(t);
      await fileClaim(other, TIER_CLAIM).expect(201);
      const first = await fileClaim(firm, { kind: 'industry', industryCode: 'C3912' }).expect(201);
      const second = await fileClaim(firm, TIER_CLAIM).expect(201);
      const res = await t.http().get('/api/v1/firms/me/claims').set(bearer(firm)).expect(200);
      expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([
        second.body.id,
        first.body.id,
      ]);
    });

    it('shows the demo firm’s facts as confirmed by the demo agency', async () => {
      const res = await t.http().get('/api/v1/firms/me/claims').set(bearer(demoFirm)).expect(200);
      const tier = res.body.items.find(
        (c: { kind: string; status: string }) => c.kind === 'tier' && c.status === 'confirmed',
      );
      expect(tier).toMatchObject({
        tier: 'srdi',
        tierYear: 2024,
        decidedBy: { name: '王强（中小企业处）', agency: '湖南省工业和信息化厅' },
        tierExpiresOn: '2026-12-31',
      });
      const kinds = new Set(res.body.items.map((c: { kind: string }) => c.kind));
      expect([...kinds].sort()).toEqual(['chain', 'industry', 'region', 'tier', 'years_in_niche']);
    });
  });

  describe('gov routes', () => {
    it('lists the pending claims of its region, not another province’s', async () => {
      const hunan = await registerFirm(t, { regionCode: '430200' });
      const guangdong = await registerFirm(t, { regionCode: '440300' });
      const own = await fileClaim(hunan, TIER_CLAIM).expect(201);
      const foreign = await fileClaim(guangdong, TIER_CLAIM).expect(201);
      const res = await t
        .http()
        .get('/api/v1/gov/claims?status=pending')
        .set(bearer(gov))
        .expect(200);
      const ids = res.body.items.map((c: { id: string }) => c.id);
      expect(ids).toContain(own.body.id);
      expect(ids).not.toContain(foreign.body.id);
      expect(res.body.items.every((c: { status: string }) => c.status === 'pending')).toBe(true);
      const bad = await t.http().get('/api/v1/gov/claims?status=maybe').set(bearer(gov)).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['status']);
    });

    it('flags confirmed tiers that run out within 90 days', async () => {
      const res = await t
        .http()
        .get('/api/v1/gov/claims?status=confirmed')
        .set(bearer(gov))
        .expect(200);
      const bojiang = res.body.items.find(
        (c: { kind: string; firm: { id: string } }) =>
          c.kind === 'tier' && c.firm.id === demoFirm.user.organization.id,
      );
      expect(bojiang).toMatchObject({ tierExpiresOn: '2026-12-31', tierExpiringSoon: true });
    });

    it('confirming a tier updates the firm, audits, re-matches; a second decision is a 409', async () => {
      const firm = await registerFirm(t);
      const claim = await fileClaim(firm, TIER_CLAIM).expect(201);
      const before = await matchingDataSeq();
      const res = await t
        .http()
        .post(`/api/v1/gov/claims/${claim.body.id}/confirm`)
        .set(bearer(gov))
        .expect(201);
      expect(res.body).toMatchObject({
        status: 'confirmed',
        decidedBy: { id: gov.user.id, agency: '湖南省工业和信息化厅' },
        decidedAt: expect.any(String),
      });
      expect(await profile(firm)).toMatchObject({
        tier: 'srdi',
        tierYear: 2026,
        tierExpiresOn: '2028-12-31',
        tierExpired: false,
        tierExpiringSoon: false,
      });
      expect(await matchingDataSeq()).toBe(before + 1);
      const [audit] = await t.db.query(
        `SELECT actor_user_id, from_status, to_status FROM audit_events
          WHERE entity_type = 'firm_claim' AND entity_id = $1 AND action = 'firm_claim.confirmed'`,
        [claim.body.id],
      );
      expect(audit).toEqual({ actor_user_id: gov.user.id, from_status: 'pending', to_status: 'confirmed' });

      for (const action of ['confirm', 'reject']) {
        const again = await t
          .http()
          .post(`/api/v1/gov/claims/${claim.body.id}/${action}`)
          .set(bearer(gov))
          .send({ reason: '重复核验' })
          .expect(409);
        expect(again.body.message).toBe('claim is already confirmed');
      }
    });

    it('confirming a core chain claim makes the firm a core enterprise of the chain', async () => {
      const firm = await registerFirm(t);
      const firmId = firm.user.organization.id;
      const chainId = demoIds.chainId('biomed');
      const claim = await fileClaim(firm, { kind: 'chain', chainId, chainRole: 'core' }).expect(201);
      await t.http().post(`/api/v1/gov/claims/${claim.body.id}/confirm`).set(bearer(gov)).expect(201);
      const [{ n }] = await t.db.query(
        'SELECT count(*)::int AS n FROM chain_core_enterprises WHERE chain_id = $1 AND firm_id = $2',
        [chainId, firmId],
      );
      expect(n).toBe(1);
      expect(await profile(firm)).toMatchObject({
        chainRole: 'core',
        chains: [{ id: chainId, name: '生物医药' }],
      });
      const chain = await t.http().get(`/api/v1/gov/chains/${chainId}`).set(bearer(gov)).expect(200);
      expect(chain.body.coreEnterprises.map((c: { id: string }) => c.id)).toContain(firmId);
    });

    it('confirms region, industry and years in niche onto the firm', async () => {
      const firm = await registerFirm(t);
      for (const body of [
        { kind: 'region', regionCode: '430104' },
        { kind: 'industry', industryCode: 'C3912' },
        { kind: 'years_in_niche', yearsInNiche: 11 },
      ]) {
        const claim = await fileClaim(firm, body).expect(201);
        await t
          .http()
          .post(`/api/v1/gov/claims/${claim.body.id}/confirm`)
          .set(bearer(gov))
          .expect(201);
      }
      expect(await profile(firm)).toMatchObject({
        regionCode: '430104',
        industryCode: 'C3912',
        yearsInNiche: 11,
      });
    });

    it('rejects with a reason the firm sees, leaving the fact alone', async () => {
      const firm = await registerFirm(t);
      const claim = await fileClaim(firm, TIER_CLAIM).expect(201);
      const noReason = await t
        .http()
        .post(`/api/v1/gov/claims/${claim.body.id}/reject`)
        .set(bearer(gov))
        .send({})
        .expect(400);
      expect(new Set(noReason.body.details.map((d: { field: string }) => d.field))).toEqual(
        new Set(['reason']),
      );
      await t
        .http()
        .post(`/api/v1/gov/claims/${claim.body.id}/reject`)
        .set(bearer(gov))
        .send({ reason: '证书编号与公示名单不符' })
        .expect(201);
      const mine = await t.http().get('/api/v1/firms/me/claims').set(bearer(firm)).expect(200);
      expect(mine.body.items[0]).toMatchObject({
        status: 'rejected',
        reason: '证书编号与公示名单不符',
      });
      expect((await profile(firm)).tier).toBe('none');
      await t
        .http()
        .post(`/api/v1/gov/claims/${claim.body.id}/confirm`)
        .set(bearer(gov))
        .expect(409);
      // Decided, the kind may be claimed again.
      await fileClaim(firm, TIER_CLAIM).expect(201);
    });

    it('another province’s claim is a 404, like a missing one', async () => {
      const guangdong = await registerFirm(t, { regionCode: '440300' });
      const claim = await fileClaim(guangdong, TIER_CLAIM).expect(201);
      for (const id of [claim.body.id, randomUUID()]) {
        const confirm = await t
          .http()
          .post(`/api/v1/gov/claims/${id}/confirm`)
          .set(bearer(gov))
          .expect(404);
        expect(confirm.body.message).toBe('claim not found');
        await t
          .http()
          .post(`/api/v1/gov/claims/${id}/reject`)
          .set(bearer(gov))
          .send({ reason: '不在辖区' })
          .expect(404);
      }
      await t.http().post('/api/v1/gov/claims/not-a-uuid/confirm').set(bearer(gov)).expect(400);
    });

    it('is for gov users only', async () => {
      const firm = await registerFirm(t);
      const claim = await fileClaim(firm, TIER_CLAIM).expect(201);
      for (const other of [firm, bank]) {
        await t.http().get('/api/v1/gov/claims').set(bearer(other)).expect(403);
        await t
          .http()
          .post(`/api/v1/gov/claims/${claim.body.id}/confirm`)
          .set(bearer(other))
          .expect(403);
        await t
          .http()
          .post(`/api/v1/gov/claims/${claim.body.id}/reject`)
          .set(bearer(other))
          .send({ reason: '越权' })
          .expect(403);
      }
    });
  });

  describe('tier expiry', () => {
    it('the demo firm’s tier runs out within 90 days and is flagged', async () => {
      expect(await profile(demoFirm)).toMatchObject({
        tier: 'srdi',
        tierYear: 2024,
        tierExpiresOn: '2026-12-31',
        tierExpired: false,
        tierExpiringSoon: true,
      });
    });

    it('an expired tier counts as none for matching', async () => {
      const firm = await registerFirm(t);
      const firmId = firm.user.organization.id;
      await t.db.query(`UPDATE firms SET tier = 'little_giant', tier_year = 2020 WHERE id = $1`, [
        firmId,
      ]);
      await t.http().post('/api/v1/needs').set(bearer(firm)).send(WORKING_CAPITAL_NEED).expect(201);
      expect(await profile(firm)).toMatchObject({ tier: 'little_giant', tierExpired: true });
      const [entry] = await loadNeedEntries(t.db.manager, { kind: 'firms', firmIds: [firmId] });
      expect(entry.firm.tier).toBe('none');
      await t.db.query(`UPDATE firms SET tier_year = 2025 WHERE id = $1`, [firmId]);
      const [valid] = await loadNeedEntries(t.db.manager, { kind: 'firms', firmIds: [firmId] });
      expect(valid.firm.tier).toBe('little_giant');
    });
  });
});
