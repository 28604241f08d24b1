import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { bigintYuan } from '../../common/db/bigint-yuan.transformer';
import { MATCH_STATUSES, type MatchEventKind, type MatchStatus } from '../../common/domain-enums';
import { Match } from './match.entity';

/**
 * One step of a match's review: who moved it from which status to which, when, with what
 * terms or reason. Written in the same transaction as the move itself; never updated.
 */
@Entity('match_events')
@Index('match_events_match_idx', ['matchId', 'at', 'id'])
@Index('match_events_at_idx', ['at'])
export class MatchEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'match_id', type: 'uuid' })
  matchId: string;

  @ManyToOne(() => Match, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'match_id' })
  match?: Match;

  @Column({ type: 'varchar', length: 30 })
  kind: MatchEventKind;

  /** Null when the platform itself moved the match (a need fulfilled elsewhere closes it). */
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_org_id', type: 'uuid', nullable: true })
  actorOrgId: string | null;

  @Column({
    name: 'from_status',
    type: 'enum',
    enum: MATCH_STATUSES,
    enumName: 'match_status',
    nullable: true,
  })
  fromStatus: MatchStatus | null;

  @Column({ name: 'to_status', type: 'enum', enum: MATCH_STATUSES, enumName: 'match_status' })
  toStatus: MatchStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'bigint', nullable: true, transformer: bigintYuan })
  amount: number | null;

  @Column({ name: 'rate_bps', type: 'integer', nullable: true })
  rateBps: number | null;

  @Column({ name: 'term_months', type: 'smallint', nullable: true })
  termMonths: number | null;

  /** The drawdown's value date (放款日), which may precede the day it is recorded. */
  @Column({ name: 'occurred_on', type: 'date', nullable: true })
  occurredOn: string | null;

  @Column({ name: 'reason_code', type: 'varchar', length: 40, nullable: true })
  reasonCode: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ name: 'credit_check_consent', type: 'boolean', default: false })
  creditCheckConsent: boolean;

  @Column({ name: 'referred_from_match_id', type: 'uuid', nullable: true })
  referredFromMatchId: string | null;
}
