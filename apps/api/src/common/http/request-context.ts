import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';

/** What the audit trail keeps of the request under way, wherever in its handling it writes. */
export interface RequestContext {
  requestId: string;
  req: Request;
  /** Audit events written for this request so far (the route interceptor adds one only when none). */
  audited: number;
}

const storage = new AsyncLocalStorage<RequestContext>();

// A request id from the proxy (nginx's $request_id) or a client is kept when it is a plain
// token; anything else is replaced, so it never carries markup or log-line breaks.
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * The id of this request, the same in the response's X-Request-Id header, in the log lines
 * (pino-http reads req.id) and in the audit events it causes. Idempotent.
 */
export function ensureRequestId(req: IncomingMessage, res: ServerResponse): string {
  const own = req as IncomingMessage & { id?: unknown };
  if (typeof own.id === 'string') return own.id;
  const header = req.headers['x-request-id'];
  const offered = Array.isArray(header) ? header[0] : header;
  const id = offered && REQUEST_ID.test(offered) ? offered : randomUUID();
  own.id = id;
  if (!res.headersSent) res.setHeader('X-Request-Id', id);
  return id;
}

/** The client's address as Express reports it (trust proxy decides), without the IPv4-in-IPv6 prefix. */
export function clientIp(req: Request): string | null {
  const ip = req.ip ?? req.socket?.remoteAddress;
  if (!ip) return null;
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip.slice(0, 64);
}

/** Runs the rest of the request's handling with its context available to `currentRequest`. */
export function withRequestContext(req: Request, res: Response, next: NextFunction): void {
  storage.run({ requestId: ensureRequestId(req, res), req, audited: 0 }, next);
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** A callback that runs later (a response's 'finish') in the context of the request that set it. */
export function bindToRequest<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return AsyncResource.bind(fn);
}

/** Applied to every route after the body is parsed (CommonModule). */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    withRequestContext(req, res, next);
  }
}
