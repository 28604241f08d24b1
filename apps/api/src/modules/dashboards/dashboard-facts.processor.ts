import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, type Job, Queue } from 'bullmq';
import { Client } from 'pg';
import { AppConfig } from '../../config/app-config';
import {
  GOV_FACTS_CHANNEL,
  GOV_FACTS_QUEUE,
  GOV_FACTS_REFRESH_JOB,
  MATCHING_QUEUE,
} from '../../queue/queue.constants';
import {
  DashboardFactsService,
  FactsBuildStopped,
  type StopCheck,
} from './dashboard-facts.service';

/** One schedule however many workers run: each upserts the same id. */
export const GOV_FACTS_SCHEDULER_ID = 'gov-facts-refresh';
/** Changes while a build waits join it; one more build follows a change made during a build. */
const DEDUPLICATION_ID = 'gov-facts-changed';
/** How often a build looks whether a full rematch has started, and a held one whether it ended. */
const REMATCH_CHECK_MS = 2_000;

/** What a build job carries: since when it has been held back by full rematches. */
interface FactsJobData {
  heldSince?: number;
}

/**
 * Keeps the government dashboard's facts fresh: a build at least every
 * GOV_FACTS_REFRESH_EVERY_MS, and one GOV_FACTS_DEBOUNCE_MS after the summed tables notify a
 * change (their statement triggers), never sooner than GOV_FACTS_MIN_INTERVAL_MS after the
 * previous build.
 *
 * While a full rematch (`rematch.all`) runs, a build waits for it, and a build under way when
 * one starts stops and waits: its figures would count needs whose shard is not written yet
 * as unmatched, and at a million needs judging those blockers takes the CPU the rematch is
 * writing with. The wait is bounded by GOV_FACTS_REMATCH_HOLD_MS.
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
    @InjectQueue(MATCHING_QUEUE) private readonly matching: Queue,
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
    const data = job.data as FactsJobData;
    const heldSince = data.heldSince ?? Date.now();
    const hold = token && Date.now() - heldSince < this.config.GOV_FACTS_REMATCH_HOLD_MS;
    try {
      const stop = hold ? this.rematchCheck() : undefined;
      if (stop && (await stop())) throw new FactsBuildStopped();
      const result = await this.facts.refresh(new Date(), { stop });
      return { refreshed: result.refreshed, durationMs: result.durationMs };
    } catch (e) {
      if (!(e instanceof FactsBuildStopped) || !token) throw e;
      await job.updateData({ ...data, heldSince } satisfies FactsJobData);
      await job.moveToDelayed(Date.now() + REMATCH_CHECK_MS, token);
      throw new DelayedError();
    }
  }

  /** Whether a full rematch runs, asked of the queue at most every REMATCH_CHECK_MS. */
  private rematchCheck(): StopCheck {
    let checkedAt = -Infinity;
    return async () => {
      if (Date.now() - checkedAt < REMATCH_CHECK_MS) return false;
      checkedAt = Date.now();
      const jobs = await this.matching.getJobs(['active', 'waiting-children']);
      return jobs.some((j) => j?.name === 'rematch.all');
    };
  }
}
