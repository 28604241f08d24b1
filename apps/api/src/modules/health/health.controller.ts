import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../../common/auth/actor';
import { PostgresHealthIndicator } from './postgres.health';
import { RedisHealthIndicator } from './redis.health';

/**
 * Two probes, as orchestrators want them: liveness (restart the process if it stops
 * answering) must not depend on PostgreSQL or Redis, or an outage of either would have
 * every API process restarted for nothing; readiness (send it traffic) needs both.
 */
@ApiTags('health')
@Public()
@SkipThrottle()
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: PostgresHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  // @HealthCheck declares the 200 and 503 bodies; a probe needs no token.
  @ApiOperation({
    summary: 'Readiness: PostgreSQL and Redis answer (same as /api/health/ready)',
    security: [],
  })
  @Get()
  @HealthCheck()
  check() {
    return this.ready();
  }

  @ApiOperation({ summary: 'Liveness: the API process answers; asks no dependency', security: [] })
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis answer', security: [] })
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.db.isHealthy(), () => this.redis.isHealthy()]);
  }
}
