import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { API_TYPES_FILE, renderApiTypes } from '../../src/openapi/api-types';
import { createTestApp, type TestApp } from './test-app';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../../..');
const REDOCLY = path.join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');
const ERROR_SCHEMA = '#/components/schemas/ApiErrorDto';
// The probe answers 200 or 503 and has nothing a client could get wrong.
const WITHOUT_4XX = new Set(['GET /api/health']);

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, unknown>;
  allOf?: Schema[];
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
        if (code !== '204' && !(schema?.$ref || schema?.properties || schema?.allOf))
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

  it("matches the web's committed wire types (npm run api:types regenerates them)", async () => {
    const fresh = await renderApiTypes(doc);
    const committed = fs.readFileSync(API_TYPES_FILE, 'utf8');
    // A 3,000-line diff would bury the fix, which is one command.
    if (fresh !== committed)
      throw new Error(`${path.relative(ROOT, API_TYPES_FILE)} is stale: run npm run api:types`);
    expect(fresh).toHaveLength(committed.length);
  });
});
