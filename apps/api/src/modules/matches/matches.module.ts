import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { parseCalendarOverrides, WorkingCalendar } from './response-clock';
import { MatchesController } from './matches.controller';
import { MatchesService } from './matches.service';

/** What people read and do with a match: a need's ranked products, near-misses, a product's ranked needs. */
@Module({
  controllers: [MatchesController],
  providers: [
    MatchesService,
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
