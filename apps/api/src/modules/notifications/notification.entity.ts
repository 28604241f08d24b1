import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationKind } from '../../common/domain-enums';

/**
 * A notice to one user. Words are the web's: a notice carries its kind and the parameters
 * the sentence needs (product, firm, amount), so it reads in the user's language.
 */
@Entity('notifications')
@Index('notifications_user_idx', ['userId', 'createdAt', 'id'])
@Index('notifications_match_idx', ['matchId', 'dedupeKey'], { where: '"match_id" IS NOT NULL' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 40 })
  kind: NotificationKind;

  @Column({ name: 'match_id', type: 'uuid', nullable: true })
  matchId: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  params: Record<string, string | number | null>;

  /** Set for notices that must reach a user once however often they are raised. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200, nullable: true, select: false })
  dedupeKey: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
