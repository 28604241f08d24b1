import { type IncomingMessage } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import { type INestApplication, type NestApplicationOptions } from '@nestjs/common';
import { type AbstractHttpAdapter } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { type Application } from 'express';
import { type FastifyInstance } from 'fastify';
import { type AppConfig } from './config/app-config';
import { requestIdOf, withRequestContext } from './common/http/request-context';

/** body-parser's default limit, which the API has always answered 413 past under Express. */
export const BODY_LIMIT_BYTES = 100 * 1024;

type AdapterConfig = Pick<AppConfig, 'HTTP_ADAPTER' | 'TRUST_PROXY'>;

/** The HTTP server Nest runs on (HTTP_ADAPTER); configureApp gives both the same edges. */
export function createHttpAdapter(config: AdapterConfig): AbstractHttpAdapter {
  if (config.HTTP_ADAPTER === 'express') return new ExpressAdapter();
  return new FastifyAdapter({
    // Read like Express's `trust proxy`: both hand the string to proxy-addr.
    trustProxy: config.TRUST_PROXY,
    bodyLimit: BODY_LIMIT_BYTES,
    // The id the logs, X-Request-Id and the audit trail share (see ensureRequestId).
    genReqId: (req: Pick<IncomingMessage, 'headers'>) => requestIdOf(req),
    routerOptions: {
      // Express routes ignore a trailing slash and take path parameters of any length.
      ignoreTrailingSlash: true,
      maxParamLength: 1000,
    },
  });
}

/** Nest's options that depend on the adapter: Fastify's body parsers are configureApp's. */
export function adapterAppOptions(config: AdapterConfig): NestApplicationOptions {
  return config.HTTP_ADAPTER === 'fastify' ? { bodyParser: false } : {};
}

/**
 * The framework-level half of configureApp: the same proxy trust, security headers,
 * cookies and body parsing on either adapter.
 */
export function configureHttpAdapter(app: INestApplication, config: AdapterConfig): void {
  const adapter = app.getHttpAdapter();
  if (adapter.getType() !== 'fastify') {
    const express = adapter.getInstance() as Application;
    // req.ip is the client's own address as the bundled nginx forwards it, and only from there.
    express.set('trust proxy', config.TRUST_PROXY);
    return;
  }
  const fastify = adapter.getInstance() as FastifyInstance;
  void fastify.register(fastifyHelmet);
  void fastify.register(fastifyCookie);
  registerBodyParsers(fastify);
  // Nest's middleware ran before Fastify read the body; the handler runs in its context again.
  fastify.addHook('preHandler', (request, reply, done) =>
    withRequestContext(request.raw, reply.raw, () => done()),
  );
}

/** Refuses a body the way body-parser does under Express (see AllExceptionsFilter). */
const parseError = (message: string) =>
  Object.assign(new SyntaxError(message), { statusCode: 400 });

/**
 * JSON as body-parser reads it under Express: an empty body is `{}`, and only an object or
 * an array is JSON here (strict mode). A `__proto__` or `constructor` key stays a plain own
 * key, as JSON.parse leaves it, so the validation pipe refuses it by name like any unknown
 * key. Form bodies parse as under Express; multipart is left unread for multer
 * (SingleFileUpload).
 */
function registerBodyParsers(fastify: FastifyInstance): void {
  const json = fastify.getDefaultJsonParser('ignore', 'ignore');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    if (text.length === 0) return done(null, {});
    const first = text.trimStart()[0];
    if (first !== '{' && first !== '[')
      return done(parseError('JSON body must be an object or array'), undefined);
    json(req, text, done);
  });
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_req, body, done) => done(null, { ...parseQueryString(body as string) }),
  );
  fastify.addContentTypeParser('multipart/form-data', (_req, _payload, done) => done(null));
}
