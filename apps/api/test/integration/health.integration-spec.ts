import type Redis from 'ioredis';
import { REDIS } from '../../src/common/redis/redis.module';
import { PostgresHealthIndicator } from '../../src/modules/health/postgres.health';
import { RedisHealthIndicator } from '../../src/modules/health/redis.health';
import { createTestApp, type TestApp } from './test-app';

// What a driver might say when its dependency fails: hosts, users, addresses. None of it
// may reach an unauthenticated probe's body.
const PG_FAILURE = 'password authentication failed for user "lr_owner" at pg-primary.internal:5432';
const REDIS_FAILURE = 'connect ECONNREFUSED 10.20.30.40:6379';

describe('health probes', () => {
  let t: TestApp;
  let redis: Redis;
  let postgres: PostgresHealthIndicator;

  beforeAll(async () => {
    t = await createTestApp();
    redis = t.app.get(REDIS);
    postgres = t.app.get(PostgresHealthIndicator);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  it('/api/health/live answers 200 and names no dependency', async () => {
    const res = await t.http().get('/api/health/live').expect(200);
    expect(res.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
  });

  it.each(['/api/health/ready', '/api/health'])(
    '%s answers 200 when PostgreSQL and Redis answer',
    async (path) => {
      const res = await t.http().get(path).expect(200);
      expect(res.body.details).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
    },
  );

  it.each(['/api/health/ready', '/api/health'])(
    '%s answers 503 naming PostgreSQL, without the driver’s message, when it fails',
    async (path) => {
      jest.spyOn(postgres, 'ping').mockRejectedValueOnce(new Error(PG_FAILURE));
      const res = await t.http().get(path).expect(503);
      expect(res.body.status).toBe('error');
      expect(res.body.error).toEqual({ postgres: { status: 'down' } });
      expect(res.body.details).toEqual({ postgres: { status: 'down' }, redis: { status: 'up' } });
      expect(JSON.stringify(res.body)).not.toMatch(/lr_owner|pg-primary|5432|password/);
    },
  );

  it('/api/health/ready answers 503 naming Redis, without the address, when it fails', async () => {
    jest.spyOn(redis, 'ping').mockRejectedValueOnce(new Error(REDIS_FAILURE));
    const res = await t.http().get('/api/health/ready').expect(503);
    expect(res.body.error).toEqual({ redis: { status: 'down' } });
    expect(JSON.stringify(res.body)).not.toMatch(/10\.20\.30\.40|ECONNREFUSED|6379/);
  });

  it('/api/health/ready answers 503 instead of hanging when a dependency never answers', async () => {
    jest.spyOn(redis, 'ping').mockReturnValueOnce(new Promise<never>(() => undefined));
    const res = await t.http().get('/api/health/ready').expect(503);
    expect(res.body.error).toEqual({ redis: { status: 'down' } });
  });

  it('/api/health/live stays 200 while both dependencies fail, and asks neither', async () => {
    jest.spyOn(postgres, 'ping').mockRejectedValue(new Error(PG_FAILURE));
    jest.spyOn(redis, 'ping').mockRejectedValue(new Error(REDIS_FAILURE));
    await t.http().get('/api/health/ready').expect(503);
    const pg = jest.spyOn(postgres, 'isHealthy');
    const rd = jest.spyOn(t.app.get(RedisHealthIndicator), 'isHealthy');
    await t.http().get('/api/health/live').expect(200);
    expect(pg).not.toHaveBeenCalled();
    expect(rd).not.toHaveBeenCalled();
  });
});
