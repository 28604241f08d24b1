import { Module } from '@nestjs/common';
import { JobsController } from './jobs.controller';
import { MatchesController } from './matches.controller';
import { MatchesService } from './matches.service';
import { OutboxRelay } from './outbox-relay.service';

/** HTTP side: reading matches and jobs, noting changes, relaying them to the queue. */
@Module({
  controllers: [MatchesController, JobsController],
  providers: [MatchesService, OutboxRelay],
  exports: [MatchesService],
})
export class MatchesModule {}
