import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { OutageLog } from './outage-log';

export const REDIS = Symbol('REDIS');

/** Far above a healthy Redis's answer (well under a millisecond here), far below a user's patience. */
export const REDIS_COMMAND_TIMEOUT_MS = 2_000;

/** One shared connection for non-queue uses (health, caches). */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const redis = new Redis(config.REDIS_URL, {
          lazyConnect: false,
          // Requests use this connection: while Redis is away or stuck, a command fails at
          // once or within the timeout (the request answers 503) instead of waiting.
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
        });
        new OutageLog(new Logger('Redis'), 'Redis').watch(redis);
        return redis;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
