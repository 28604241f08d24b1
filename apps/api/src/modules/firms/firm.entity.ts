import {
  Check,
  Column,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { CHAIN_ROLES, TIERS, type ChainRole, type Tier } from '../../common/domain-enums';
import { Organization } from '../organizations/organization.entity';

/** The profile of an organisation of kind `firm`; shares its primary key. */
@Entity('firms')
@Check('firms_years_in_niche_range', '"years_in_niche" BETWEEN 0 AND 200')
@Check('firms_industry_code_format', `"industry_code" ~ '^[A-T][0-9]{2,4}$'`)
export class Firm {
  @PrimaryColumn('uuid')
  id: string;

  @OneToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'id' })
  organization?: Organization;

  /** GB/T 4754-2017, e.g. C3484. */
  @Column({ name: 'industry_code', type: 'varchar', length: 5 })
  industryCode: string;

  @Column({ type: 'enum', enum: TIERS, enumName: 'firm_tier', default: 'none' })
  tier: Tier;

  @Column({ name: 'tier_year', type: 'smallint', nullable: true })
  tierYear: number | null;

  @Column({ name: 'years_in_niche', type: 'smallint', default: 0 })
  yearsInNiche: number;

  @Column({
    name: 'chain_role',
    type: 'enum',
    enum: CHAIN_ROLES,
    enumName: 'chain_role',
    nullable: true,
  })
  chainRole: ChainRole | null;

  /** 白名单: set by a government agency only. */
  @Column({ type: 'boolean', default: false })
  whitelisted: boolean;

  @Column({ name: 'whitelist_reason', type: 'varchar', length: 500, nullable: true })
  whitelistReason: string | null;

  @Column({ name: 'whitelisted_by', type: 'uuid', nullable: true })
  whitelistedBy: string | null;

  /** The agency officer who put the firm on the list. */
  @Column({ name: 'whitelisted_by_user', type: 'uuid', nullable: true })
  whitelistedByUser: string | null;

  @Column({ name: 'whitelisted_at', type: 'timestamptz', nullable: true })
  whitelistedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
