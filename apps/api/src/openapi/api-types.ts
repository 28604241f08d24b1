import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../../..');
// The CLI, run by path: the package is ESM inside, which Jest's CommonJS runtime cannot load.
const GENERATOR = path.join(ROOT, 'node_modules/openapi-typescript/bin/cli.js');

/**
 * The OpenAPI document itself, committed beside the code: the generated isolation matrix reads
 * its operations when Jest collects tests, before any app is up.
 */
export const API_DOCUMENT_FILE = path.join(ROOT, 'apps/api/openapi.json');

/** The document exactly as `npm run api:types` commits it. */
export const renderApiDocument = (document: object): string =>
  `${JSON.stringify(document, null, 2)}\n`;

/** The web's wire types, generated from the OpenAPI document and committed. */
export const API_TYPES_FILE = path.join(ROOT, 'apps/web/src/api/schema.d.ts');

/** The web's wire types for a document, exactly as `npm run api:types` writes them. */
export async function renderApiTypes(document: object): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianrong-api-types-'));
  try {
    const input = path.join(dir, 'openapi.json');
    const output = path.join(dir, 'schema.d.ts');
    fs.writeFileSync(input, JSON.stringify(document));
    await run(
      process.execPath,
      // A default makes a request field optional for the caller, not required.
      [GENERATOR, input, '--default-non-nullable', 'false', '--output', output],
      // Run where no redocly.yaml is found: that file is the linter's, not the generator's.
      { cwd: dir },
    );
    return fs.readFileSync(output, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
