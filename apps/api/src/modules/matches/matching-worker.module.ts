import { Module } from '@nestjs/common';
import { MatchingCache } from './matching-cache.service';
import { MatchingProcessor } from './matching.processor';
import { OutboxRelay } from './outbox-relay.service';

/** Worker side: the processor, its caches, and a relay of its own so the queue fills even if no API runs. */
@Module({ providers: [MatchingProcessor, MatchingCache, OutboxRelay] })
export class MatchingWorkerModule {}
