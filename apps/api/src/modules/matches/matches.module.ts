import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { parseCalendarOverrides, WorkingCalendar } from './response-clock';
import { FirmApplicationsController } from './firm-applications.controller';
import { FirmApplicationsService } from './firm-applications.service';
import { MatchesController } from './matches.controller';
import { MatchesService } from './matches.service';

/** What people read and do with a match: a need's ranked products, near-misses, a product's ranked needs. */
@Module({
  controllers: [MatchesController, FirmApplicationsController],
  providers: [
    MatchesService,
    FirmApplicationsService,
    {
      provide: WorkingCalendar,
      useFactory: (config: AppConfig) =>
        new WorkingCalendar(parseCalendarOverrides(config.WORKING_CALENDAR_OVERRIDES)),
      inject: [AppConfig],
    },
  ],
  exports: [MatchesService, WorkingCalendar],
})
export class MatchesModule {}
