import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { type Actor } from '../../common/auth/actor';
import { type JobState } from '../../common/domain-enums';
import { notFound } from '../../common/http/api-error';
import { withinDeadline } from '../../common/http/unavailable';
import { OutboxService } from '../../outbox/outbox.service';
import { MATCHING_BACKGROUND_QUEUE, MATCHING_QUEUE } from '../../queue/queue.constants';
import { describeFailure } from '../../queue/job-failure';
import { AuditService } from '../audit/audit.service';
import { MatchingJob } from './matching-job.entity';

export interface JobView {
  id: string;
  topic: string;
  state: JobState;
  progress: number;
  result: Record<string, unknown> | null;
  /** Why a failed job failed, in words an operator can act on. */
  failure: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** Each read of a job's live state from Redis; a healthy one answers in milliseconds. */
const QUEUE_READ_TIMEOUT_MS = 2_000;

/** The re-rankings users started and follow (a published product, an admin's rematch). */
@Injectable()
export class JobsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(MATCHING_QUEUE) private readonly queue: Queue,
    @InjectQueue(MATCHING_BACKGROUND_QUEUE) private readonly background: Queue,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** State and progress of a job the caller's organisation started (others: 404). */
  async job(actor: Actor, id: string): Promise<JobView> {
    const qb = this.db
      .getRepository(MatchingJob)
      .createQueryBuilder('j')
      .where('j.id = :id', { id });
    if (actor.role !== 'admin') qb.andWhere('j.owner_org_id = :org', { org: actor.orgId });
    const tracked = await qb.getOne();
    if (!tracked) throw notFound('job');
    let state: JobState = 'queued';
    let progress = 0;
    let failure = tracked.failure;
    let { result, finishedAt } = tracked;
    if (tracked.finishedAt) {
      state = 'completed';
      progress = 100;
    } else if (tracked.failedAt) {
      state = 'failed';
    } else if (tracked.queueJobId) {
      // BullMQ waits for Redis indefinitely; a follower's poll answers 503 instead.
      const job = await withinDeadline(
        this.queue.getJob(tracked.queueJobId),
        QUEUE_READ_TIMEOUT_MS,
        'the queue',
      );
      if (job) {
        state = (await withinDeadline(
          job.getState(),
          QUEUE_READ_TIMEOUT_MS,
          'the queue',
        )) as JobState;
        // The job may have finished between reading it and reading its state: the worker
        // records the result before BullMQ marks the job completed, so read it again.
        progress =
          state === 'completed' ? 100 : typeof job.progress === 'number' ? job.progress : 0;
        if (state === 'completed') {
          const done = await this.db.getRepository(MatchingJob).findOneBy({ id: tracked.id });
          result = done?.result ?? null;
          finishedAt = done?.finishedAt ?? null;
        }
        // The worker records the failure just after BullMQ marks it; say why meanwhile too.
        // The job read above may predate the failure (no reason on it yet), so read it again.
        if (state === 'failed' && !failure) {
          failure = await withinDeadline(
            this.queue
              .getJob(tracked.queueJobId)
              .then((failed) => describeFailure(failed ?? job, [this.background, this.queue])),
            QUEUE_READ_TIMEOUT_MS,
            'the queue',
          );
        }
      }
    }
    return {
      id: tracked.id,
      topic: tracked.topic,
      state,
      progress,
      result,
      failure,
      createdAt: tracked.createdAt,
      finishedAt,
    };
  }

  async rematchAll(actor: Actor): Promise<{ jobId: string }> {
    const jobId = await this.db.transaction(async (em) => {
      const id = (await this.outbox.record(em, 'rematch.all', null, actor.orgId)) as string;
      await this.audit.record(
        em,
        this.audit.auditActor(actor),
        'matching_job',
        id,
        'matching.rematch_all',
      );
      return id;
    });
    return { jobId };
  }
}
