import { bearer, createTestApp, registerFirm, type TestApp } from '../test-app';

describe('supply links', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

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
    const mine = await t.http().get('/api/v1/firms/me/supply-links').set(bearer(core)).expect(200);
    expect(mine.body.asCore.map((l: { id: string }) => l.id)).toContain(link.body.id);
  });
});
