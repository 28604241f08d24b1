import { Module } from '@nestjs/common';
import { InboxService } from './inbox.service';
import { NotificationStreams } from './notification-streams.service';
import { NotificationsController } from './notifications.controller';

/**
 * What users read of their notices, and the stream that pushes them to open pages. The
 * API's only: the worker writes notices (NotificationsModule) but holds no streams.
 */
@Module({
  controllers: [NotificationsController],
  providers: [InboxService, NotificationStreams],
})
export class InboxModule {}
