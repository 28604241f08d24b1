import { type JwtService } from '@nestjs/jwt';
import { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { reasonPhrase } from '../http/api-error';
import { type RequestWithActor } from './actor';
import { type AccessTokenClaims } from './auth.guard';

export function readCookie(req: Request, name: string): string | undefined {
  const pair = (req.headers.cookie ?? '').split(';').find((c) => c.trim().startsWith(`${name}=`));
  return pair ? decodeURIComponent(pair.split('=')[1]) : undefined;
}

function refuse(res: Response, status: 401 | 403, message: string): void {
  res
    .status(status)
    .json({ statusCode: status, error: reasonPhrase(status), message, details: [] });
}

/**
 * Express middleware for pages that Nest's guard does not reach (the queue board, the API
 * docs): admins only. A browser cannot send a bearer header on navigation, so the web first
 * calls `sessionRoute` with its bearer, which sets an HttpOnly cookie scoped to the page;
 * a token never travels in the URL, where request logs and browser history would keep it,
 * and the token's 15-minute expiry still applies.
 */
export function adminOnly(jwt: JwtService, cookie: string, sessionRoute: string): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization?.startsWith('Bearer ')
      ? req.headers.authorization.slice(7)
      : undefined;
    const token = header ?? readCookie(req, cookie);
    if (!token) return refuse(res, 401, `admin session required: POST ${sessionRoute} first`);
    let claims: AccessTokenClaims;
    try {
      claims = await jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      return refuse(res, 401, 'invalid or expired token');
    }
    if (claims.role !== 'admin') return refuse(res, 403, 'admins only');
    // Who acts on the page, for its audit events.
    (req as RequestWithActor).actor = {
      userId: claims.sub,
      role: claims.role,
      orgId: claims.org,
      regionCode: claims.region,
    };
    next();
  };
}
