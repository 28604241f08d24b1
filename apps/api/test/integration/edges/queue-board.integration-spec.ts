import { bearer, createTestApp, type Session, type TestApp } from '../test-app';

describe('queue board (bull-board)', () => {
  let t: TestApp;
  let bank: Session;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    bank = await t.login('bank@lianrong.demo');
    admin = await t.login('admin@lianrong.demo');
  });
  afterAll(() => t.close());

  it('opens for an admin through a session call, never through a token in the URL', async () => {
    await t.http().get('/admin/queues').expect(401);
    const viaUrl = await t.http().get(`/admin/queues?token=${admin.accessToken}`).expect(401);
    expect(viaUrl.headers['set-cookie']).toBeUndefined();

    await t.http().post('/api/v1/admin/queues/session').expect(401);
    await t.http().post('/api/v1/admin/queues/session').set(bearer(bank)).expect(403);
    const session = await t
      .http()
      .post('/api/v1/admin/queues/session')
      .set(bearer(admin))
      .expect(204);
    const cookie = ([] as string[]).concat(session.headers['set-cookie'] ?? [])[0] ?? '';
    expect(cookie).toMatch(/^lr_board=[^;]+;/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\/admin\/queues(;|$)/);

    const pair = cookie.split(';')[0];
    await t.http().get('/admin/queues').set('Cookie', pair).expect(200);
  });

  it('refuses a non-admin bearer and serves the queues API to an admin one', async () => {
    await t.http().get('/admin/queues/api/queues').set(bearer(bank)).expect(403);
    const queues = await t.http().get('/admin/queues/api/queues').set(bearer(admin)).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name)).toEqual(
      expect.arrayContaining(['matching', 'matching-background']),
    );
  });

  it('refuses a forged cookie', async () => {
    await t.http().get('/admin/queues').set('Cookie', 'lr_board=not.a.jwt').expect(401);
  });
});
