import { Module } from '@nestjs/common';
import { LoggingModule } from './common/logging.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { MatchingWorkerModule } from './modules/matching/matching-worker.module';
import { OutboxModule } from './outbox/outbox.module';
import { QueueModule } from './queue/queue.module';

/** The worker process (worker.ts): no HTTP, just the queue consumer and its outbox relay. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    QueueModule,
    OutboxModule,
    MatchingWorkerModule,
  ],
})
export class WorkerModule {}
