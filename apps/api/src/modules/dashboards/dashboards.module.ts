import { Module } from '@nestjs/common';
import { workingCalendarProvider } from '../matches/working-calendar.provider';
import { RoadshowsModule } from '../roadshows/roadshows.module';
import { ChainDetailReader } from './chain-detail.reader';
import { DashboardExportService } from './dashboard-export.service';
import { DashboardFactsService } from './dashboard-facts.service';
import { DashboardReader } from './dashboard-reader';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

/** The government dashboard (API side): reads the facts the worker builds. */
@Module({
  imports: [RoadshowsModule],
  controllers: [DashboardController],
  providers: [
    // The facts count working days on the same official calendar as the response clock.
    workingCalendarProvider,
    DashboardFactsService,
    DashboardReader,
    ChainDetailReader,
    DashboardService,
    DashboardExportService,
  ],
  exports: [DashboardFactsService],
})
export class DashboardsModule {}
