import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../../config/app-config';
import {
  MATCHING_BACKGROUND_QUEUE,
  MATCHING_QUEUE,
  type MatchingJobName,
  SHARD_JOBS,
} from '../../queue/queue.constants';
import { describeFailure } from '../../queue/job-failure';
import { type FanOutData, failTracking, runShard } from './fan-out';
import { ChainChangedJob } from './jobs/chain-changed.job';
import { NeedChangedJob } from './jobs/need-changed.job';
import { ProductChangedJob } from './jobs/product-changed.job';
import { ProductFirmViewsJob } from './jobs/product-firm-views.job';
import { RematchAllJob } from './jobs/rematch-all.job';
import { RematchNeedsJob } from './jobs/rematch-needs.job';

// Lock and stall checks are fixed when the worker is built, so they are read at import.
const { WORKER_LOCK_MS } = loadConfig();
const WORKER_OPTIONS = {
  lockDuration: WORKER_LOCK_MS,
  stalledInterval: WORKER_LOCK_MS,
  maxStalledCount: 3,
};

/** Hands each job to the class of its kind; records a followed job's final failure. */
@Injectable()
export class MatchingDispatcher {
  private readonly logger = new Logger('MatchingWorker');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(MATCHING_QUEUE) private readonly queue: Queue,
    @InjectQueue(MATCHING_BACKGROUND_QUEUE) private readonly background: Queue,
    private readonly needChanged: NeedChangedJob,
    private readonly chainChanged: ChainChangedJob,
    private readonly productChanged: ProductChangedJob,
    private readonly productFirmViews: ProductFirmViewsJob,
    private readonly rematchAll: RematchAllJob,
    private readonly rematchNeeds: RematchNeedsJob,
  ) {}

  run(job: Job, token?: string): Promise<unknown> {
    switch (job.name as MatchingJobName) {
      case 'need.changed':
        return this.needChanged.run({ kind: 'ids', ids: [job.data.entityId] });
      case 'firm.changed':
        return this.needChanged.run({ kind: 'firms', firmIds: [job.data.entityId] });
      case 'chain.changed':
        return this.chainChanged.run(job);
      case 'product.changed':
        return this.productChanged.run(job);
      case 'rematch.all':
        return this.rematchAll.run(job, token);
      // Retired kinds an older worker may have queued before an upgrade: the officer's
      // view is now ranked in its parent, and a rematch's need shards write both views.
      case SHARD_JOBS.productShard:
      case SHARD_JOBS.rematchProducts:
        return Promise.resolve({ skipped: 'retired job kind' });
      case SHARD_JOBS.productFirmViews:
        return this.productFirmViews.run(job.data);
      case SHARD_JOBS.rematchNeeds:
        return runShard(job, this.queue, () => this.rematchNeeds.run(job.data));
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  }

  /**
   * After its last attempt a job is failed for good: say so in the log, and on the
   * tracking rows of the people following it, with the shard's own reason when a
   * failed shard took its parent down.
   */
  async failed(job: Job, error: Error): Promise<void> {
    if ((await job.getState()) !== 'failed') return; // retried later
    this.logger.error(`${job.name} ${job.id} failed for good: ${error.message}`);
    const trackingIds = (job.data as FanOutData).trackingIds ?? [];
    if (trackingIds.length === 0) return;
    await failTracking(
      this.db,
      trackingIds,
      job.failedReason ? await describeFailure(job, [this.background, this.queue]) : error.message,
    );
  }
}

/** Interactive jobs: a need, a firm, a product's officer's view, the rematch parent. */
@Processor(MATCHING_QUEUE, WORKER_OPTIONS)
export class MatchingProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    private readonly dispatcher: MatchingDispatcher,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  process(job: Job, token?: string): Promise<unknown> {
    return this.dispatcher.run(job, token);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job, error: Error): Promise<void> {
    return this.dispatcher.failed(job, error);
  }
}

/** Bulk jobs: firms' views after a product change, the shards of a full rematch. */
@Processor(MATCHING_BACKGROUND_QUEUE, WORKER_OPTIONS)
export class MatchingBackgroundProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    private readonly dispatcher: MatchingDispatcher,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.BACKGROUND_CONCURRENCY;
  }

  process(job: Job, token?: string): Promise<unknown> {
    return this.dispatcher.run(job, token);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job, error: Error): Promise<void> {
    return this.dispatcher.failed(job, error);
  }
}
