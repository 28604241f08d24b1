import { Global, Module } from '@nestjs/common';
import { OutboxService } from './outbox.service';

/** Every module that changes matching inputs notes it through this one service. */
@Global()
@Module({ providers: [OutboxService], exports: [OutboxService] })
export class OutboxModule {}
