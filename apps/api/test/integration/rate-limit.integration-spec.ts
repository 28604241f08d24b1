import { createTestApp, type TestApp } from './test-app';

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    process.env.LOGIN_RATE_LIMIT = '3';
    t = await createTestApp();
  });
  afterAll(async () => {
    process.env.LOGIN_RATE_LIMIT = '1000';
    await t.close();
  });

  it('slows down guessing at one account with 429, without locking out another', async () => {
    const guess = () =>
      t.http().post('/api/v1/auth/login').send({ email: 'gov@lianrong.demo', password: 'guess' });
    for (let i = 0; i < 3; i++) expect((await guess()).status).toBe(401);
    const blocked = await guess();
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      details: [],
    });
    // A colleague behind the same address logging into another account is not affected.
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'admin@lianrong.demo', password: 'Lianrong@2026' })
      .expect(200);
  });
});
