import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { MATCHING_TOPICS, type MatchingTopic } from '../../queue/queue.constants';

/** A re-ranking a user started (publishing a product, an admin's rematch) and may follow. */
@Entity('matching_jobs')
export class MatchingJob {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: MATCHING_TOPICS, enumName: 'matching_topic' })
  topic: MatchingTopic;

  @Column({ name: 'entity_id', type: 'uuid', nullable: true })
  entityId: string | null;

  @Column({ name: 'owner_org_id', type: 'uuid' })
  ownerOrgId: string;

  /** Set by the outbox relay once the job is in the queue. */
  @Column({ name: 'queue_job_id', type: 'varchar', length: 200, nullable: true })
  queueJobId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** Set when the job failed for good (after its retries), with the reason people see. */
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  failure: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
