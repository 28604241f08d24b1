import fs from 'node:fs';
import fc from 'fast-check';
import { type DataSource } from 'typeorm';
import { API_DOCUMENT_FILE } from '../../../src/openapi/api-types';
import {
  type Ctx,
  PLACEMENTS,
  createRouteContext,
  documentedOperations,
  pathOf,
} from '../route-matrix';
import { bearer, createTestApp, type Session, type TestApp } from '../test-app';
import { type Components, type Schema, hostileBody } from './body-arbitraries';

/**
 * Issue 13, item 2: every route that reads a JSON body, fed near-valid and hostile bodies
 * generated from its OpenAPI schema. Whatever comes in: never a 5xx, a refusal always has the
 * error shape, and a refusal leaves every table as it was — the audit trail, a revoked session
 * family and the outbox relay's bookkeeping aside. `npm run fuzz -- --runs N` runs more cases.
 */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

/**
 * Tables written meanwhile by someone other than the refused request: who tried (audit), whose
 * token family died, and the outbox relay's and worker's bookkeeping of earlier accepted cases.
 */
const UNWATCHED = new Set([
  'audit_events',
  'refresh_tokens',
  'outbox_events',
  'matching_jobs',
  'migrations',
  // One mark per transaction writing what the queue counts or pages read, pruned on a timer.
  'queue_count_marks',
  'queue_page_marks',
]);

const doc = JSON.parse(fs.readFileSync(API_DOCUMENT_FILE, 'utf8')) as {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>
  >;
  components: { schemas: Components };
};

const bodySchemas = new Map<string, Schema>();
for (const [path, item] of Object.entries(doc.paths))
  for (const [method, op] of Object.entries(item)) {
    const schema = op.requestBody?.content?.['application/json']?.schema;
    if (schema)
      bodySchemas.set(`${method.toUpperCase()} ${path.replace(/^\/api\/v1(?=\/)/, '')}`, schema);
  }

const operations = documentedOperations().filter((op) => bodySchemas.has(op.key));

/** Row count and checksum of every watched table, in one statement. */
async function tableSums(db: DataSource): Promise<Record<string, string>> {
  const tables = (
    await db.query<{ name: string }[]>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    )
  )
    .map((t) => t.name)
    .filter((name) => !UNWATCHED.has(name));
  const rows = await db.query<{ name: string; sum: string }[]>(
    tables
      .map(
        (name) =>
          `SELECT '${name}' AS name, count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS sum FROM "${name}" x`,
      )
      .join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.sum]));
}

describe('fuzzed bodies on every route that reads one', () => {
  let t: TestApp;
  let ctx: Ctx;
  /** Cases by answer, for the closing line: how many got past validation and how far. */
  const answers = new Map<number, number>();

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    ctx = await createRouteContext(t);
  });
  afterAll(async () => {
    const total = [...answers.values()].reduce((a, b) => a + b, 0);
    const byStatus = [...answers].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    console.log(`fuzz: ${total} cases over ${operations.length} routes (${byStatus.join(', ')})`);
    await t.close();
  });

  it('has a schema for every route with a JSON body', () => {
    expect(operations.length).toBe(bodySchemas.size);
    expect(operations.length).toBeGreaterThan(20);
  });

  for (const op of operations) {
    it(`${op.key}: no 5xx, the error shape, nothing written by a refusal`, async () => {
      const placement = PLACEMENTS[op.key];
      if (!placement) throw new Error(`${op.key} is not placed (see route-matrix.ts)`);
      const role = op.roles[0];
      const caller: Session | null = op.isPublic
        ? null
        : placement.caller
          ? await placement.caller(ctx, role)
          : ctx.sessions[role];
      const url = pathOf(op, (await placement.own?.(ctx, role)) ?? {}, placement.query?.(ctx));
      const schema = bodySchemas.get(op.key)!;

      await fc.assert(
        fc.asyncProperty(hostileBody(schema, doc.components.schemas), async (raw) => {
          const before = await tableSums(t.db);
          let req = t.http()[op.method](url).set('Content-Type', 'application/json');
          if (caller) req = req.set(bearer(caller));
          const res = await req.send(raw);
          answers.set(res.status, (answers.get(res.status) ?? 0) + 1);
          const seen = { status: res.status, body: res.body as unknown };
          expect(res.status).toBeLessThan(500);
          if (res.status < 400) return;
          expect(seen).toEqual({
            status: res.status,
            body: {
              statusCode: res.status,
              error: expect.any(String),
              message: expect.any(String),
              details: expect.any(Array),
            },
          });
          expect(await tableSums(t.db)).toEqual(before);
        }),
        { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true },
      );
    });
  }
});
