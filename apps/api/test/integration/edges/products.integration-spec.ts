import { bearer, createTestApp, type Session, type TestApp } from '../test-app';

describe('product edges', () => {
  let t: TestApp;
  let bank: Session;

  beforeAll(async () => {
    t = await createTestApp();
    bank = await t.login('bank@lianrong.demo');
  });
  afterAll(() => t.close());

  it('a product whose minimum exceeds its maximum is a 400 naming the field, and is not written', async () => {
    const before = await t.http().get('/api/v1/products').set(bearer(bank)).expect(200);
    const res = await t
      .http()
      .post('/api/v1/products')
      .set(bearer(bank))
      .send({
        name: '倒挂贷',
        kind: 'credit',
        amountMin: 9_000_000,
        amountMax: 1_000_000,
        termMin: 3,
        termMax: 12,
        rateMinBps: 400,
        rateMaxBps: 500,
      })
      .expect(400);
    expect(res.body.details).toEqual([
      { field: 'amountMin', problem: 'must not exceed amountMax' },
    ]);
    const after = await t.http().get('/api/v1/products').set(bearer(bank)).expect(200);
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('a supply-chain product must name a core enterprise', async () => {
    const res = await t
      .http()
      .post('/api/v1/products')
      .set(bearer(bank))
      .send({
        name: '链贷',
        kind: 'supply_chain',
        amountMin: 1,
        amountMax: 2,
        termMin: 1,
        termMax: 2,
        rateMinBps: 1,
        rateMaxBps: 2,
      })
      .expect(400);
    expect(res.body.details[0].field).toBe('coreEnterpriseIds');
  });

  it('pausing a product is an update of its status, audited', async () => {
    const created = await t
      .http()
      .post('/api/v1/products')
      .set(bearer(bank))
      .send({
        name: '暂停测试贷',
        kind: 'credit',
        amountMin: 1,
        amountMax: 2,
        termMin: 1,
        termMax: 2,
        rateMinBps: 1,
        rateMaxBps: 2,
      })
      .expect(201);
    const paused = await t
      .http()
      .patch(`/api/v1/products/${created.body.id}`)
      .set(bearer(bank))
      .send({ status: 'paused' })
      .expect(200);
    expect(paused.body.status).toBe('paused');
    const [event] = await t.db.query(
      `SELECT from_status, to_status FROM audit_events WHERE entity_id = $1 AND action = 'product.updated'`,
      [created.body.id],
    );
    expect(event).toEqual({ from_status: 'active', to_status: 'paused' });
  });
});
