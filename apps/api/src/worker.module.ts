import { Module } from '@nestjs/common';
import { LoggingModule } from './common/logging.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DashboardFactsWorkerModule } from './modules/dashboards/dashboard-facts-worker.module';
import { MatchingWorkerModule } from './modules/matching/matching-worker.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { ResponseClockWorkerModule } from './modules/notifications/overdue/response-clock-worker.module';
import { OutboxModule } from './outbox/outbox.module';
import { QueueModule } from './queue/queue.module';

/** The worker process (worker.ts): no HTTP, just the queue consumers and the outbox relay. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule.forRoot('worker'),
    QueueModule,
    OutboxModule,
    NotificationsModule,
    MatchingWorkerModule,
    ResponseClockWorkerModule,
    DashboardFactsWorkerModule,
  ],
})
export class WorkerModule {}
