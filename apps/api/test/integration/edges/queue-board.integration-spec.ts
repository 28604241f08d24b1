import { createTestApp, type Session, type TestApp } from '../test-app';

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

  it('shows the queues (bull-board) to admins only', async () => {
    await t.http().get('/admin/queues').expect(401);
    await t.http().get(`/admin/queues?token=${bank.accessToken}`).expect(403);
    const page = await t.http().get(`/admin/queues?token=${admin.accessToken}`).expect(200);
    expect(page.headers['set-cookie']?.[0]).toMatch(/lr_board=.*HttpOnly/);
    const queues = await t
      .http()
      .get('/admin/queues/api/queues')
      .set('Authorization', `Bearer ${admin.accessToken}`);
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name)).toEqual(
      expect.arrayContaining(['matching', 'matching-background']),
    );
  });
});
