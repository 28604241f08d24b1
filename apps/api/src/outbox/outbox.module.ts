import { Global, Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxService } from './outbox.service';

/**
 * Every module that changes a matching input notes it through OutboxService; the relay
 * drains the notes into the queue. Both the API and the worker run a relay, so the
 * queue fills even if only one of them is up.
 */
@Global()
@Module({ providers: [OutboxService, OutboxRelay], exports: [OutboxService] })
export class OutboxModule {}
