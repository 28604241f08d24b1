import { WORKING_CAPITAL_NEED } from '../fixtures';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from '../test-app';

describe('malformed requests', () => {
  let t: TestApp;
  let firm: Session;
  let bank: Session;

  beforeAll(async () => {
    t = await createTestApp();
    firm = await registerFirm(t);
    bank = await t.login('bank@lianrong.demo');
  });
  afterAll(() => t.close());

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
      .send({ ...WORKING_CAPITAL_NEED, whitelisted: true })
      .expect(400);
    expect(res.body.details).toContainEqual({ field: 'whitelisted', problem: 'is not allowed' });
  });

  it('a malformed id in the path is a 400 naming it', async () => {
    const res = await t.http().get('/api/v1/needs/not-a-uuid').set(bearer(firm)).expect(400);
    expect(res.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
  });
});
