import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type JobsOptions, Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { redisConnection } from '../queue/queue.module';
import {
  MATCHING_JOB_OPTIONS,
  MATCHING_QUEUE,
  type MatchingTopic,
  OUTBOX_CHANNEL,
} from '../queue/queue.constants';

interface OutboxRow {
  id: string;
  topic: MatchingTopic;
  entity_id: string | null;
  job_id: string | null;
}

const POLL_MS = 1_000;
const BATCH = 500;
const MAX_BACKOFF_MS = 10_000;
/** BullMQ waits for Redis indefinitely; the relay gives up, rolls back and retries later. */
const ENQUEUE_TIMEOUT_MS = 3_000;

/**
 * Drains the outbox into the queue. Rows are locked with SKIP LOCKED, so any number of
 * relays (API and worker processes) can run; a row is deleted only in the transaction
 * that enqueued it, so a Redis outage leaves it for the next attempt. Rows for the same
 * entity within one drain collapse into one job; BullMQ deduplication (keepLastIfActive)
 * collapses further while a job waits, without ever dropping a change made during a run.
 * A chain's job also waits a while before it runs, so changes in quick succession meet it.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private queue?: Queue;
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private draining = false;
  private again = false;
  private stopped = false;
  private failures = 0;
  private listenFailures = 0;
  private relistenTimer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.OUTBOX_RELAY) return;
    // Its own connection fails fast while Redis is away instead of queueing commands in memory.
    this.queue = new Queue(MATCHING_QUEUE, {
      connection: {
        ...redisConnection(this.config.REDIS_URL),
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
      },
      prefix: this.config.BULL_PREFIX,
      defaultJobOptions: MATCHING_JOB_OPTIONS,
    });
    this.queue.on('error', (e) => this.logger.warn(`queue connection: ${e.message}`));
    await this.listen();
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    clearTimeout(this.relistenTimer);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    while (this.draining) await new Promise((r) => setTimeout(r, 20));
    await this.queue?.close().catch(() => undefined);
  }

  /** Drains now, or right after the drain under way. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = true;
    void this.drainAll().finally(() => {
      this.draining = false;
    });
  }

  /**
   * Polling alone drains the outbox; notifications only cut the latency. A listener lost
   * with its connection (a database restart) is opened again with backoff, so the relay
   * is as quick after an outage as before it.
   */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      connectionTimeoutMillis: this.config.DATABASE_CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    client.on('notification', () => this.kick());
    // 'error' and 'end' both fire when the connection drops; only the first reopens it.
    const lost = (reason: string) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      void client.end().catch(() => undefined);
      this.logger.warn(`outbox listener lost (${reason})`);
      this.listenLater();
    };
    client.on('error', (e) => lost(e.message));
    client.on('end', () => lost('connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (e) {
      void client.end().catch(() => undefined);
      this.logger.warn(`outbox LISTEN unavailable: ${(e as Error).message}`);
      this.listenLater();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.listenFailures = 0;
    // Whatever was committed while nobody listened.
    this.kick();
  }

  private listenLater(): void {
    if (this.stopped) return;
    this.listenFailures++;
    const wait = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.listenFailures);
    clearTimeout(this.relistenTimer);
    this.relistenTimer = setTimeout(() => void this.listen(), wait);
  }

  private async drainAll(): Promise<void> {
    do {
      this.again = false;
      try {
        while (!this.stopped && (await this.drainOnce()) === BATCH);
        this.failures = 0;
      } catch (e) {
        this.failures++;
        const wait = Math.min(MAX_BACKOFF_MS, 200 * 2 ** this.failures);
        this.logger.warn(`outbox drain failed (${(e as Error).message}); retrying in ${wait} ms`);
        await new Promise((r) => setTimeout(r, wait));
        this.again = true;
      }
    } while (this.again && !this.stopped);
  }

  /** One batch in one transaction; returns how many rows it took. */
  async drainOnce(): Promise<number> {
    const queue = this.queue;
    if (!queue) return 0;
    return this.db.transaction(async (em) => {
      const rows: OutboxRow[] = await em.query(
        `SELECT id, topic, entity_id, job_id FROM outbox_events ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      const groups = new Map<string, OutboxRow[]>();
      for (const row of rows) {
        const key = `${row.topic}:${row.entity_id ?? '*'}`;
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
      const jobs: { name: MatchingTopic; data: Record<string, unknown>; opts: JobsOptions }[] = [];
      const tracked: { queueJobId: string; trackingIds: string[] }[] = [];
      for (const [key, group] of groups) {
        const { topic, entity_id: entityId } = group[group.length - 1];
        const trackingIds = group.map((r) => r.job_id).filter((id): id is string => id !== null);
        if (topic === 'need.changed' || topic === 'firm.changed') {
          jobs.push({
            name: topic,
            data: { entityId },
            opts: { deduplication: { id: key, keepLastIfActive: true } },
          });
        } else if (topic === 'chain.changed') {
          // Debounced: the job waits, and each later change of the chain pushes it back
          // (reschedule), so a burst of lead-bank changes is one re-match of the chain.
          jobs.push({
            name: topic,
            data: { entityId },
            opts: {
              delay: this.config.CHAIN_REMATCH_DELAY_MS,
              deduplication: { id: key, keepLastIfActive: true, reschedule: true },
            },
          });
        } else {
          // A fan-out job that users follow: its queue id is the newest tracking id.
          const jobId =
            trackingIds[trackingIds.length - 1] ?? `${topic}-${group[group.length - 1].id}`;
          jobs.push({ name: topic, data: { entityId, trackingIds }, opts: { jobId } });
          if (trackingIds.length) tracked.push({ queueJobId: jobId, trackingIds });
        }
      }
      // If the add completes after the timeout, the rows are relayed twice: harmless, every job is idempotent.
      await withTimeout(
        queue.addBulk(jobs),
        ENQUEUE_TIMEOUT_MS,
        'Redis did not accept the jobs in time',
      );
      for (const t of tracked) {
        await em.query('UPDATE matching_jobs SET queue_job_id = $1 WHERE id = ANY($2::uuid[])', [
          t.queueJobId,
          t.trackingIds,
        ]);
      }
      await em.query('DELETE FROM outbox_events WHERE id = ANY($1::bigint[])', [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
