import { bearer, createTestApp, type Session, type TestApp } from './test-app';

const DOCS = ['/api/docs', '/api/docs-json'];

describe('the API docs in production', () => {
  let t: TestApp;
  let admin: Session;
  let firm: Session;

  beforeAll(async () => {
    t = await createTestApp({ production: true });
    [admin, firm] = await Promise.all([
      t.login('admin@lianrong.demo'),
      t.login('firm@lianrong.demo'),
    ]);
  });
  afterAll(() => t.close());

  it.each(DOCS)('%s answers 401 with the error shape without a token', async (path) => {
    const res = await t.http().get(path).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', details: [] });
    expect(res.body.message).toContain('POST /api/v1/admin/docs/session');
    expect(JSON.stringify(res.body)).not.toContain('"paths"');
  });

  it.each(DOCS)('%s answers 403 to a firm user’s bearer', async (path) => {
    await t.http().get(path).set(bearer(firm)).expect(403);
  });

  it.each(['not-a-token', 'eyJhbGciOiJIUzI1NiJ9.e30.x'])(
    'refuses a forged or malformed token (%s) with 401',
    async (token) => {
      await t.http().get('/api/docs-json').set('Authorization', `Bearer ${token}`).expect(401);
    },
  );

  it('serves the UI and the document to an admin’s bearer', async () => {
    const json = await t.http().get('/api/docs-json').set(bearer(admin)).expect(200);
    expect(json.body.paths).toHaveProperty('/api/v1/auth/login');
    const ui = await t.http().get('/api/docs').set(bearer(admin)).redirects(1).expect(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('lets an admin’s browser in through HttpOnly cookies scoped to the docs', async () => {
    const res = await t.http().post('/api/v1/admin/docs/session').set(bearer(admin)).expect(204);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookies).toHaveLength(2);
    for (const [cookie, path] of cookies.map((c, i) => [c, DOCS[i]])) {
      expect(cookie).toMatch(/^lr_docs=/);
      expect(cookie).toContain(`Path=${path};`);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
    }
    const jar = cookies[0].split(';')[0];
    const json = await t.http().get('/api/docs-json').set('Cookie', jar).expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    await t.http().get('/api/docs/swagger-ui-init.js').set('Cookie', jar).expect(200);
  });

  it('opens no docs session for other roles', async () => {
    await t.http().post('/api/v1/admin/docs/session').set(bearer(firm)).expect(403);
  });
});

describe('the API docs outside production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each(DOCS)('%s is open to developers without a token', async (path) => {
    await t.http().get(path).redirects(1).expect(200);
  });
});
