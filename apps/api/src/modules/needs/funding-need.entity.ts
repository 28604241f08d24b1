import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintYuan } from '../../common/db/bigint-yuan.transformer';
import {
  COLLATERALS,
  NEED_STATUSES,
  PURPOSES,
  type Collateral,
  type NeedStatus,
  type Purpose,
} from '../../common/domain-enums';
import { Firm } from '../firms/firm.entity';

/** 融资需求: what a firm asks for. */
@Entity('funding_needs')
@Index('funding_needs_firm_idx', ['firmId', 'createdAt'])
@Index('funding_needs_open_idx', ['status'], { where: `status = 'open'` })
@Check('funding_needs_amount_positive', '"amount" > 0')
@Check('funding_needs_term_range', '"term_months" BETWEEN 1 AND 360')
@Check('funding_needs_rate_range', '"max_rate_bps" BETWEEN 0 AND 10000')
export class FundingNeed {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'firm_id', type: 'uuid' })
  firmId: string;

  @ManyToOne(() => Firm, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'firm_id' })
  firm?: Firm;

  @Column({ type: 'bigint', transformer: bigintYuan })
  amount: number;

  @Column({ name: 'term_months', type: 'smallint' })
  termMonths: number;

  @Column({ type: 'enum', enum: PURPOSES, enumName: 'need_purpose' })
  purpose: Purpose;

  @Column({ name: 'max_rate_bps', type: 'integer' })
  maxRateBps: number;

  @Column({ type: 'enum', enum: COLLATERALS, enumName: 'collateral' })
  collateral: Collateral;

  @Column({ type: 'enum', enum: NEED_STATUSES, enumName: 'need_status', default: 'open' })
  status: NeedStatus;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
