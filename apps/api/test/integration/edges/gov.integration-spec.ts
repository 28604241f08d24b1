import { demoIds } from '../../../src/database/seeds/demo';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from '../test-app';

describe('government edges', () => {
  let t: TestApp;
  let gov: Session;

  beforeAll(async () => {
    t = await createTestApp();
    gov = await t.login('gov@lianrong.demo');
  });
  afterAll(() => t.close());

  it('gov keeps the white list with a reason; a firm cannot whitelist itself', async () => {
    const target = await registerFirm(t, { regionCode: '430300' });
    const firmId = target.user.organization.id;
    await t
      .http()
      .patch('/api/v1/firms/me')
      .set(bearer(target))
      .send({ whitelisted: true })
      .expect(400);
    const added = await t
      .http()
      .put(`/api/v1/gov/whitelist/${firmId}`)
      .set(bearer(gov))
      .send({ reason: '2025 第一批' })
      .expect(200);
    expect(added.body).toMatchObject({ whitelisted: true, reason: '2025 第一批' });
    await t
      .http()
      .put(`/api/v1/gov/whitelist/${firmId}`)
      .set(bearer(gov))
      .send({ reason: '再次' })
      .expect(409);
    // Taking a firm off says why, too.
    await t.http().delete(`/api/v1/gov/whitelist/${firmId}`).set(bearer(gov)).expect(400);
    const removed = await t
      .http()
      .delete(`/api/v1/gov/whitelist/${firmId}?reason=${encodeURIComponent('不再符合条件')}`)
      .set(bearer(gov))
      .expect(200);
    expect(removed.body).toMatchObject({ whitelisted: false, reason: '不再符合条件' });
  });

  it('gov sets a chain lead bank; a non-bank is a 400 naming bankId', async () => {
    const chain = demoIds.chainId('biomed');
    const res = await t
      .http()
      .put(`/api/v1/gov/chains/${chain}/lead-bank`)
      .set(bearer(gov))
      .send({ bankId: demoIds.orgId('bank', 'boc') })
      .expect(200);
    expect(res.body.leadBank.name).toBe('中国银行湖南省分行');
    const bad = await t
      .http()
      .put(`/api/v1/gov/chains/${chain}/lead-bank`)
      .set(bearer(gov))
      .send({ bankId: gov.user.organization.id })
      .expect(400);
    expect(bad.body.details).toEqual([{ field: 'bankId', problem: 'is not a bank' }]);
  });
});
