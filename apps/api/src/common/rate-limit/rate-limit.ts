import { createHash } from 'node:crypto';
import { type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import {
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  ThrottlerGuard,
} from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type Redis from 'ioredis';
import { type AppConfig } from '../../config/app-config';
import { type RequestWithActor } from '../auth/actor';
import { type HttpReply, type HttpRequest, setReplyHeader } from '../http/http-reply';
import { isDependencyFailure } from '../http/unavailable';

/** Public routes with a budget of their own. */
export type LimitedRoute = 'login' | 'registration';
const LIMITED_AS = 'lianrong:limitedAs';

/** Puts a public route under its own limits (login: per account and per address). */
export const LimitedAs = (route: LimitedRoute) => SetMetadata(LIMITED_AS, route);

const limitedAs = (ctx: ExecutionContext): LimitedRoute | undefined =>
  Reflect.getMetadata(LIMITED_AS, ctx.getHandler()) as LimitedRoute | undefined;

const requestOf = (ctx: ExecutionContext) => ctx.switchToHttp().getRequest<RequestWithActor>();

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

const accountOf = (req: HttpRequest): string => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
};

/**
 * The platform's limits, counted in Redis so every API process shares them (a limit per
 * process would multiply with the number of processes):
 * - login per account across all addresses (guessing at one account from a botnet), and per
 *   address across all accounts (one address trying many accounts);
 * - registration per address;
 * - a budget of writes per signed-in user on every mutating route.
 * Addresses are the client's as the bundled nginx reports them (`TRUST_PROXY`).
 */
export function rateLimitOptions(config: AppConfig, redis: Redis): ThrottlerModuleOptions {
  const ip = (req: Record<string, unknown>) => String((req as unknown as HttpRequest).ip);
  // The deployment's prefix: test runs and deployments sharing a Redis never count each
  // other's requests. Writes share one budget across routes; the others count per route.
  const generateKey = (ctx: ExecutionContext, tracker: string, name: string) => {
    const scope = name === 'writes' ? '' : `${ctx.getClass().name}.${ctx.getHandler().name}`;
    const digest = createHash('sha256').update(`${scope}|${tracker}`).digest('hex');
    return `${config.BULL_PREFIX}:rate:${name}:${digest}`;
  };
  return {
    storage: new ThrottlerStorageRedisService(redis),
    generateKey,
    throttlers: [
      {
        name: 'login-account',
        ttl: config.LOGIN_RATE_WINDOW_MS,
        limit: config.LOGIN_RATE_LIMIT,
        skipIf: (ctx) => limitedAs(ctx) !== 'login',
        getTracker: (req) => accountOf(req as unknown as HttpRequest),
      },
      {
        name: 'login-address',
        ttl: config.LOGIN_RATE_WINDOW_MS,
        limit: config.LOGIN_IP_RATE_LIMIT,
        skipIf: (ctx) => limitedAs(ctx) !== 'login',
        getTracker: ip,
      },
      {
        name: 'registration',
        ttl: config.REGISTRATION_RATE_WINDOW_MS,
        limit: config.REGISTRATION_RATE_LIMIT,
        skipIf: (ctx) => limitedAs(ctx) !== 'registration',
        getTracker: ip,
      },
      {
        name: 'writes',
        ttl: 60_000,
        limit: config.WRITE_RATE_LIMIT,
        skipIf: (ctx) => {
          const req = requestOf(ctx);
          return READS.has(req.method) || !req.actor;
        },
        getTracker: (req) => (req as unknown as RequestWithActor).actor?.userId ?? '',
      },
    ],
  };
}

/**
 * The limits that hold while Redis cannot count: guessing passwords must never get easier,
 * so logins answer 503 until Redis is back. The others let requests through meanwhile —
 * refusing every write would lose the very changes the outbox keeps for the matching, and
 * a minute without a registration or write budget costs little (a rate-limit service that
 * fails open is the usual default, e.g. Envoy's `failure_mode_deny: false`).
 */
export const HOLD_WITHOUT_REDIS: ReadonlySet<string> = new Set(['login-account', 'login-address']);

/**
 * Runs after the auth guard (it is registered after it), so the writes budget knows the user;
 * a refusal says when to retry in the standard header.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  /** Whether the last count failed, so an outage is logged once rather than per request. */
  private uncounted = false;

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    let allowed: boolean;
    try {
      allowed = await super.handleRequest(request);
    } catch (error) {
      if (!isDependencyFailure(error) || HOLD_WITHOUT_REDIS.has(request.throttler.name ?? ''))
        throw error;
      if (!this.uncounted)
        this.logger.warn(`rate limits not counted while Redis is unavailable: ${String(error)}`);
      this.uncounted = true;
      return true;
    }
    if (this.uncounted) this.logger.log('rate limits counted again');
    this.uncounted = false;
    return allowed;
  }

  protected override async throwThrottlingException(
    ctx: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const res = ctx.switchToHttp().getResponse<HttpReply>();
    setReplyHeader(res, 'Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
    return super.throwThrottlingException(ctx, detail);
  }
}
