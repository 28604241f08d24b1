import { Module } from '@nestjs/common';
import { ChainChangedJob } from './jobs/chain-changed.job';
import { NeedChangedJob } from './jobs/need-changed.job';
import { ProductChangedJob } from './jobs/product-changed.job';
import { ProductFirmViewsJob } from './jobs/product-firm-views.job';
import { RematchAllJob } from './jobs/rematch-all.job';
import { RematchNeedsJob } from './jobs/rematch-needs.job';
import { MatchWriter } from './match-writer';
import {
  MatchingBackgroundProcessor,
  MatchingDispatcher,
  MatchingProcessor,
} from './matching.processor';
import { MatchingCache } from './matching-cache.service';

/** Worker side of matching: both queues' processors, one class per job kind, the writer and its cache. */
@Module({
  providers: [
    MatchingProcessor,
    MatchingBackgroundProcessor,
    MatchingDispatcher,
    MatchingCache,
    MatchWriter,
    NeedChangedJob,
    ChainChangedJob,
    ProductChangedJob,
    ProductFirmViewsJob,
    RematchAllJob,
    RematchNeedsJob,
  ],
})
export class MatchingWorkerModule {}
