import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../../src/database/seeds/demo-data';
import { bearer, createTestApp, refreshCookieOf, type Session, type TestApp } from './test-app';

/**
 * Sessions to the banks' rules (OWASP ASVS 3.3): 15 minutes idle, 12 hours at most, and a
 * way to end them — everywhere at once, or by an administrator — that also stops the access
 * tokens already handed out, in every API process.
 */
describe('sessions', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: Session;

  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp();
    admin = await a.login('admin@lianrong.demo');
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  const PASSWORD = 'Officer#2026x';
  /** A bank officer of its own for each case, so no case ends another's sessions. */
  async function officer(): Promise<{ id: string; email: string }> {
    const email = `session-${randomUUID()}@bank.test`;
    const [bank] = await a.db.query(`SELECT id FROM organizations WHERE kind = 'bank' LIMIT 1`);
    const res = await a
      .http()
      .post('/api/v1/admin/users')
      .set(bearer(admin))
      .send({
        email,
        password: PASSWORD,
        displayName: '会话测试',
        role: 'bank',
        organizationId: bank.id,
      })
      .expect(201);
    return { id: res.body.id, email };
  }
  const me = (app: TestApp, s: Session) => app.http().get('/api/v1/auth/me').set(bearer(s));
  const refresh = (app: TestApp, cookie: string) =>
    app.http().post('/api/v1/auth/refresh').set('Cookie', cookie);
  const tokenId = (s: Session) => s.refreshCookie.split('=')[1].split('.')[0];

  it('ends a session 15 minutes after its last refresh', async () => {
    const { email } = await officer();
    const s = await a.login(email, PASSWORD);
    const [row] = await a.db.query(
      `SELECT extract(epoch FROM expires_at - created_at)::int AS idle FROM refresh_tokens WHERE id = $1`,
      [tokenId(s)],
    );
    expect(row.idle).toBeGreaterThanOrEqual(15 * 60 - 2);
    expect(row.idle).toBeLessThanOrEqual(15 * 60);
    await a.db.query(
      `UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [tokenId(s)],
    );
    await refresh(a, s.refreshCookie).expect(401);
  });

  it('ends a session 12 hours after sign-in, however active', async () => {
    const { email } = await officer();
    const s = await a.login(email, PASSWORD);
    // Signed in 11 h 59 min ago: what a refresh hands out lasts at most the minute left.
    await a.db.query(
      `UPDATE refresh_tokens SET family_started_at = now() - interval '11 hours 59 minutes' WHERE id = $1`,
      [tokenId(s)],
    );
    const next = await refresh(a, s.refreshCookie).expect(200);
    expect(next.body.expiresIn).toBeLessThanOrEqual(60);
    const [row] = await a.db.query(
      `SELECT extract(epoch FROM expires_at - now())::int AS left FROM refresh_tokens WHERE id = $1`,
      [refreshCookieOf(next).split('=')[1].split('.')[0]],
    );
    expect(row.left).toBeLessThanOrEqual(60);
  });

  it('"sign out everywhere" stops every session and access token of the user, in every process', async () => {
    const { email } = await officer();
    const phone = await a.login(email, PASSWORD);
    const laptop = await b.login(email, PASSWORD);
    await me(b, laptop).expect(200);
    await a.http().post('/api/v1/auth/logout-all').set(bearer(phone)).expect(204);
    // The other process refuses the laptop's still-unexpired access token at once.
    await me(b, laptop).expect(401);
    await me(a, phone).expect(401);
    await refresh(b, laptop.refreshCookie).expect(401);
    await refresh(a, phone.refreshCookie).expect(401);
    // Signing in again works.
    await me(a, await a.login(email, PASSWORD)).expect(200);
  });

  it('an administrator disables a user: access stops at once and sign-in is refused until re-enabled', async () => {
    const user = await officer();
    const s = await b.login(user.email, PASSWORD);
    const disabled = await a
      .http()
      .patch(`/api/v1/admin/users/${user.id}`)
      .set(bearer(admin))
      .send({ disabled: true })
      .expect(200);
    expect(disabled.body.disabledAt).not.toBeNull();
    await me(b, s).expect(401);
    await refresh(b, s.refreshCookie).expect(401);
    await b
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(401);
    await a
      .http()
      .patch(`/api/v1/admin/users/${user.id}`)
      .set(bearer(admin))
      .send({ disabled: false })
      .expect(200);
    await me(b, await b.login(user.email, PASSWORD)).expect(200);
    const events = await a.db.query(
      `SELECT action FROM audit_events WHERE entity_id = $1 AND action LIKE 'user.%' ORDER BY at, id`,
      [user.id],
    );
    expect(events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['user.disabled', 'user.enabled']),
    );
  });

  it('an administrator forces a password reset: sessions end, and the next sign-in sets a new password', async () => {
    const user = await officer();
    const s = await a.login(user.email, PASSWORD);
    await a
      .http()
      .post(`/api/v1/admin/users/${user.id}/password-reset`)
      .set(bearer(admin))
      .expect(200);
    await me(a, s).expect(401);
    const refused = await a
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(403);
    expect(refused.body.details[0].field).toBe('password');

    const newPassword = 'Changed#2026y';
    // The same password again is not a new one.
    await a
      .http()
      .post('/api/v1/auth/password')
      .send({ email: user.email, currentPassword: PASSWORD, newPassword: PASSWORD })
      .expect(400);
    const changed = await a
      .http()
      .post('/api/v1/auth/password')
      .send({ email: user.email, currentPassword: PASSWORD, newPassword })
      .expect(200);
    await me(a, changed.body as Session).expect(200);
    await a
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(401);
    await a.login(user.email, newPassword);
  });

  it('an administrator cannot lock themselves out, and other roles cannot manage users', async () => {
    await a
      .http()
      .patch(`/api/v1/admin/users/${admin.user.id}`)
      .set(bearer(admin))
      .send({ disabled: true })
      .expect(409);
    const bank = await a.login('bank@lianrong.demo', DEMO_PASSWORD);
    await a.http().get('/api/v1/admin/users').set(bearer(bank)).expect(403);
    const found = await a
      .http()
      .get('/api/v1/admin/users?q=%E4%B8%AD%E5%9B%BD%E9%93%B6%E8%A1%8C')
      .set(bearer(admin))
      .expect(200);
    expect(found.body.items.map((u: { email: string }) => u.email)).toContain('bank@lianrong.demo');
  });
});
