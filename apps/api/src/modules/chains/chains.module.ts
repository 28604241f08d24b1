import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { parseCalendarOverrides, WorkingCalendar } from '../matches/response-clock';
import { ChainsController } from './chains.controller';
import { ChainsService } from './chains.service';
import { LeadBanksController } from './lead-banks.controller';
import { LeadBanksService } from './lead-banks.service';

@Module({
  controllers: [ChainsController, LeadBanksController],
  providers: [
    ChainsService,
    LeadBanksService,
    // Its own calendar rather than importing MatchesModule: the lead banks' response days
    // count on the same official calendar, with the same overrides.
    {
      provide: WorkingCalendar,
      useFactory: (config: AppConfig) =>
        new WorkingCalendar(parseCalendarOverrides(config.WORKING_CALENDAR_OVERRIDES)),
      inject: [AppConfig],
    },
  ],
  exports: [ChainsService],
})
export class ChainsModule {}
