import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import {
  GOV_FACTS_JOB_OPTIONS,
  GOV_FACTS_QUEUE,
  MATCHING_BACKGROUND_QUEUE,
  MATCHING_EVENTS_MAX_LEN,
  MATCHING_JOB_OPTIONS,
  MATCHING_QUEUE,
  RESPONSE_CLOCK_JOB_OPTIONS,
  RESPONSE_CLOCK_QUEUE,
} from './queue.constants';
import { QueueOutageLog } from './queue-outage-log';

/** Redis connection settings shared by producers and the worker; the prefix carries a hash tag for Redis Cluster. */
export function redisConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    // BullMQ workers block on Redis; they must retry forever rather than fail a command.
    maxRetriesPerRequest: null,
  };
}

@Global()
@Module({
  providers: [QueueOutageLog],
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: redisConnection(config.REDIS_URL),
        prefix: config.BULL_PREFIX,
      }),
    }),
    BullModule.registerQueue(
      ...[MATCHING_QUEUE, MATCHING_BACKGROUND_QUEUE].map((name) => ({
        name,
        defaultJobOptions: MATCHING_JOB_OPTIONS,
        streams: { events: { maxLen: MATCHING_EVENTS_MAX_LEN } },
      })),
      {
        name: RESPONSE_CLOCK_QUEUE,
        defaultJobOptions: RESPONSE_CLOCK_JOB_OPTIONS,
        streams: { events: { maxLen: MATCHING_EVENTS_MAX_LEN } },
      },
      {
        name: GOV_FACTS_QUEUE,
        defaultJobOptions: GOV_FACTS_JOB_OPTIONS,
        streams: { events: { maxLen: MATCHING_EVENTS_MAX_LEN } },
      },
    ),
  ],
  exports: [BullModule],
})
export class QueueModule {}
