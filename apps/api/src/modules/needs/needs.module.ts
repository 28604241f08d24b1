import { Module } from '@nestjs/common';
import { MatchReviewModule } from '../matches/match-review.module';
import { NeedsController } from './needs.controller';
import { NeedsService } from './needs.service';

@Module({
  imports: [MatchReviewModule],
  controllers: [NeedsController],
  providers: [NeedsService],
  exports: [NeedsService],
})
export class NeedsModule {}
