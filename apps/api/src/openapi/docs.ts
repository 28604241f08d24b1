import { type INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { SwaggerModule } from '@nestjs/swagger';
import { adminOnly } from '../common/auth/admin-only';
import { createOpenApiDocument } from './openapi-document';

export const DOCS_PATH = '/api/docs';
export const DOCS_JSON_PATH = '/api/docs-json';
export const DOCS_COOKIE = 'lr_docs';

/**
 * Swagger UI at /api/docs and the document at /api/docs-json. In production they are a
 * map of every route and field for whoever asks, so only admins get them there: with a
 * bearer (API clients) or the cookie `POST /api/v1/admin/docs/session` sets (a browser).
 * Elsewhere they stay open, for developers.
 */
export function mountDocs(app: INestApplication, adminsOnly: boolean): void {
  if (adminsOnly) {
    const gate = adminOnly(app.get(JwtService), DOCS_COOKIE, '/api/v1/admin/docs/session');
    for (const path of [DOCS_PATH, DOCS_JSON_PATH]) app.use(path, gate);
  }
  SwaggerModule.setup(DOCS_PATH.slice(1), app, createOpenApiDocument(app), {
    jsonDocumentUrl: DOCS_JSON_PATH.slice(1),
  });
}
