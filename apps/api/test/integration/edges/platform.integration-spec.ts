import { createTestApp, type TestApp } from '../test-app';

describe('platform edges', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('/api/health reports Postgres and Redis', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body.details).toMatchObject({
      postgres: { status: 'up' },
      redis: { status: 'up' },
    });
  });

  it('serves the OpenAPI document generated from the code', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.paths).toHaveProperty('/api/v1/auth/register-firm');
    expect(res.body.paths).toHaveProperty('/api/v1/needs/{id}/withdraw');
    expect(res.body.components.schemas.CreateNeedDto.properties.amount).toMatchObject({
      type: 'integer',
    });
  });

  it('sets security headers (helmet)', async () => {
    const res = await t.http().get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
  });
});
