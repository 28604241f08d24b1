import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, type Job, Queue } from 'bullmq';
import { Client } from 'pg';
import { AppConfig } from '../../config/app-config';
import {
  GOV_FACTS_CHANNEL,
  GOV_FACTS_QUEUE,
  GOV_FACTS_REFRESH_JOB,
} from '../../queue/queue.constants';
import { DashboardFactsService } from './dashboard-facts.service';

/** One schedule however many workers run: each upserts the same id. */
export const GOV_FACTS_SCHEDULER_ID = 'gov-facts-refresh';
/** Changes while a build waits join it; one more build follows a change made during a build. */
const DEDUPLICATION_ID = 'gov-facts-changed';

/**
 * Keeps the government dashboard's facts fresh: a build at least every
 * GOV_FACTS_REFRESH_EVERY_MS, and one GOV_FACTS_DEBOUNCE_MS after the summed tables notify a
 * change (their statement triggers), never sooner than GOV_FACTS_MIN_INTERVAL_MS after the
 * previous build.
 */
@Processor(GOV_FACTS_QUEUE)
export class DashboardFactsProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(DashboardFactsProcessor.name);
  private listener?: Client;
  private stopped = false;

  constructor(
    @InjectQueue(GOV_FACTS_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
    private readonly facts: DashboardFactsService,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.queue
      .upsertJobScheduler(
        GOV_FACTS_SCHEDULER_ID,
        { every: this.config.GOV_FACTS_REFRESH_EVERY_MS },
        { name: GOV_FACTS_REFRESH_JOB },
      )
      .catch((e: Error) => this.logger.error(`gov facts schedule not set: ${e.message}`));
    // A starting worker builds at once: the schedule's next run may be half an hour away.
    this.changed(0);
    void this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.listener?.end().catch(() => undefined);
  }

  private changed(delay = this.config.GOV_FACTS_DEBOUNCE_MS): void {
    this.queue
      .add(
        GOV_FACTS_REFRESH_JOB,
        {},
        { delay, deduplication: { id: DEDUPLICATION_ID, keepLastIfActive: true } },
      )
      .catch((e: Error) => this.logger.warn(`gov facts build not queued: ${e.message}`));
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    try {
      const client = new Client({ connectionString: this.config.DATABASE_URL });
      client.on('notification', () => this.changed());
      client.on('error', (e) => {
        this.logger.warn(`gov facts listener: ${e.message}`);
        // Reconnect: without it, changes wait for the schedule.
        setTimeout(() => void this.listen(), 5_000);
      });
      await client.connect();
      await client.query(`LISTEN ${GOV_FACTS_CHANNEL}`);
      this.listener = client;
    } catch (e) {
      this.logger.warn(
        `gov facts LISTEN unavailable: ${(e as Error).message}; builds follow the schedule`,
      );
      setTimeout(() => void this.listen(), 30_000);
    }
  }

  async process(job: Job, token?: string): Promise<{ refreshed: boolean; durationMs: number }> {
    if (job.name !== GOV_FACTS_REFRESH_JOB) throw new Error(`unknown job ${job.name}`);
    const { refreshedAt } = await this.facts.state();
    const since = refreshedAt ? Date.now() - refreshedAt.getTime() : Infinity;
    if (since < this.config.GOV_FACTS_MIN_INTERVAL_MS && token) {
      // Too soon after the last build: wait out the interval, then build what changed since.
      await job.moveToDelayed(Date.now() + this.config.GOV_FACTS_MIN_INTERVAL_MS - since, token);
      throw new DelayedError();
    }
    const result = await this.facts.refresh();
    return { refreshed: result.refreshed, durationMs: result.durationMs };
  }
}
