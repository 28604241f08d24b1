import { Module } from '@nestjs/common';
import { workingCalendarProvider } from '../matches/working-calendar.provider';
import { DashboardFactsProcessor } from './dashboard-facts.processor';
import { DashboardFactsService } from './dashboard-facts.service';

/** Worker side of the government dashboard: the fact builds, on change and on a schedule. */
@Module({
  providers: [workingCalendarProvider, DashboardFactsService, DashboardFactsProcessor],
})
export class DashboardFactsWorkerModule {}
