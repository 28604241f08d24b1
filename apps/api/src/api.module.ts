import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthGuard } from './common/auth/auth.guard';
import { CommonModule } from './common/common.module';
import { LoggingModule } from './common/logging.module';
import { RateLimitGuard, rateLimitOptions } from './common/rate-limit/rate-limit';
import { REDIS, RedisModule } from './common/redis/redis.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AdminModule } from './modules/admin/admin.module';
import { AuditInterceptor } from './modules/audit/audit.interceptor';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { BankQueueModule } from './modules/bank-queue/bank-queue.module';
import { ChainsModule } from './modules/chains/chains.module';
import { ClaimsModule } from './modules/claims/claims.module';
import { DashboardsModule } from './modules/dashboards/dashboards.module';
import { FirmsModule } from './modules/firms/firms.module';
import { SupplyLinksModule } from './modules/supply-links/supply-links.module';
import { WhitelistModule } from './modules/whitelist/whitelist.module';
import { HealthModule } from './modules/health/health.module';
import { MatchesModule } from './modules/matches/matches.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { MetaModule } from './modules/meta/meta.module';
import { InboxModule } from './modules/notifications/inbox.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { OutboxModule } from './outbox/outbox.module';
import { NeedsModule } from './modules/needs/needs.module';
import { ProductsModule } from './modules/products/products.module';
import { RoadshowsModule } from './modules/roadshows/roadshows.module';
import { WhatIfModule } from './modules/what-if/what-if.module';
import { DocsModule } from './openapi/docs.module';
import { BullBoardModule } from './queue/bull-board.module';
import { QueueModule } from './queue/queue.module';

/** The HTTP application (main.ts). */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule.forRoot('api'),
    RedisModule,
    CommonModule,
    AuditModule,
    QueueModule,
    OutboxModule,
    NotificationsModule,
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, REDIS],
      useFactory: rateLimitOptions,
    }),
    AuthModule,
    FirmsModule,
    SupplyLinksModule,
    WhitelistModule,
    ClaimsModule,
    NeedsModule,
    ProductsModule,
    ChainsModule,
    DashboardsModule,
    RoadshowsModule,
    AdminModule,
    MatchesModule,
    InboxModule,
    BankQueueModule,
    WhatIfModule,
    JobsModule,
    HealthModule,
    MetaModule,
    BullBoardModule,
    DocsModule,
  ],
  // In this order: the rate limits count a signed-in user's writes, so they run after auth.
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
})
export class ApiModule {}
