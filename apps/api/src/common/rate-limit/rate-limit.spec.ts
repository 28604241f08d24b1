import { type ExecutionContext, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import { loadConfig } from '../../config/app-config';
import { isDependencyFailure } from '../http/unavailable';
import { LimitedAs, RateLimitGuard, rateLimitOptions } from './rate-limit';

class Routes {
  @LimitedAs('login')
  login(): void {}

  @LimitedAs('registration')
  registerFirm(): void {}

  updateNeed(): void {}
}

/** The storage as it behaves while Redis is down (the shared connection's own error). */
const redisDown: ThrottlerStorage = {
  increment: () =>
    Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false")),
};

// Never connects: the guard is handed its storage directly.
const unused = new Redis({ lazyConnect: true });

async function guardWith(storage: ThrottlerStorage): Promise<RateLimitGuard> {
  const options = rateLimitOptions(loadConfig({}), unused);
  const guard = new RateLimitGuard(options, storage, new Reflector());
  await guard.onModuleInit();
  return guard;
}

function call(handler: keyof Routes, method: string, actor?: { userId: string }): ExecutionContext {
  const req = { method, ip: '203.0.113.9', body: { email: 'cfo@example.test' }, actor };
  const res = { header: () => undefined, setHeader: () => undefined };
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ExecutionContext;
}

describe('rate limits while Redis cannot count', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => {
    Logger.overrideLogger(['error', 'warn', 'log']);
    unused.disconnect();
  });

  it('a signed-in write goes through, so the change reaches the outbox', async () => {
    const guard = await guardWith(redisDown);
    await expect(guard.canActivate(call('updateNeed', 'PATCH', { userId: 'u1' }))).resolves.toBe(
      true,
    );
  });

  it('a registration goes through', async () => {
    const guard = await guardWith(redisDown);
    await expect(guard.canActivate(call('registerFirm', 'POST'))).resolves.toBe(true);
  });

  it('a login does not: password guessing stays limited, the request answers 503', async () => {
    const guard = await guardWith(redisDown);
    const refusal = await guard.canActivate(call('login', 'POST')).catch((e: unknown) => e);
    expect(isDependencyFailure(refusal)).toBe(true);
  });

  it('an error that is not Redis being away is not swallowed', async () => {
    const guard = await guardWith({ increment: () => Promise.reject(new TypeError('a bug')) });
    await expect(guard.canActivate(call('updateNeed', 'PATCH', { userId: 'u1' }))).rejects.toThrow(
      'a bug',
    );
  });

  it('with Redis back, the limits count again', async () => {
    let hits = 0;
    const guard = await guardWith({
      increment: async () => ({
        totalHits: ++hits,
        timeToExpire: 60,
        isBlocked: hits > 120,
        timeToBlockExpire: hits > 120 ? 60 : 0,
      }),
    });
    for (let i = 0; i < 120; i++)
      await guard.canActivate(call('updateNeed', 'PATCH', { userId: 'u1' }));
    await expect(
      guard.canActivate(call('updateNeed', 'PATCH', { userId: 'u1' })),
    ).rejects.toMatchObject({ status: 429 });
  });
});
