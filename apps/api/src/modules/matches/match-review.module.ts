import { Module } from '@nestjs/common';
import { MatchReviewService } from './match-review.service';

/**
 * The review pipeline's service on its own, so that needs (withdrawing a need closes its
 * applications) can use it without importing the matches routes.
 */
@Module({ providers: [MatchReviewService], exports: [MatchReviewService] })
export class MatchReviewModule {}
