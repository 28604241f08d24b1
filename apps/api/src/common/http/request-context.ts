import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';

/** Node's request as the framework leaves it: Express's request, or Fastify's raw one. */
export type ContextRequest = IncomingMessage & { ip?: string };

/** What the audit trail keeps of the request under way, wherever in its handling it writes. */
export interface RequestContext {
  requestId: string;
  req: ContextRequest;
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
  // Fastify names each request (genReqId, see http-adapter.ts) before any middleware runs.
  if (typeof own.id !== 'string') own.id = requestIdOf(req);
  const id = own.id as string;
  if (!res.headersSent && !res.hasHeader('X-Request-Id')) res.setHeader('X-Request-Id', id);
  return id;
}

/** The id a request offers when it is a plain token, else a new one. */
export function requestIdOf(req: Pick<IncomingMessage, 'headers'>): string {
  const header = req.headers['x-request-id'];
  const offered = Array.isArray(header) ? header[0] : header;
  return offered && REQUEST_ID.test(offered) ? offered : randomUUID();
}

/**
 * The client's address as the framework reports it (TRUST_PROXY decides), without the
 * IPv4-in-IPv6 prefix.
 */
export function clientIp(req: ContextRequest): string | null {
  const ip = req.ip ?? req.socket?.remoteAddress;
  if (!ip) return null;
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip.slice(0, 64);
}

const CONTEXT = Symbol('lianrong:requestContext');
type WithContext = ContextRequest & { [CONTEXT]?: RequestContext };

/**
 * Runs the rest of the request's handling with its context available to `currentRequest`.
 * A second call for the same request enters the context the first one made: Fastify runs
 * middleware before it reads the body, and the body's stream events do not carry the
 * context on to the handler, so a hook after parsing enters it again.
 */
export function withRequestContext(
  req: ContextRequest,
  res: ServerResponse,
  next: (error?: unknown) => void,
): void {
  const own = req as WithContext;
  own[CONTEXT] ??= { requestId: ensureRequestId(req, res), req, audited: 0 };
  storage.run(own[CONTEXT], next);
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** A callback that runs later (a response's 'finish') in the context of the request that set it. */
export function bindToRequest<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return AsyncResource.bind(fn);
}

/**
 * Applied to every route (CommonModule); Express has parsed the body by then, Fastify has
 * not (see withRequestContext).
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: ContextRequest, res: ServerResponse, next: (error?: unknown) => void): void {
    withRequestContext(req, res, next);
  }
}
