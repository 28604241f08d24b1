import type { FactoryProvider } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { parseCalendarOverrides, WorkingCalendar } from './response-clock';

/** The working calendar with this deployment's overrides, for any process that counts days. */
export const workingCalendarProvider: FactoryProvider<WorkingCalendar> = {
  provide: WorkingCalendar,
  useFactory: (config: AppConfig) =>
    new WorkingCalendar(parseCalendarOverrides(config.WORKING_CALENDAR_OVERRIDES)),
  inject: [AppConfig],
};
