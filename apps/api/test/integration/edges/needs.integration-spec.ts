import { WORKING_CAPITAL_NEED } from '../fixtures';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from '../test-app';

describe('need state changes', () => {
  let t: TestApp;
  let firm: Session;

  beforeAll(async () => {
    t = await createTestApp();
    firm = await registerFirm(t);
  });
  afterAll(() => t.close());

  it('a withdrawn need cannot be withdrawn or edited again (409)', async () => {
    const need = await t
      .http()
      .post('/api/v1/needs')
      .set(bearer(firm))
      .send(WORKING_CAPITAL_NEED)
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
});
