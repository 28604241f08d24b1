import fs from 'node:fs';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from '../api.module';
import { configureRoutes } from '../configure-app';
import { API_DOCUMENT_FILE, API_TYPES_FILE, renderApiDocument, renderApiTypes } from './api-types';
import { createOpenApiDocument } from './openapi-document';

// `npm run api:types`: regenerates the committed OpenAPI document (apps/api/openapi.json) and
// the web's wire types from it, with no
// database or Redis: Nest's preview mode scans the modules' metadata but instantiates
// nothing, which is all the document needs.
//   --json <file>   also write the document itself (to lint it, or to read it)
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const app = await NestFactory.create(ApiModule, { preview: true, logger: false });
  configureRoutes(app);
  const document = createOpenApiDocument(app);
  await app.close();
  if (jsonAt >= 0) {
    const out = args[jsonAt + 1];
    if (!out) throw new Error('--json needs a file name');
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  }
  fs.writeFileSync(API_DOCUMENT_FILE, renderApiDocument(document));
  fs.writeFileSync(API_TYPES_FILE, await renderApiTypes(document));
  for (const file of [API_DOCUMENT_FILE, API_TYPES_FILE])
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
