import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type MatchingTopic, OUTBOX_CHANNEL } from '../queue/queue.constants';

/** Topics that change what the needs' side of matching reads (workers' need caches go stale). */
const NEED_SIDE: ReadonlySet<MatchingTopic> = new Set(['need.changed', 'firm.changed']);

/** Whatever runs SQL inside the caller's transaction: a TypeORM EntityManager or a pg client. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * The transactional outbox: a change and its "rematch this" note commit or roll back
 * together, so a change made while Redis is down is still matched once Redis is back.
 */
@Injectable()
export class OutboxService {
  /**
   * Notes a change inside the caller's transaction. With an owner, the resulting job is
   * tracked for that organisation and its id is returned so the client can follow it.
   */
  async record(
    em: SqlRunner,
    topic: MatchingTopic,
    entityId: string | null,
    ownerOrgId?: string,
  ): Promise<string | null> {
    const jobId = ownerOrgId ? randomUUID() : null;
    if (jobId) {
      await em.query(
        'INSERT INTO matching_jobs (id, topic, entity_id, owner_org_id) VALUES ($1, $2, $3, $4)',
        [jobId, topic, entityId, ownerOrgId],
      );
    }
    await em.query('INSERT INTO outbox_events (topic, entity_id, job_id) VALUES ($1, $2, $3)', [
      topic,
      entityId,
      jobId,
    ]);
    if (NEED_SIDE.has(topic)) await em.query(`SELECT nextval('matching_data_seq')`);
    // Delivered only if the transaction commits.
    await em.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, topic]);
    return jobId;
  }
}
