import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CHAIN_ROLES, TIERS, type ChainRole, type Tier } from '../../common/domain-enums';
import { User } from '../auth/user.entity';
import { Chain } from '../chains/chain.entity';
import { Firm } from '../firms/firm.entity';
import {
  FIRM_CLAIM_KINDS,
  FIRM_CLAIM_STATUSES,
  type FirmClaimKind,
  type FirmClaimStatus,
} from './claim-kinds';

/**
 * A firm's claim to one eligibility fact; only the columns of its kind are set. The firm's
 * fact changes when an agency confirms the claim, never when it is filed.
 */
@Entity('firm_claims')
@Index('firm_claims_firm_idx', ['firmId', 'createdAt'])
export class FirmClaim {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'firm_id', type: 'uuid' })
  firmId: string;

  @ManyToOne(() => Firm, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'firm_id' })
  firm?: Firm;

  @Column({ type: 'enum', enum: FIRM_CLAIM_KINDS, enumName: 'firm_claim_kind' })
  kind: FirmClaimKind;

  @Column({ type: 'enum', enum: TIERS, enumName: 'firm_tier', nullable: true })
  tier: Tier | null;

  @Column({ name: 'tier_year', type: 'smallint', nullable: true })
  tierYear: number | null;

  /** The certificate (认定文件) number the agency checks the tier against. */
  @Column({ name: 'certificate_no', type: 'varchar', length: 64, nullable: true })
  certificateNo: string | null;

  @Column({ name: 'chain_id', type: 'uuid', nullable: true })
  chainId: string | null;

  @ManyToOne(() => Chain, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'chain_id' })
  chain?: Chain | null;

  @Column({ name: 'chain_role', type: 'enum', enum: CHAIN_ROLES, enumName: 'chain_role', nullable: true })
  chainRole: ChainRole | null;

  @Column({ name: 'region_code', type: 'char', length: 6, nullable: true })
  regionCode: string | null;

  @Column({ name: 'industry_code', type: 'varchar', length: 5, nullable: true })
  industryCode: string | null;

  @Column({ name: 'years_in_niche', type: 'smallint', nullable: true })
  yearsInNiche: number | null;

  @Column({ type: 'enum', enum: FIRM_CLAIM_STATUSES, enumName: 'firm_claim_status', default: 'pending' })
  status: FirmClaimStatus;

  /** Why the agency rejected the claim. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'decided_by' })
  decider?: User | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
