import { randomUUID } from 'node:crypto';
import { demoIds } from '../../../src/database/seeds/demo';
import { OutboxService } from '../../../src/outbox/outbox.service';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from '../test-app';

interface LinkBody {
  id: string;
  status: string;
  rejectionReason: string | null;
  rejectedAt: string | null;
}

describe('supply links', () => {
  let t: TestApp;
  /** A chain outside Hunan whose core list the tests fill, so the demo chains stay as seeded. */
  let testChain: string;

  beforeAll(async () => {
    t = await createTestApp();
    const [chain] = await t.db.query(
      `INSERT INTO chains (name, region_code) VALUES ($1, '450000') RETURNING id`,
      [`供应链测试链-${randomUUID().slice(0, 8)}`],
    );
    testChain = chain.id;
  });
  afterAll(() => t.close());

  /** A freshly registered firm made core of the test chain. */
  const registerCore = async (name = `链主测试企业${randomUUID().slice(0, 6)}有限公司`) => {
    const core = await registerFirm(t, { name });
    await t.db.query(`INSERT INTO chain_core_enterprises (chain_id, firm_id) VALUES ($1, $2)`, [
      testChain,
      core.user.organization.id,
    ]);
    return core;
  };

  const claim = async (supplier: Session, core: Session, annualSales = 8_000_000) =>
    (
      await t
        .http()
        .post('/api/v1/firms/me/supply-links')
        .set(bearer(supplier))
        .send({ coreFirmId: core.user.organization.id, annualSales })
        .expect(201)
    ).body as LinkBody;

  const decide = (who: Session, id: string, action: 'confirm' | 'reject', body?: object) => {
    const req = t.http().post(`/api/v1/supply-links/${id}/${action}`).set(bearer(who));
    return body ? req.send(body) : req;
  };

  describe('core enterprise search', () => {
    const search = async (who: Session, q: string) =>
      (
        await t
          .http()
          .get('/api/v1/supply-links/core-enterprises')
          .query({ q })
          .set(bearer(who))
          .expect(200)
      ).body.items as { id: string; name: string; chains: string[] }[];

    it('finds only firms that are core of a chain, by part of the name', async () => {
      const firm = await t.login('firm@lianrong.demo');
      // 株洲 is in two core enterprises' names and in two ordinary suppliers' (车城, 南方阀门).
      const found = await search(firm, '株洲');
      expect(found.map((f) => f.id).sort()).toEqual(
        [demoIds.orgId('firm', 'crrc'), demoIds.orgId('firm', 'times')].sort(),
      );
      expect(found.find((f) => f.id === demoIds.orgId('firm', 'times'))?.chains).toEqual([
        '新材料',
        '轨道交通',
      ]);
      const all = await search(firm, '');
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM organizations o
          WHERE o.id IN (SELECT firm_id FROM chain_core_enterprises) AND o.id <> $1`,
        [firm.user.organization.id],
      );
      expect(all.length).toBe(Math.min(n, 20));
      expect(all.map((f) => f.id)).not.toContain(demoIds.orgId('firm', 'checheng'));
    });

    it('leaves the caller out and reads % and _ as letters', async () => {
      const crrc = await t.login('crrc@lianrong.demo');
      expect((await search(crrc, '中车')).map((f) => f.id)).not.toContain(
        demoIds.orgId('firm', 'crrc'),
      );
      expect(await search(crrc, '%')).toEqual([]);
      expect(await search(crrc, '_')).toEqual([]);
    });

    it('refuses a query longer than a name with a 400 naming q', async () => {
      const firm = await t.login('firm@lianrong.demo');
      const res = await t
        .http()
        .get('/api/v1/supply-links/core-enterprises')
        .query({ q: '链'.repeat(51) })
        .set(bearer(firm))
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['q']);
    });

    it('is for firms, and for banks naming the core enterprises of a supply-chain product', async () => {
      const bank = await t.login('bank@lianrong.demo');
      await t.http().get('/api/v1/supply-links/core-enterprises').set(bearer(bank)).expect(200);
      const gov = await t.login('gov@lianrong.demo');
      await t.http().get('/api/v1/supply-links/core-enterprises').set(bearer(gov)).expect(403);
    });
  });

  it('refuses a claim on a firm that is not a core enterprise, naming coreFirmId', async () => {
    const supplier = await registerFirm(t);
    const plain = await registerFirm(t);
    const res = await t
      .http()
      .post('/api/v1/firms/me/supply-links')
      .set(bearer(supplier))
      .send({ coreFirmId: plain.user.organization.id, annualSales: 1_000_000 })
      .expect(400);
    expect(res.body.details).toEqual([
      { field: 'coreFirmId', problem: 'is not a core enterprise of any chain' },
    ]);
  });

  it('a supplier claims a core enterprise; only that core firm confirms, once, and the supplier is re-matched', async () => {
    const supplier = await registerFirm(t);
    const core = await registerCore();
    const link = await claim(supplier, core);
    expect(link.status).toBe('pending');
    await decide(supplier, link.id, 'confirm').expect(404);
    const outbox = t.app.get(OutboxService);
    const spy = jest.spyOn(outbox, 'record');
    const confirmed = await decide(core, link.id, 'confirm').expect(201);
    const recorded = spy.mock.calls.map(([, topic, entityId]) => [topic, entityId]);
    spy.mockRestore();
    expect(confirmed.body.status).toBe('confirmed');
    // A confirmed link is a matching input of the supplier: its re-match goes through the outbox.
    expect(recorded).toContainEqual(['firm.changed', supplier.user.organization.id]);
    await decide(core, link.id, 'confirm').expect(409);
    await decide(core, link.id, 'reject', { reason: '改主意了' }).expect(409);
    const mine = await t.http().get('/api/v1/firms/me/supply-links').set(bearer(core)).expect(200);
    expect(mine.body.asCore.map((l: { id: string }) => l.id)).toContain(link.id);
  });

  describe('reject', () => {
    it('records the reason, which both sides see', async () => {
      const supplier = await registerFirm(t);
      const core = await registerCore();
      const link = await claim(supplier, core, 3_500_000);
      const spy = jest.spyOn(t.app.get(OutboxService), 'record');
      const rejected = await decide(core, link.id, 'reject', {
        reason: '  2025 年度未发生采购  ',
      }).expect(201);
      expect(rejected.body).toMatchObject({
        id: link.id,
        status: 'rejected',
        rejectionReason: '2025 年度未发生采购',
        confirmedAt: null,
      });
      expect(typeof rejected.body.rejectedAt).toBe('string');
      const asSupplier = await t
        .http()
        .get('/api/v1/firms/me/supply-links')
        .set(bearer(supplier))
        .expect(200);
      expect(asSupplier.body.asSupplier).toEqual([
        expect.objectContaining({
          id: link.id,
          status: 'rejected',
          rejectionReason: '2025 年度未发生采购',
        }),
      ]);
      const asCore = await t
        .http()
        .get('/api/v1/firms/me/supply-links')
        .set(bearer(core))
        .expect(200);
      expect(asCore.body.asCore).toEqual([
        expect.objectContaining({
          id: link.id,
          status: 'rejected',
          rejectionReason: '2025 年度未发生采购',
        }),
      ]);
      // Nothing to re-match: the link never was a matching input.
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    });

    it('answers 409 to a second decision', async () => {
      const core = await registerCore();
      const link = await claim(await registerFirm(t), core);
      await decide(core, link.id, 'reject', { reason: '不是我司供应商' }).expect(201);
      const again = await decide(core, link.id, 'reject', { reason: '再次驳回' }).expect(409);
      expect(again.body.message).toBe('supply link is already rejected');
      await decide(core, link.id, 'confirm').expect(409);
    });

    it("answers 404 for another firm's link, and for the supplier's own claim", async () => {
      const supplier = await registerFirm(t);
      const core = await registerCore();
      const link = await claim(supplier, core);
      const stranger = await registerFirm(t);
      const foreign = await decide(stranger, link.id, 'reject', { reason: '不相干' }).expect(404);
      const missing = await decide(stranger, randomUUID(), 'reject', { reason: '不相干' }).expect(
        404,
      );
      expect(foreign.body.message).toBe(missing.body.message);
      await decide(supplier, link.id, 'reject', { reason: '自己驳回' }).expect(404);
      const [row] = await t.db.query(`SELECT status FROM supply_links WHERE id = $1`, [link.id]);
      expect(row.status).toBe('pending');
    });

    it.each([
      ['missing', {}],
      ['blank', { reason: '   ' }],
      ['not text', { reason: 42 }],
      ['too long', { reason: '原'.repeat(501) }],
    ])('answers 400 naming reason when it is %s', async (_case, body) => {
      const core = await registerCore();
      const link = await claim(await registerFirm(t), core);
      const res = await decide(core, link.id, 'reject', body).expect(400);
      expect([...new Set(res.body.details.map((d: { field: string }) => d.field))]).toEqual([
        'reason',
      ]);
      const [row] = await t.db.query(`SELECT status FROM supply_links WHERE id = $1`, [link.id]);
      expect(row.status).toBe('pending');
    });
  });

  it('the database refuses a rejected link without a reason', async () => {
    const core = await registerCore();
    const link = await claim(await registerFirm(t), core);
    await expect(
      t.db.query(`UPDATE supply_links SET status = 'rejected', rejected_at = now() WHERE id = $1`, [
        link.id,
      ]),
    ).rejects.toMatchObject({ constraint: 'supply_links_rejection_complete' });
  });
});
