import { Module } from '@nestjs/common';
import { workingCalendarProvider } from '../matches/working-calendar.provider';
import { ChainsController } from './chains.controller';
import { ChainsService } from './chains.service';
import { LeadBanksController } from './lead-banks.controller';
import { LeadBanksService } from './lead-banks.service';

@Module({
  controllers: [ChainsController, LeadBanksController],
  providers: [
    ChainsService,
    LeadBanksService,
    // The lead banks' response days count on the same official calendar as the queue's.
    workingCalendarProvider,
  ],
  exports: [ChainsService],
})
export class ChainsModule {}
