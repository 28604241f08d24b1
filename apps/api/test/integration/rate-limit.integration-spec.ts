import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../../src/database/seeds/demo-data';
import { bearer, createTestApp, freshUscc, type Session, type TestApp } from './test-app';

const LIMITS = {
  LOGIN_RATE_LIMIT: '3',
  LOGIN_IP_RATE_LIMIT: '4',
  REGISTRATION_RATE_LIMIT: '2',
  WRITE_RATE_LIMIT: '5',
};

/**
 * The limits are counted in Redis, so two API processes share them; the client's address is
 * the one the proxy forwards. Each case uses addresses and accounts of its own.
 */
describe('rate limits', () => {
  let a: TestApp;
  let b: TestApp;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    // Counters of their own: no other suite's logins in this run count against these limits.
    for (const [key, value] of Object.entries({
      ...LIMITS,
      BULL_PREFIX: `{lianrong-rate-${randomUUID()}}`,
    })) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
    a = await createTestApp();
    b = await createTestApp();
  });
  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await a.close();
    await b.close();
  });

  let octet = 10;
  /** A client address nobody else in this file uses. */
  const address = () => `203.0.113.${octet++}`;

  const login = (app: TestApp, email: string, from: string, password = 'wrong-guess') =>
    app.http().post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ email, password });

  it('stops guessing at one account from many addresses and processes, with Retry-After', async () => {
    expect((await login(a, 'gov@lianrong.demo', address())).status).toBe(401);
    expect((await login(b, 'gov@lianrong.demo', address())).status).toBe(401);
    expect((await login(a, 'gov@lianrong.demo', address())).status).toBe(401);
    const blocked = await login(b, 'gov@lianrong.demo', address());
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      details: [],
    });
    // Another account is not locked out by it.
    expect((await login(a, 'admin@lianrong.demo', address(), DEMO_PASSWORD)).status).toBe(200);
  });

  it('stops one address trying many accounts, and only that address', async () => {
    const from = address();
    for (const email of [
      'bank@lianrong.demo',
      'bank2@lianrong.demo',
      'firm@lianrong.demo',
      'nobody@example.com',
    ])
      expect((await login(a, email, from)).status).toBe(401);
    expect((await login(b, 'crrc@lianrong.demo', from)).status).toBe(429);
    expect((await login(a, 'crrc@lianrong.demo', address(), DEMO_PASSWORD)).status).toBe(200);
  });

  it('limits registrations per address', async () => {
    const from = address();
    const register = (app: TestApp) =>
      app
        .http()
        .post('/api/v1/auth/register-firm')
        .set('X-Forwarded-For', from)
        .send({
          uscc: freshUscc(),
          name: `限流测试${randomUUID().slice(0, 6)}有限公司`,
          regionCode: '430100',
          industryCode: 'C3484',
          email: `rate-${randomUUID()}@example.test`,
          password: 'Secret#12345',
        });
    expect((await register(a)).status).toBe(201);
    expect((await register(b)).status).toBe(201);
    const blocked = await register(a);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('gives each signed-in user a budget of writes over all routes, not of reads', async () => {
    const firm = (await login(a, 'firm@lianrong.demo', address(), DEMO_PASSWORD)).body as Session;
    const admin = (await login(b, 'admin@lianrong.demo', address(), DEMO_PASSWORD)).body as Session;
    const readAll = (app: TestApp, s: Session) =>
      app.http().post('/api/v1/notifications/read-all').set(bearer(s));
    const readOne = (app: TestApp, s: Session) =>
      app.http().post(`/api/v1/notifications/${randomUUID()}/read`).set(bearer(s));
    // Five writes over two routes and two processes use the budget up.
    for (let i = 0; i < 5; i++)
      expect((await (i % 2 ? readAll : readOne)(i % 2 ? a : b, firm)).status).not.toBe(429);
    const blocked = await readAll(a, firm);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Reads go on, and another user's budget is untouched.
    expect((await a.http().get('/api/v1/notifications').set(bearer(firm))).status).toBe(200);
    expect((await readAll(b, admin)).status).toBe(200);
  });
});
