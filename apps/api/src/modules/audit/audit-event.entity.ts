import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who did what to which entity, from which state to which, from which request. The table
 * is append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (migration AuditTrail).
 */
@Entity('audit_events')
@Index('audit_events_entity_idx', ['entityType', 'entityId', 'at'])
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_org_id', type: 'uuid', nullable: true })
  actorOrgId: string | null;

  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  entityType: string;

  /** Null when the event concerns nothing stored (a failed login for an unknown email). */
  @Column({ name: 'entity_id', type: 'uuid', nullable: true })
  entityId: string | null;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ name: 'from_status', type: 'varchar', length: 30, nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 30, nullable: true })
  toStatus: string | null;

  @Column({ type: 'jsonb', nullable: true })
  data: Record<string, unknown> | null;

  /** The X-Request-Id of the request (also in the API's log lines); null for background work. */
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  /** The client's address as the API sees it (behind the bundled nginx, the real one). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  /** The firm the event concerns, stamped by the database on insert (audit_subject_firm). */
  @Column({ name: 'subject_firm_id', type: 'uuid', nullable: true, insert: false })
  subjectFirmId: string | null;

  /**
   * The region of the firm, chain or roadshow the event concerns, stamped by the database
   * on insert (audit_subject_region): what an agency may read.
   */
  @Column({ name: 'region_code', type: 'char', length: 6, nullable: true, insert: false })
  regionCode: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
