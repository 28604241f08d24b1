import { Module } from '@nestjs/common';
import { workingCalendarProvider } from '../../matches/working-calendar.provider';
import { OverdueApplications } from './overdue-applications.service';
import { ResponseClockProcessor } from './response-clock.processor';

/** Worker side of the response clock: the scheduled overdue check and what it needs. */
@Module({
  providers: [workingCalendarProvider, OverdueApplications, ResponseClockProcessor],
})
export class ResponseClockWorkerModule {}
