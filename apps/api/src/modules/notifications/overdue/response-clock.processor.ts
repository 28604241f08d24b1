import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job, Queue } from 'bullmq';
import { AppConfig } from '../../../config/app-config';
import { OVERDUE_CHECK_JOB, RESPONSE_CLOCK_QUEUE } from '../../../queue/queue.constants';
import { OverdueApplications } from './overdue-applications.service';

/** One schedule however many workers run: each upserts the same id, BullMQ runs it once per interval. */
export const OVERDUE_SCHEDULER_ID = 'overdue-applications';

/** Runs the overdue check on a schedule; every worker process may take a run. */
@Processor(RESPONSE_CLOCK_QUEUE)
export class ResponseClockProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ResponseClockProcessor.name);

  constructor(
    @InjectQueue(RESPONSE_CLOCK_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
    private readonly overdue: OverdueApplications,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Not awaited: the worker starts while Redis comes up; BullMQ retries the call meanwhile.
    this.queue
      .upsertJobScheduler(
        OVERDUE_SCHEDULER_ID,
        { every: this.config.OVERDUE_CHECK_EVERY_MS },
        { name: OVERDUE_CHECK_JOB },
      )
      .catch((e: Error) => this.logger.error(`overdue schedule not set: ${e.message}`));
    // A schedule left by an earlier worker keeps its own clock, which may be minutes away; a
    // worker that starts (a deploy, a restart after a crash) checks at once. Notices are
    // de-duplicated, so an extra check tells nobody twice.
    this.queue
      .add(OVERDUE_CHECK_JOB, {}, { removeOnComplete: true, removeOnFail: 100 })
      .catch((e: Error) => this.logger.error(`overdue check not queued: ${e.message}`));
  }

  async process(job: Job): Promise<{ notified: number }> {
    if (job.name !== OVERDUE_CHECK_JOB) throw new Error(`unknown job ${job.name}`);
    return { notified: await this.overdue.notify(new Date()) };
  }
}
