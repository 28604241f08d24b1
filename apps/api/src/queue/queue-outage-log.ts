import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { QueueBase } from 'bullmq';
import { OutageLog } from '../common/redis/outage-log';

/**
 * Every queue and worker of the process, found rather than listed (a module adding a queue
 * needs nothing here), reports a lost Redis once per outage through OutageLog.
 */
@Injectable()
export class QueueOutageLog implements OnApplicationBootstrap {
  private readonly logger = new Logger('Queue');

  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    for (const { instance } of this.discovery.getProviders()) {
      const emitter: unknown = instance instanceof WorkerHost ? instance.worker : instance;
      if (emitter instanceof QueueBase)
        new OutageLog(this.logger, `${emitter.constructor.name} ${emitter.name}`).watch(emitter);
    }
  }
}
