import { randomUUID } from 'node:crypto';
import type supertest from 'supertest';
import { MAX_INPUT_DEPTH } from '../../../src/common/http/unsafe-input';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from '../test-app';
import { BODY_ROUTES, type BodyRoute, type Caller } from './body-routes';

/**
 * Raw JSON text, so that what a client can put on the wire (a `__proto__` key) is sent
 * as is rather than as JSON.stringify would make it.
 */
const NASTY: string[] = [
  ...[
    [],
    [1, 2],
    'text',
    42,
    null,
    { amount: { $gt: 0 } },
    { amount: [1] },
    { name: 'x'.repeat(10_000) },
    { regionCode: '4301000' },
    { chainIds: ['not-a-uuid'] },
    { chainIds: [randomUUID()] },
    { coreFirmId: randomUUID(), annualSales: 1 },
    { bankId: randomUUID() },
    {
      kind: 'supply_chain',
      name: '坏产品',
      amountMin: 5,
      amountMax: 1,
      termMin: 3,
      termMax: 1,
      rateMinBps: 9,
      rateMaxBps: 1,
    },
    { amount: 1e308, termMonths: -0, maxRateBps: 1e-9 },
    { reason: '' },
    { email: 'a@b', password: 'x', uscc: '9'.repeat(18) },
  ].map((body) => JSON.stringify(body)),
  '{"__proto__": {"admin": true}}',
  '{"constructor": {"prototype": {"x": 1}}}',
];

const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

/** "No client input gives a 500", route by route. */
describe('bodies on every route with one', () => {
  let t: TestApp;
  const sessions = new Map<Caller, Session>();

  beforeAll(async () => {
    t = await createTestApp();
    sessions.set('firm', await registerFirm(t));
    for (const role of ['bank', 'gov', 'admin'] as const)
      sessions.set(role, await t.login(`${role}@lianrong.demo`));
  });
  afterAll(() => t.close());

  const send = (route: BodyRoute, raw: string): supertest.Test => {
    const req = t.http()[route.method](route.path);
    const session = sessions.get(route.caller);
    if (session) req.set(bearer(session));
    return req.set('Content-Type', 'application/json').send(raw);
  };

  it('lists every route whose OpenAPI operation takes a body', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    const paths = doc.body.paths as Record<
      string,
      Record<string, { requestBody?: { content?: Record<string, unknown> } }>
    >;
    // JSON bodies only: a file upload (multipart) is parsed by its own route, not as JSON.
    const documented = Object.entries(paths).flatMap(([template, operations]) =>
      Object.entries(operations)
        .filter(
          ([, operation]) => operation.requestBody?.content?.['application/json'] !== undefined,
        )
        .map(([method]) => `${method} ${template}`),
    );
    expect(documented.length).toBeGreaterThan(0);
    expect(BODY_ROUTES.map((r) => `${r.method} ${r.template}`).sort()).toEqual(documented.sort());
  });

  describe.each(BODY_ROUTES.map((r) => [`${r.method} ${r.template}`, r] as const))(
    '%s',
    (_, route) => {
      it('answers no malformed body with a 500', async () => {
        for (const raw of NASTY) {
          const res = await send(route, raw);
          expect({ raw, status: res.status }).toEqual({ raw, status: expect.any(Number) });
          expect(res.status).toBeLessThan(500);
          if (res.status === 400) expect(Array.isArray(res.body.details)).toBe(true);
        }
      });

      it(`refuses a NUL in ${route.textField} with a 400 naming it`, async () => {
        const res = await send(route, JSON.stringify({ [route.textField]: 'a\u0000b' })).expect(
          400,
        );
        expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(res.body.details).toEqual([
          { field: route.textField, problem: 'must not contain NUL characters' },
        ]);
      });

      it('refuses JSON nested 3,000 levels deep with a 400 naming the body', async () => {
        const res = await send(route, deep(3000)).expect(400);
        expect(res.body.details).toEqual([
          {
            field: 'body',
            problem: `must not be nested deeper than ${MAX_INPUT_DEPTH} levels`,
          },
        ]);
      });

      it.each(['__proto__', 'constructor'])(
        'refuses a %s key like any unknown key',
        async (key) => {
          const res = await send(route, `{"${key}": {"admin": true}}`).expect(400);
          expect(res.body.details).toEqual([{ field: key, problem: 'is not allowed' }]);
          // A key no body on the platform has, refused the same way.
          const other = await send(route, '{"isPlatformAdmin": true}').expect(400);
          expect(other.body.details).toContainEqual({
            field: 'isPlatformAdmin',
            problem: 'is not allowed',
          });
        },
      );
    },
  );
});
