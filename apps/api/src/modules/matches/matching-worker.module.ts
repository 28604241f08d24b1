import { Module } from '@nestjs/common';
import { MatchingCache } from './matching-cache.service';
import { MatchingJobs } from './matching-jobs.service';
import { MatchingBackgroundProcessor, MatchingProcessor } from './matching.processors';
import { OutboxRelay } from './outbox-relay.service';

/** Worker side: both queues' processors, their caches, and a relay of its own so the queue fills even if no API runs. */
@Module({
  providers: [
    MatchingJobs,
    MatchingProcessor,
    MatchingBackgroundProcessor,
    MatchingCache,
    OutboxRelay,
  ],
})
export class MatchingWorkerModule {}
