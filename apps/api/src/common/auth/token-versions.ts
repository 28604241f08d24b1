import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { REDIS } from '../redis/redis.module';

/** No access token matches it: the user is disabled or gone. */
const NONE = -1;
/** How long a process trusts a cached version it did not write itself. */
const CACHE_SECONDS = 60;

/**
 * Each user's token version, which every access token carries. Raising it ("sign out
 * everywhere", a disabled user, a forced password reset) refuses the tokens already out at
 * once in every API process: the new value is written to Redis as the change commits, and a
 * process reads Redis before its database. Without Redis, the database answers.
 */
@Injectable()
export class TokenVersions {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private key(userId: string): string {
    return `${this.config.BULL_PREFIX}:token-version:${userId}`;
  }

  /** The version an access token must carry to be honoured, or -1 when none is. */
  async current(userId: string): Promise<number> {
    const cached = await this.redis.get(this.key(userId)).catch(() => null);
    if (cached !== null) return Number(cached);
    const [row]: { token_version: number; disabled_at: Date | null }[] = await this.db.query(
      'SELECT token_version, disabled_at FROM users WHERE id = $1',
      [userId],
    );
    const version = !row || row.disabled_at ? NONE : row.token_version;
    await this.redis.set(this.key(userId), version, 'EX', CACHE_SECONDS).catch(() => undefined);
    return version;
  }

  /** Raises the version in the caller's transaction; call `publish` once it has committed. */
  async raise(em: EntityManager, userId: string): Promise<void> {
    await em.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [userId]);
  }

  /** Makes every process see the committed version now rather than when its cache expires. */
  async publish(userId: string): Promise<void> {
    await this.redis.del(this.key(userId)).catch(() => undefined);
    await this.current(userId);
  }
}
