import { Global, Module } from '@nestjs/common';
import { AuditEventsController } from './audit-events.controller';
import { AuditTrailService } from './audit-trail.service';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AuditEventsController],
  providers: [AuditService, AuditTrailService],
  exports: [AuditService],
})
export class AuditModule {}
