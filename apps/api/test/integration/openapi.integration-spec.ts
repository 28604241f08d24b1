import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { demoIds } from '../../src/database/seeds/demo';
import { DEMO_PASSWORD } from '../../src/database/seeds/demo-data';
import { WORKING_CAPITAL_NEED } from './fixtures';
import {
  API_DOCUMENT_FILE,
  API_TYPES_FILE,
  renderApiDocument,
  renderApiTypes,
} from '../../src/openapi/api-types';
import { bearer, createTestApp, type Session, type TestApp } from './test-app';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../../..');
const REDOCLY = path.join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');
const ERROR_SCHEMA = '#/components/schemas/ApiErrorDto';
// The probe answers 200 or 503 and has nothing a client could get wrong.
// Probes and public facts that no request can be refused.
const WITHOUT_4XX = new Set([
  'GET /api/health',
  'GET /api/health/live',
  'GET /api/health/ready',
  'GET /api/v1/meta',
]);

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
}
interface Response {
  content?: Record<string, { schema?: Schema }>;
}
interface Operation {
  summary?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, Response>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string; location: { pointer?: string }[] }[];
}

function operations(doc: Document): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item).map(([method, op]): [string, Operation] => [
      `${method.toUpperCase()} ${p}`,
      op,
    ]),
  );
}

const jsonSchema = (r: Response | undefined): Schema | undefined =>
  r?.content?.['application/json']?.schema;

// A download (the financials template, the audit trail's CSV) answers a file, documented as a binary string.
const FILES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'];
const isFile = (r: Response | undefined): boolean =>
  FILES.some((type) => r?.content?.[type]?.schema?.format === 'binary');
// A stream of server-sent events (notifications) names the schema of each event's data.
const isStream = (r: Response | undefined): boolean =>
  Boolean(r?.content?.['text/event-stream']?.schema?.$ref);

/**
 * Where a value strays from its schema: a required key missing, or a key the schema does
 * not name (the web's generated types would not know it). Types of leaves are left to the
 * DTOs' `implements` of the services' view types.
 */
function strays(doc: Document, schema: Schema, value: unknown, at: string): string[] {
  const resolve = (s: Schema): Schema =>
    s.$ref ? resolve(doc.components.schemas[s.$ref.split('/').pop() ?? '']) : s;
  const own = resolve(schema);
  if (value === null) return own.nullable ? [] : [`${at}: null`];
  if (own.allOf) return own.allOf.flatMap((part) => strays(doc, part, value, at));
  if (own.type === 'array' && own.items && Array.isArray(value))
    return value.flatMap((v, i) => strays(doc, own.items as Schema, v, `${at}[${i}]`));
  if (!own.properties || typeof value !== 'object') return [];
  const props = own.properties;
  const record = value as Record<string, unknown>;
  return [
    ...(own.required ?? []).filter((k) => !(k in record)).map((k) => `${at}.${k}: missing`),
    ...Object.keys(record)
      .filter((k) => !(k in props))
      .map((k) => `${at}.${k}: not in the schema`),
    ...Object.entries(props).flatMap(([k, p]) =>
      k in record ? strays(doc, p, record[k], `${at}.${k}`) : [],
    ),
  ];
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;

  beforeAll(async () => {
    t = await createTestApp();
    // What /api/docs-json serves is what clients and the type generator read.
    doc = (await t.http().get('/api/docs-json').expect(200)).body as Document;
  });
  afterAll(() => t.close());

  it('passes redocly lint with the recommended rules, without errors or warnings', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianrong-openapi-'));
    try {
      const file = path.join(dir, 'openapi.json');
      fs.writeFileSync(file, JSON.stringify(doc));
      const { stdout } = await run(
        process.execPath,
        [REDOCLY, 'lint', file, '--config', path.join(ROOT, 'redocly.yaml'), '--format=json'],
        {
          cwd: ROOT,
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
          maxBuffer: 16 * 1024 * 1024,
        },
      ).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
      const report = JSON.parse(stdout) as LintReport;
      const problems = report.problems.map(
        (p) => `${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`,
      );
      expect(problems).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives every operation a summary, a success schema, its refusals and its security', () => {
    const gaps: string[] = [];
    for (const [name, op] of operations(doc)) {
      if (!op.summary?.trim()) gaps.push(`${name}: no summary`);
      if (!Array.isArray(op.security)) gaps.push(`${name}: security not declared`);
      const codes = Object.keys(op.responses);
      const success = codes.filter((c) => /^2\d\d$/.test(c));
      if (success.length !== 1) gaps.push(`${name}: ${success.length} success responses`);
      for (const code of success) {
        const schema = jsonSchema(op.responses[code]);
        const file = isFile(op.responses[code]) || isStream(op.responses[code]);
        const listed = schema?.type === 'array' && schema.items?.$ref;
        if (
          code !== '204' &&
          !file &&
          !(schema?.$ref || schema?.properties || schema?.allOf || listed)
        )
          gaps.push(`${name}: ${code} has no schema`);
      }
      const refusals = codes.filter((c) => /^4\d\d$/.test(c));
      if (refusals.length === 0 && !WITHOUT_4XX.has(name)) gaps.push(`${name}: no 4xx`);
      for (const code of refusals) {
        if (jsonSchema(op.responses[code])?.$ref !== ERROR_SCHEMA)
          gaps.push(`${name}: ${code} is not the error schema`);
      }
      const needsToken = op.security?.some((s) => 'bearer' in s) ?? false;
      if (needsToken && !codes.includes('401')) gaps.push(`${name}: bearer but no 401`);
    }
    expect(gaps).toEqual([]);
  });

  it('answers in the shapes it declares', async () => {
    const as = async (email: string): Promise<Session> => t.login(email);
    const firm = await as('firm@lianrong.demo');
    const bank = await as('bank@lianrong.demo');
    const gov = await as('gov@lianrong.demo');
    const admin = await as('admin@lianrong.demo');
    const get = async (s: Session, url: string): Promise<unknown> =>
      (await t.http().get(`/api/v1${url}`).set(bearer(s)).expect(200)).body;
    const needs = (await get(firm, '/needs')) as { items: { id: string }[] };
    const products = (await get(bank, '/products')) as { items: { id: string }[] };
    const chains = (await get(gov, '/gov/chains')) as { items: { id: string }[] };
    expect(needs.items.length * products.items.length * chains.items.length).toBeGreaterThan(0);
    const [need, product, chain] = [needs.items[0].id, products.items[0].id, chains.items[0].id];
    // A declined application of the demo firm's at the demo bank: a match with a history and referrals.
    const applied = await t
      .http()
      .post('/api/v1/needs')
      .set(bearer(firm))
      .send(WORKING_CAPITAL_NEED)
      .expect(201);
    const match = await t
      .http()
      .post(`/api/v1/needs/${applied.body.id}/applications`)
      .set(bearer(firm))
      .send({ productId: demoIds.productId('boc-innovation'), creditCheckConsent: true })
      .expect(201);
    await t
      .http()
      .post(`/api/v1/matches/${match.body.id}/transition`)
      .set(bearer(bank))
      .send({ to: 'declined', version: match.body.version, reasonCode: 'debt_too_high' })
      .expect(200);
    // The firm's need in the officer's view of the bank's product: the queue and firm view have a row.
    const [queued] = await t.db.query(
      `INSERT INTO matches (need_id, product_id, firm_id, bank_id, score, engine_version, in_product_top)
       SELECT n.id, p.id, n.firm_id, p.bank_id, 66.6, 'test', true FROM funding_needs n, loan_products p
        WHERE n.id = $1 AND p.id = $2
       ON CONFLICT (need_id, product_id) DO UPDATE SET in_product_top = true RETURNING id, firm_id`,
      [need, product],
    );
    const cases: [Session, string, string][] = [
      [firm, '/auth/me', '/api/v1/auth/me'],
      [firm, '/firms/me', '/api/v1/firms/me'],
      [firm, '/firms/me/supply-links', '/api/v1/firms/me/supply-links'],
      [
        firm,
        '/supply-links/core-enterprises?q=%E6%A0%AA%E6%B4%B2',
        '/api/v1/supply-links/core-enterprises',
      ],
      [firm, '/firms/me/applications', '/api/v1/firms/me/applications'],
      [firm, '/needs', '/api/v1/needs'],
      [firm, `/needs/${need}`, '/api/v1/needs/{id}'],
      [firm, `/needs/${need}/matches`, '/api/v1/needs/{id}/matches'],
      [firm, `/needs/${need}/near-misses`, '/api/v1/needs/{id}/near-misses'],
      [bank, '/products', '/api/v1/products'],
      [bank, `/products/${product}`, '/api/v1/products/{id}'],
      [bank, `/products/${product}/matches`, '/api/v1/products/{id}/matches'],
      [bank, '/bank/matches', '/api/v1/bank/matches'],
      [bank, '/bank/matches?sort=waiting&limit=1', '/api/v1/bank/matches'],
      [bank, '/bank/chains', '/api/v1/bank/chains'],
      [bank, `/bank/firms/${queued.firm_id}?matchId=${queued.id}`, '/api/v1/bank/firms/{firmId}'],
      [gov, '/gov/chains', '/api/v1/gov/chains'],
      [gov, `/gov/chains/${chain}`, '/api/v1/gov/chains/{id}'],
      [gov, '/gov/blockers', '/api/v1/gov/blockers'],
      [gov, '/gov/banks/response-times', '/api/v1/gov/banks/response-times'],
      [gov, '/gov/lead-banks', '/api/v1/gov/lead-banks'],
      [gov, '/gov/whitelist', '/api/v1/gov/whitelist'],
      [gov, '/gov/firms?q=%E6%B9%96%E5%8D%97', '/api/v1/gov/firms'],
      [
        gov,
        `/gov/firms/${demoIds.orgId('firm', 'feiwo')}/matches`,
        '/api/v1/gov/firms/{firmId}/matches',
      ],
      [gov, '/gov/roadshows', '/api/v1/gov/roadshows'],
      [gov, `/gov/roadshows/${demoIds.roadshowId('rail')}`, '/api/v1/gov/roadshows/{id}'],
      [bank, '/roadshows/invitations', '/api/v1/roadshows/invitations'],
      [bank, `/roadshows/${demoIds.roadshowId('rail')}`, '/api/v1/roadshows/{id}'],
      [admin, '/admin/orgs', '/api/v1/admin/orgs'],
      [bank, '/notifications', '/api/v1/notifications'],
      [firm, `/matches/${match.body.id}`, '/api/v1/matches/{id}'],
      [bank, `/matches/${match.body.id}/events`, '/api/v1/matches/{id}/events'],
      [firm, `/matches/${match.body.id}/referrals`, '/api/v1/matches/{id}/referrals'],
    ];
    const found: string[] = [];
    for (const [session, url, route] of cases) {
      const schema = jsonSchema(doc.paths[route].get.responses['200']);
      if (!schema) throw new Error(`${route} declares no schema`);
      found.push(...strays(doc, schema, await get(session, url), `GET ${url}`));
    }
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'firm@lianrong.demo', password: DEMO_PASSWORD });
    const sessionSchema = jsonSchema(doc.paths['/api/v1/auth/login'].post.responses['200']);
    found.push(...strays(doc, sessionSchema ?? {}, login.body, 'POST /auth/login'));
    const refused = await t.http().get(`/api/v1/needs/${need}`).set(bearer(bank));
    found.push(...strays(doc, { $ref: ERROR_SCHEMA }, refused.body, 'a 403'));
    expect(found).toEqual([]);
  });

  it('matches the committed document (npm run api:types regenerates it)', () => {
    const committed = fs.readFileSync(API_DOCUMENT_FILE, 'utf8');
    if (renderApiDocument(doc) !== committed)
      throw new Error(`${path.relative(ROOT, API_DOCUMENT_FILE)} is stale: run npm run api:types`);
    expect(JSON.parse(committed)).toEqual(doc);
  });

  it("matches the web's committed wire types (npm run api:types regenerates them)", async () => {
    const fresh = await renderApiTypes(doc);
    const committed = fs.readFileSync(API_TYPES_FILE, 'utf8');
    // A 3,000-line diff would bury the fix, which is one command.
    if (fresh !== committed)
      throw new Error(`${path.relative(ROOT, API_TYPES_FILE)} is stale: run npm run api:types`);
    expect(fresh).toHaveLength(committed.length);
  });
});
