import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type OnModuleInit } from '@nestjs/common';
import { type Job } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { MATCHING_BACKGROUND_QUEUE, MATCHING_QUEUE } from '../../queue/queue.constants';
import { MatchingJobs } from './matching-jobs.service';

// Lock and stall checks are read at boot; a long CPU step must stay well under the lock.
const LOCK_MS = Number(process.env.WORKER_LOCK_MS ?? 30_000);
const WORKER_OPTIONS = { lockDuration: LOCK_MS, stalledInterval: LOCK_MS, maxStalledCount: 3 };

/** Interactive jobs: a need, a firm, a product's officer's view, the rematch parent. */
@Processor(MATCHING_QUEUE, WORKER_OPTIONS)
export class MatchingProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    private readonly jobs: MatchingJobs,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  process(job: Job, token?: string): Promise<unknown> {
    return this.jobs.run(job, token);
  }
}

/** Bulk jobs: firms' views after a product change, the shards of a full rematch. */
@Processor(MATCHING_BACKGROUND_QUEUE, WORKER_OPTIONS)
export class MatchingBackgroundProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    private readonly jobs: MatchingJobs,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.BACKGROUND_CONCURRENCY;
  }

  process(job: Job, token?: string): Promise<unknown> {
    return this.jobs.run(job, token);
  }
}
