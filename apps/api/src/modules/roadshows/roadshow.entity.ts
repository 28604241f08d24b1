import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { bigintYuan } from '../../common/db/bigint-yuan.transformer';

/** 一月一链 路演: an agency presents one chain's firms to banks in one month. */
@Entity('roadshows')
@Index('roadshows_chain_month_unique', ['chainId', 'month'], { unique: true })
@Index('roadshows_region_idx', ['regionCode', 'month'])
export class Roadshow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'chain_id', type: 'uuid' })
  chainId: string;

  /** First day of the month (YYYY-MM-01). */
  @Column({ type: 'date' })
  month: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  venue: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  /** The organising agency's jurisdiction: agencies covering it see the roadshow. */
  @Column({ name: 'region_code', type: 'char', length: 6 })
  regionCode: string;

  @Column({ name: 'organizer_id', type: 'uuid' })
  organizerId: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A firm or bank invited to a roadshow, with why, as it stood when the roadshow was created. */
@Entity('roadshow_invitations')
@Index('roadshow_invitations_org_idx', ['orgId'])
export class RoadshowInvitation {
  @PrimaryColumn({ name: 'roadshow_id', type: 'uuid' })
  roadshowId: string;

  @PrimaryColumn({ name: 'org_id', type: 'uuid' })
  orgId: string;

  @Column({ type: 'varchar', length: 10 })
  kind: 'firm' | 'bank';

  /** A bank invited as the chain's lead bank (一链一行). */
  @Column({ name: 'lead_bank', type: 'boolean', default: false })
  leadBank: boolean;

  /** A bank: how many invited firms its products were matched to. */
  @Column({ name: 'matched_firms', type: 'integer', default: 0 })
  matchedFirms: number;

  /** A firm: its open funding needs. */
  @Column({ name: 'open_needs', type: 'integer', default: 0 })
  openNeeds: number;

  @Column({ name: 'open_need_amount', type: 'bigint', default: 0, transformer: bigintYuan })
  openNeedAmount: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** 意向融资额: what a bank intends to lend an invited firm, in whole yuan. */
@Entity('roadshow_intents')
@Index('roadshow_intents_bank_idx', ['bankId'])
export class RoadshowIntent {
  @PrimaryColumn({ name: 'roadshow_id', type: 'uuid' })
  roadshowId: string;

  @PrimaryColumn({ name: 'firm_id', type: 'uuid' })
  firmId: string;

  @PrimaryColumn({ name: 'bank_id', type: 'uuid' })
  bankId: string;

  @Column({ type: 'bigint', transformer: bigintYuan })
  amount: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
