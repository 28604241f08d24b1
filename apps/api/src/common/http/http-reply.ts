import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * What the API reads of a request, the same on Express's request and Fastify's: the code
 * that handles requests depends on this rather than on either framework's types, so the
 * API runs on both (HTTP_ADAPTER).
 */
export interface HttpRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The client's address, as `trust proxy` / `trustProxy` (TRUST_PROXY) decide. */
  ip?: string;
  /** 'https' behind a trusted proxy that says so. */
  protocol: string;
  body?: unknown;
  params?: Record<string, unknown>;
  /** The matched route: Express's `route`, Fastify's `routeOptions`. */
  route?: { path?: unknown };
  routeOptions?: { url?: unknown };
  /** Parsed by cookie-parser (Express) or @fastify/cookie. */
  cookies?: Record<string, string | undefined>;
  /** Fastify's request wraps Node's; Express's request is Node's. */
  raw?: IncomingMessage;
  socket?: IncomingMessage['socket'];
}

/** Express's response, Fastify's reply or, before a framework wrapped it, Node's. */
export type HttpReply = object;

interface CookieOptions {
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'strict';
  path: string;
  expires?: Date;
  maxAgeSeconds?: number;
}

interface FastifyLikeReply {
  raw: ServerResponse;
  sent: boolean;
  code(status: number): FastifyLikeReply;
  header(name: string, value: string): FastifyLikeReply;
  send(body?: unknown): FastifyLikeReply;
  getHeaders(): Record<string, unknown>;
  hijack(): FastifyLikeReply;
  setCookie?(name: string, value: string, options: object): FastifyLikeReply;
  clearCookie?(name: string, options: object): FastifyLikeReply;
}

interface ExpressLikeResponse extends ServerResponse {
  status(status: number): ExpressLikeResponse;
  json(body: unknown): ExpressLikeResponse;
  cookie?(name: string, value: string, options: object): ExpressLikeResponse;
  clearCookie?(name: string, options: object): ExpressLikeResponse;
}

const isFastifyReply = (res: HttpReply): res is FastifyLikeReply =>
  'raw' in res && typeof (res as Partial<FastifyLikeReply>).code === 'function';

/** Node's response underneath: where a stream (SSE) writes. */
export function rawResponse(res: HttpReply): ServerResponse {
  return isFastifyReply(res) ? res.raw : (res as ServerResponse);
}

/** Node's request underneath (Fastify's request wraps it; Express's is it). */
export function rawRequest(req: HttpRequest | IncomingMessage): IncomingMessage {
  return ((req as HttpRequest).raw ?? req) as IncomingMessage;
}

export function replySent(res: HttpReply): boolean {
  return isFastifyReply(res)
    ? res.sent || res.raw.headersSent
    : (res as ServerResponse).headersSent;
}

export function setReplyHeader(res: HttpReply, name: string, value: string): void {
  if (isFastifyReply(res)) res.header(name, value);
  else (res as ServerResponse).setHeader(name, value);
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * A JSON answer, on whichever response the exception filter or a gate was handed. It says
 * it is JSON even where the route had declared another type (`@Header` on a CSV export),
 * which Fastify would otherwise refuse to serialize an object under.
 */
export function sendJson(res: HttpReply, status: number, body: unknown): void {
  if (isFastifyReply(res)) {
    res.code(status).header('Content-Type', JSON_TYPE).send(body);
    return;
  }
  const express = res as Partial<ExpressLikeResponse>;
  (res as ServerResponse).setHeader('Content-Type', JSON_TYPE);
  if (typeof express.status === 'function' && typeof express.json === 'function') {
    express.status(status).json(body);
    return;
  }
  const raw = res as ServerResponse;
  raw.statusCode = status;
  raw.end(JSON.stringify(body));
}

/** Whether the client reached the API over https (directly or through a trusted proxy). */
export function isHttps(req: HttpRequest): boolean {
  return req.protocol === 'https';
}

/**
 * Sets a cookie with cookie-parser's `res.cookie` or @fastify/cookie's `reply.setCookie`;
 * they count Max-Age in milliseconds and in seconds respectively.
 */
export function setCookie(res: HttpReply, name: string, value: string, options: CookieOptions) {
  const { maxAgeSeconds, ...rest } = options;
  if (isFastifyReply(res)) {
    if (!res.setCookie) throw new Error('@fastify/cookie is not registered');
    res.setCookie(name, value, { ...rest, maxAge: maxAgeSeconds });
    return;
  }
  const express = res as ExpressLikeResponse;
  if (!express.cookie) throw new Error('not an Express response');
  express.cookie(name, value, {
    ...rest,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds * 1000 }),
  });
}

export function clearCookie(res: HttpReply, name: string, options: CookieOptions): void {
  const target = res as FastifyLikeReply | ExpressLikeResponse;
  if (!target.clearCookie) throw new Error('no cookie support on this response');
  target.clearCookie(name, options);
}

/**
 * Takes the response out of the framework's hands for a handler that writes Node's
 * response itself (a stream), with the headers the framework had set so far (helmet's).
 */
export function takeOverResponse(res: HttpReply): {
  raw: ServerResponse;
  headers: Record<string, unknown>;
} {
  if (isFastifyReply(res)) {
    const headers = res.getHeaders();
    res.hijack();
    return { raw: res.raw, headers };
  }
  return { raw: res as ServerResponse, headers: {} };
}

/**
 * Sends bytes the handler prepared (a cached, maybe compressed, answer) with their headers,
 * through Express's `res.send` (its ETag and 304 included) or Fastify's `reply.send`.
 */
export function sendBytes(res: HttpReply, body: Buffer, headers: Record<string, string>): void {
  const reply = res as {
    header(name: string, value: string): unknown;
    send(body: Buffer): unknown;
  };
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  reply.send(body);
}
