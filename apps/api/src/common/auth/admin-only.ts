import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type JwtService } from '@nestjs/jwt';
import { reasonPhrase } from '../http/api-error';
import { sendJson } from '../http/http-reply';
import { type Actor, type RequestWithActor } from './actor';
import { type AccessTokenClaims } from './auth.guard';

export function readCookie(req: { headers: IncomingMessage['headers'] }, name: string) {
  const pair = (req.headers.cookie ?? '').split(';').find((c) => c.trim().startsWith(`${name}=`));
  return pair ? decodeURIComponent(pair.split('=')[1]) : undefined;
}

/** Who may open the page, or why not. */
export type AdminCheck = { actor: Actor } | { status: 401 | 403; message: string };

/** The error body a refused page request gets, in the API's error shape. */
export function refusalBody(check: { status: 401 | 403; message: string }) {
  const { status, message } = check;
  return { statusCode: status, error: reasonPhrase(status), message, details: [] };
}

/**
 * The check of pages that Nest's guard does not reach (the queue board, the API docs):
 * admins only. A browser cannot send a bearer header on navigation, so the web first calls
 * `sessionRoute` with its bearer, which sets an HttpOnly cookie scoped to the page; a token
 * never travels in the URL, where request logs and browser history would keep it, and the
 * token's 15-minute expiry still applies.
 */
export function adminCheck(
  jwt: JwtService,
  cookie: string,
  sessionRoute: string,
): (req: { headers: IncomingMessage['headers'] }) => Promise<AdminCheck> {
  return async (req) => {
    const header = req.headers.authorization?.startsWith('Bearer ')
      ? req.headers.authorization.slice(7)
      : undefined;
    const token = header ?? readCookie(req, cookie);
    if (!token)
      return { status: 401, message: `admin session required: POST ${sessionRoute} first` };
    let claims: AccessTokenClaims;
    try {
      claims = await jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      return { status: 401, message: 'invalid or expired token' };
    }
    if (claims.role !== 'admin') return { status: 403, message: 'admins only' };
    return {
      actor: {
        userId: claims.sub,
        role: claims.role,
        orgId: claims.org,
        regionCode: claims.region,
      },
    };
  };
}

/**
 * adminCheck as middleware on Node's request and response, which is what Express and
 * Fastify's middleware (middie) both hand over; the actor is kept for the page's audit events.
 */
export function adminOnly(jwt: JwtService, cookie: string, sessionRoute: string) {
  const check = adminCheck(jwt, cookie, sessionRoute);
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
    check(req).then((result) => {
      if ('actor' in result) {
        (req as IncomingMessage & Pick<RequestWithActor, 'actor'>).actor = result.actor;
        next();
      } else sendJson(res, result.status, refusalBody(result));
    }, next);
  };
}
