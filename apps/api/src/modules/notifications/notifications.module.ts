import { Global, Module } from '@nestjs/common';
import { NotificationsService } from './notifications.service';

/** Notices to users; global because every module that moves a match or a claim sends them. */
@Global()
@Module({
  providers: [NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
