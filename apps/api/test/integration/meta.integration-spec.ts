import { version } from '../../../../package.json';
import { createTestApp, type TestApp } from './test-app';

describe('GET /api/v1/meta', () => {
  describe.each([
    ['true', true],
    ['false', false],
  ])('with SEED_DEMO=%s', (seedDemo, demo) => {
    let t: TestApp;
    const before = process.env.SEED_DEMO;

    beforeAll(async () => {
      process.env.SEED_DEMO = seedDemo;
      t = await createTestApp();
    });
    afterAll(async () => {
      if (before === undefined) delete process.env.SEED_DEMO;
      else process.env.SEED_DEMO = before;
      await t.close();
    });

    it(`answers anyone, without a token, that demo is ${demo}`, async () => {
      const res = await t.http().get('/api/v1/meta').expect(200);
      expect(res.body).toEqual({ demo, version });
    });
  });
});
