import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { REDIS } from '../../common/redis/redis.module';
import { checkDependency } from './dependency-check';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  isHealthy() {
    return checkDependency(
      this.indicators,
      'redis',
      1000,
      async () => (await this.redis.ping()) === 'PONG',
    );
  }
}
