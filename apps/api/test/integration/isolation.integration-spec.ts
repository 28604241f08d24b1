import { bearer, createTestApp, type TestApp } from './test-app';
import {
  type Answer,
  type Ctx,
  PLACEMENTS,
  ROLES,
  callOperation,
  createRouteContext,
  documentedOperations,
  nobodys,
} from './route-matrix';

describe('tenant isolation matrix', () => {
  let t: TestApp;
  let ctx: Ctx;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    ctx = await createRouteContext(t);
  });
  afterAll(() => t.close());

  const operations = documentedOperations();

  /** 2xx, or a failure that shows what the route answered instead. */
  const expectSuccess = (res: Answer) => {
    if (res.status < 200 || res.status >= 300)
      throw new Error(`expected 2xx, got ${res.status}: ${JSON.stringify(res.body)}`);
  };

  it('places every documented operation, and names only documented ones', () => {
    const keys = new Set(operations.map((op) => op.key));
    expect(operations.filter((op) => !PLACEMENTS[op.key]).map((op) => op.key)).toEqual([]);
    expect(Object.keys(PLACEMENTS).filter((key) => !keys.has(key))).toEqual([]);
  });

  it('reads the operations the running app serves (the committed document is current)', async () => {
    const live = await t.http().get('/api/docs-json').expect(200);
    const served = Object.entries(live.body.paths as Record<string, object>).flatMap(([p, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(served.sort()).toEqual(
      operations.map((op) => `${op.method.toUpperCase()} ${op.path}`).sort(),
    );
  });

  for (const op of operations) {
    describe(op.key, () => {
      const placement = PLACEMENTS[op.key];
      if (!placement) {
        it('is placed in the matrix', () => {
          throw new Error(
            `${op.key} has no placement: say how a role calls it on its own and on a foreign resource`,
          );
        });
        return;
      }
      const hasId = op.params.some((p) => p.isUuid);
      it('is placed in the matrix: public as documented, a foreign resource for every id', () => {
        expect(Boolean(placement.isPublic)).toBe(op.isPublic);
        if (hasId) expect(placement.foreign ?? placement.unscoped).toBeTruthy();
      });
      if (op.isPublic) {
        it('anonymous: answers without a token', async () => {
          expectSuccess(
            await callOperation(
              ctx,
              op,
              placement,
              (await placement.own?.(ctx, 'firm')) ?? {},
              null,
            ),
          );
        });
        return;
      }
      for (const role of ROLES) {
        if (!op.roles.includes(role)) {
          it(`${role}: 403 (route outside the role)`, async () => {
            const params = placement.foreign?.(ctx) ?? nobodys(op);
            expect((await callOperation(ctx, op, placement, params, role)).status).toBe(403);
          });
          continue;
        }
        it(`${role}: own resource answers 2xx`, async () => {
          const res = await callOperation(
            ctx,
            op,
            placement,
            (await placement.own?.(ctx, role)) ?? {},
            role,
            {
              asOwner: true,
            },
          );
          expectSuccess(res);
        });
        const foreign = placement.foreign;
        if (foreign && (placement.foreignRoles ?? op.roles).includes(role)) {
          it(`${role}: foreign resource answers 404, like a missing one`, async () => {
            const seen = await callOperation(ctx, op, placement, foreign(ctx), role);
            expect(seen.status).toBe(404);
            const missing = await callOperation(
              ctx,
              op,
              placement,
              { ...foreign(ctx), ...nobodys(op) },
              role,
            );
            expect(missing.status).toBe(404);
            expect(seen.body.message).toBe(missing.body.message);
          });
        }
      }
      it('anonymous: 401', async () => {
        expect((await callOperation(ctx, op, placement, nobodys(op), null)).status).toBe(401);
      });
    });
  }

  it('a firm list shows only its own needs; a bank list only its own products', async () => {
    const needs = await t.http().get('/api/v1/needs').set(bearer(ctx.sessions.firm)).expect(200);
    const firmId = ctx.sessions.firm.user.organization.id;
    expect(needs.body.items.length).toBeGreaterThan(0);
    expect(needs.body.items.every((n: { firmId: string }) => n.firmId === firmId)).toBe(true);
    expect(needs.body.items.map((n: { id: string }) => n.id)).not.toContain(ctx.foreignNeed);

    const products = await t
      .http()
      .get('/api/v1/products')
      .set(bearer(ctx.sessions.bank))
      .expect(200);
    const bankId = ctx.sessions.bank.user.organization.id;
    expect(products.body.items.every((p: { bankId: string }) => p.bankId === bankId)).toBe(true);
    expect(products.body.items.map((p: { id: string }) => p.id)).not.toContain(ctx.foreignProduct);
  });

  it("a firm's applications list shows only its own matches", async () => {
    const firmId = ctx.sessions.firm.user.organization.id;
    // A bank picked up the other firm's need: a worked match the demo firm must not see.
    const [product] = await t.db.query(
      `SELECT id, bank_id FROM loan_products p
        WHERE NOT EXISTS (SELECT 1 FROM matches m WHERE m.need_id = $1 AND m.product_id = p.id)
        ORDER BY id LIMIT 1`,
      [ctx.foreignNeed],
    );
    const [foreign] = await t.db.query(
      `INSERT INTO matches (need_id, product_id, firm_id, bank_id, engine_version, status)
       SELECT n.id, $2, n.firm_id, $3, 'isolation', 'contacted' FROM funding_needs n WHERE n.id = $1
       RETURNING id`,
      [ctx.foreignNeed, product.id, product.bank_id],
    );
    const res = await t
      .http()
      .get('/api/v1/firms/me/applications')
      .set(bearer(ctx.sessions.firm))
      .expect(200);
    expect(res.body.items.map((a: { id: string }) => a.id)).not.toContain(foreign.id);
    const ownNeeds = new Set(
      (await t.db.query(`SELECT id FROM funding_needs WHERE firm_id = $1`, [firmId])).map(
        (n: { id: string }) => n.id,
      ),
    );
    expect(res.body.items.every((a: { need: { id: string } }) => ownNeeds.has(a.need.id))).toBe(
      true,
    );
  });

  it('gov sees only the chains of its region', async () => {
    const chains = await t
      .http()
      .get('/api/v1/gov/chains')
      .set(bearer(ctx.sessions.gov))
      .expect(200);
    expect(chains.body.items.map((c: { id: string }) => c.id)).not.toContain(ctx.foreignChain);
    expect(
      chains.body.items.every((c: { regionCode: string }) => c.regionCode.startsWith('43')),
    ).toBe(true);
    expect(chains.body.items.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining([
        '工程机械',
        '轨道交通',
        '航空航天',
        '新材料',
        '电子信息',
        '生物医药',
      ]),
    );
  });
});
