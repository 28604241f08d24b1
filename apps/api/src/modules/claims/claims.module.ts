import { Module } from '@nestjs/common';
import { ClaimsService } from './claims.service';
import { FirmClaimsController } from './firm-claims.controller';
import { GovClaimsController } from './gov-claims.controller';

/** Eligibility facts by claim and confirmation (认定核验). */
@Module({
  controllers: [FirmClaimsController, GovClaimsController],
  providers: [ClaimsService],
})
export class ClaimsModule {}
