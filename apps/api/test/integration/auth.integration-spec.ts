import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../../src/config/app-config';
import { DEMO_PASSWORD } from '../../src/database/seeds/demo-data';
import {
  bearer,
  createTestApp,
  freshUscc,
  refreshCookieOf,
  registerFirm,
  type TestApp,
} from './test-app';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const registration = () => ({
    uscc: freshUscc(),
    name: '湖南测试精密制造有限公司',
    regionCode: '430100',
    industryCode: 'C3484',
    email: `reg-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`,
    password: 'Secret#12345',
  });

  it('registers a firm with a valid USCC and logs it in', async () => {
    const body = registration();
    const res = await t.http().post('/api/v1/auth/register-firm').send(body).expect(201);
    expect(res.body.user).toMatchObject({
      role: 'firm',
      email: body.email,
      organization: { kind: 'firm', name: body.name },
    });
    const me = await t.http().get('/api/v1/firms/me').set(bearer(res.body)).expect(200);
    expect(me.body).toMatchObject({ uscc: body.uscc, tier: 'none', financials: [] });
  });

  it('answers a wrong USCC check character with a 400 naming uscc, and writes nothing', async () => {
    const body = registration();
    const last = body.uscc[17];
    body.uscc = body.uscc.slice(0, 17) + (last === '0' ? '1' : '0');
    const res = await t.http().post('/api/v1/auth/register-firm').send(body).expect(400);
    expect(res.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'uscc' })]),
    );
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: body.email, password: body.password })
      .expect(401);
  });

  it('derives the region from characters 3–8 of the USCC when none is given', async () => {
    const { regionCode: _omitted, ...body } = { ...registration(), uscc: freshUscc('430100') };
    const res = await t.http().post('/api/v1/auth/register-firm').send(body).expect(201);
    expect(res.body.user.organization.regionCode).toBe('430100');
  });

  it('keeps a narrower region within the USCC division', async () => {
    const body = { ...registration(), uscc: freshUscc('430100'), regionCode: '430104' };
    const res = await t.http().post('/api/v1/auth/register-firm').send(body).expect(201);
    expect(res.body.user.organization.regionCode).toBe('430104');
  });

  it('tells a wrong 18th character from a wrong 17th, each a 400 naming uscc', async () => {
    const body = registration();
    const wrong18 = body.uscc.slice(0, 17) + (body.uscc[17] === '0' ? '1' : '0');
    const wrong17 = body.uscc.slice(0, 16) + (body.uscc[16] === '0' ? '1' : '0') + body.uscc[17];
    const r18 = await t
      .http()
      .post('/api/v1/auth/register-firm')
      .send({ ...body, uscc: wrong18 })
      .expect(400);
    const r17 = await t
      .http()
      .post('/api/v1/auth/register-firm')
      .send({ ...body, uscc: wrong17 })
      .expect(400);
    const problem = (res: { body: { details: { field: string; problem: string }[] } }) =>
      res.body.details.find((d) => d.field === 'uscc')?.problem;
    expect(problem(r18)).toMatch(/18th character/);
    expect(problem(r17)).toMatch(/17th character/);
    expect(problem(r17)).not.toBe(problem(r18));
  });

  it('refuses a region outside the USCC division with a 400 naming regionCode', async () => {
    const body = { ...registration(), uscc: freshUscc('430100'), regionCode: '430211' };
    const res = await t.http().post('/api/v1/auth/register-firm').send(body).expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'regionCode' })]);
  });

  it('refuses an industry outside GB/T 4754-2017 with a 400 naming industryCode', async () => {
    const body = { ...registration(), industryCode: 'C3918' };
    const res = await t.http().post('/api/v1/auth/register-firm').send(body).expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'industryCode' })]);
  });

  it('refuses a second registration of the same USCC or email with 409', async () => {
    const body = registration();
    await t.http().post('/api/v1/auth/register-firm').send(body).expect(201);
    const again = await t
      .http()
      .post('/api/v1/auth/register-firm')
      .send({ ...body, email: `x${body.email}` })
      .expect(409);
    expect(again.body.details[0].field).toBe('uscc');
    const sameMail = await t
      .http()
      .post('/api/v1/auth/register-firm')
      .send({ ...body, uscc: freshUscc() })
      .expect(409);
    expect(sameMail.body.details[0].field).toBe('email');
  });

  it('hashes passwords with argon2id', async () => {
    const s = await registerFirm(t);
    const [row] = await t.db.query('SELECT password_hash FROM users WHERE id = $1', [s.user.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('rejects a wrong password with 401 and the same message as an unknown email', async () => {
    const wrong = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'firm@lianrong.demo', password: 'nope' })
      .expect(401);
    const unknown = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'ghost@lianrong.demo', password: 'nope' })
      .expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('issues 15-minute access tokens', async () => {
    const s = await t.login('firm@lianrong.demo');
    const payload = JSON.parse(Buffer.from(s.accessToken.split('.')[1], 'base64url').toString());
    expect(payload.exp - payload.iat).toBe(900);
  });

  it('honours only the algorithm it signs with: the same claims under HS512 or none are refused', async () => {
    const s = await t.login('firm@lianrong.demo');
    const [, body] = s.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const { iat: _iat, exp: _exp, ...unsigned } = claims;
    const hs512 = new JwtService({ secret: t.app.get(AppConfig).JWT_SECRET }).sign(unsigned, {
      algorithm: 'HS512',
      expiresIn: 900,
    });
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const none = `${header}.${body}.`;
    await t.http().get('/api/v1/auth/me').set(bearer(s)).expect(200);
    for (const token of [hs512, none])
      await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  const refresh = (cookie: string) => t.http().post('/api/v1/auth/refresh').set('Cookie', cookie);

  it('keeps the refresh token out of the body, in an HttpOnly, Secure, SameSite=Strict cookie of the auth routes', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'firm@lianrong.demo', password: DEMO_PASSWORD })
      .expect(200);
    expect(res.body.refreshToken).toBeUndefined();
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('lr_refresh='));
    expect(cookie).toMatch(/; Path=\/api\/v1\/auth(;|$)/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Strict/);
  });

  it('rotates refresh tokens, and replaying a spent one later revokes the whole family', async () => {
    const s1 = await t.login('firm@lianrong.demo');
    const r2 = await refresh(s1.refreshCookie).expect(200);
    const c2 = refreshCookieOf(r2);
    expect(c2).not.toBe(s1.refreshCookie);
    const r3 = await refresh(c2).expect(200);

    // The first token was spent a minute ago (not a racing tab): presenting it is a replay.
    await t.db.query(
      `UPDATE refresh_tokens SET spent_at = now() - interval '1 minute' WHERE id = $1`,
      [s1.refreshCookie.split('=')[1].split('.')[0]],
    );
    await refresh(s1.refreshCookie).expect(401);
    // ...and the newest token of the family no longer works either.
    await refresh(refreshCookieOf(r3)).expect(401);

    // Another session (another family) is untouched.
    const other = await t.login('firm@lianrong.demo');
    await refresh(other.refreshCookie).expect(200);
  });

  it('lets a second tab or a reload racing the first present the same token within seconds', async () => {
    const s = await t.login('firm@lianrong.demo');
    const first = await refresh(s.refreshCookie).expect(200);
    const second = await refresh(s.refreshCookie).expect(200);
    // Both went on in the same family; neither revoked it.
    await refresh(refreshCookieOf(first)).expect(200);
    await refresh(refreshCookieOf(second)).expect(200);
  });

  it('logout revokes the refresh token and clears its cookie', async () => {
    const s = await t.login('bank@lianrong.demo');
    const out = await t
      .http()
      .post('/api/v1/auth/logout')
      .set('Cookie', s.refreshCookie)
      .expect(204);
    expect(([] as string[]).concat(out.headers['set-cookie'] ?? []).join()).toMatch(
      /lr_refresh=;.*Expires=Thu, 01 Jan 1970/,
    );
    await refresh(s.refreshCookie).expect(401);
  });

  it('rejects a missing, forged or tampered refresh token', async () => {
    const s = await t.login('bank@lianrong.demo');
    const [id] = s.refreshCookie.split('=')[1].split('.');
    await t.http().post('/api/v1/auth/refresh').expect(401);
    await refresh(`lr_refresh=${id}.${'A'.repeat(43)}`).expect(401);
    await refresh('lr_refresh=not-a-token-at-all').expect(401);
  });

  it('needs a valid bearer token on protected routes', async () => {
    await t.http().get('/api/v1/auth/me').expect(401);
    await t.http().get('/api/v1/auth/me').set({ Authorization: 'Bearer abc.def.ghi' }).expect(401);
    const s = await t.login('gov@lianrong.demo');
    const me = await t.http().get('/api/v1/auth/me').set(bearer(s)).expect(200);
    expect(me.body).toMatchObject({
      role: 'gov',
      organization: { name: '湖南省工业和信息化厅', regionCode: '430000' },
    });
  });

  it('lets an admin create a bank and its officer, who can then log in', async () => {
    const admin = await t.login('admin@lianrong.demo');
    const org = await t
      .http()
      .post('/api/v1/admin/orgs')
      .set(bearer(admin))
      .send({ kind: 'bank', name: `测试银行${Date.now()}`, regionCode: '430000' })
      .expect(201);
    const email = `officer-${Date.now()}@bank.test`;
    await t
      .http()
      .post('/api/v1/admin/users')
      .set(bearer(admin))
      .send({
        email,
        password: 'Officer#2026x',
        displayName: '测试客户经理',
        role: 'bank',
        organizationId: org.body.id,
      })
      .expect(201);
    const officer = await t.login(email, 'Officer#2026x');
    expect(officer.user.role).toBe('bank');
    // A role that does not fit the organisation kind is refused.
    const bad = await t
      .http()
      .post('/api/v1/admin/users')
      .set(bearer(admin))
      .send({
        email: `x${email}`,
        password: 'Officer#2026x',
        displayName: 'x',
        role: 'gov',
        organizationId: org.body.id,
      })
      .expect(400);
    expect(bad.body.details[0].field).toBe('role');
  });
});
