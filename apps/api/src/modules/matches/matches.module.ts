import { Module } from '@nestjs/common';
import { WorkingCalendar } from './response-clock';
import { workingCalendarProvider } from './working-calendar.provider';
import { MatchReviewController } from './match-review.controller';
import { MatchReviewModule } from './match-review.module';
import { FirmApplicationsController } from './firm-applications.controller';
import { FirmApplicationsService } from './firm-applications.service';
import { MatchesController } from './matches.controller';
import { MatchesService } from './matches.service';

/**
 * What people read and do with a match: a need's ranked products, near-misses, a
 * product's ranked needs, and the review pipeline from application to disbursement.
 */
@Module({
  imports: [MatchReviewModule],
  controllers: [MatchesController, MatchReviewController, FirmApplicationsController],
  providers: [MatchesService, FirmApplicationsService, workingCalendarProvider],
  exports: [MatchesService, MatchReviewModule, WorkingCalendar],
})
export class MatchesModule {}
