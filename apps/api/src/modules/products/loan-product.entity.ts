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
  PRODUCT_KINDS,
  PRODUCT_STATUSES,
  PURPOSES,
  TIERS,
  type Collateral,
  type ProductKind,
  type ProductStatus,
  type Purpose,
  type Tier,
} from '../../common/domain-enums';
import { Organization } from '../organizations/organization.entity';

/**
 * A bank's loan product and its eligibility. Ratio thresholds are stored in basis points
 * of the ratio (500 = 5.00%) so that no float is ever persisted.
 */
@Entity('loan_products')
@Index('loan_products_bank_idx', ['bankId', 'createdAt'])
@Check('loan_products_amount_range', '"amount_min" >= 0 AND "amount_min" <= "amount_max"')
@Check(
  'loan_products_term_range',
  '"term_min" >= 1 AND "term_min" <= "term_max" AND "term_max" <= 360',
)
@Check(
  'loan_products_rate_range',
  '"rate_min_bps" >= 0 AND "rate_min_bps" <= "rate_max_bps" AND "rate_max_bps" <= 10000',
)
@Check(
  'loan_products_thresholds',
  `("min_revenue" IS NULL OR "min_revenue" >= 0)
   AND ("min_rd_intensity_bps" IS NULL OR "min_rd_intensity_bps" BETWEEN 0 AND 10000)
   AND ("max_debt_ratio_bps" IS NULL OR "max_debt_ratio_bps" >= 0)
   AND ("min_invention_patents" IS NULL OR "min_invention_patents" >= 0)
   AND ("min_years_in_niche" IS NULL OR "min_years_in_niche" >= 0)
   AND ("credit_quota" IS NULL OR "credit_quota" >= 0)`,
)
export class LoanProduct {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'bank_id', type: 'uuid' })
  bankId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bank_id' })
  bank?: Organization;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description: string | null;

  @Column({ type: 'enum', enum: PRODUCT_KINDS, enumName: 'product_kind' })
  kind: ProductKind;

  @Column({ type: 'enum', enum: PRODUCT_STATUSES, enumName: 'product_status', default: 'active' })
  status: ProductStatus;

  @Column({ name: 'amount_min', type: 'bigint', transformer: bigintYuan })
  amountMin: number;

  @Column({ name: 'amount_max', type: 'bigint', transformer: bigintYuan })
  amountMax: number;

  @Column({ name: 'term_min', type: 'smallint' })
  termMin: number;

  @Column({ name: 'term_max', type: 'smallint' })
  termMax: number;

  @Column({ name: 'rate_min_bps', type: 'integer' })
  rateMinBps: number;

  @Column({ name: 'rate_max_bps', type: 'integer' })
  rateMaxBps: number;

  @Column({ name: 'min_tier', type: 'enum', enum: TIERS, enumName: 'firm_tier', default: 'none' })
  minTier: Tier;

  /** GB/T 2260 prefixes; empty = everywhere. */
  @Column({ type: 'varchar', length: 6, array: true, default: () => `'{}'` })
  regions: string[];

  /** GB/T 4754 prefixes; with `chainIds`, empty = any sector. */
  @Column({ type: 'varchar', length: 5, array: true, default: () => `'{}'` })
  sectors: string[];

  @Column({ name: 'chain_ids', type: 'uuid', array: true, default: () => `'{}'` })
  chainIds: string[];

  @Column({ name: 'min_revenue', type: 'bigint', nullable: true, transformer: bigintYuan })
  minRevenue: number | null;

  @Column({ name: 'min_rd_intensity_bps', type: 'integer', nullable: true })
  minRdIntensityBps: number | null;

  @Column({ name: 'max_debt_ratio_bps', type: 'integer', nullable: true })
  maxDebtRatioBps: number | null;

  @Column({ name: 'min_invention_patents', type: 'integer', nullable: true })
  minInventionPatents: number | null;

  @Column({ name: 'min_years_in_niche', type: 'smallint', nullable: true })
  minYearsInNiche: number | null;

  @Column({ name: 'requires_whitelist', type: 'boolean', default: false })
  requiresWhitelist: boolean;

  /** Empty = any collateral, including none. */
  @Column({
    name: 'collateral_accepted',
    type: 'enum',
    enum: COLLATERALS,
    enumName: 'collateral',
    array: true,
    default: () => `'{}'`,
  })
  collateralAccepted: Collateral[];

  /** For supply-chain products: the core enterprises whose confirmed suppliers qualify. */
  @Column({ name: 'core_enterprise_ids', type: 'uuid', array: true, default: () => `'{}'` })
  coreEnterpriseIds: string[];

  @Column({
    type: 'enum',
    enum: PURPOSES,
    enumName: 'need_purpose',
    array: true,
    default: () => `'{}'`,
  })
  purposes: Purpose[];

  /** Optional total credit the bank earmarks for the product (whole yuan). */
  @Column({ name: 'credit_quota', type: 'bigint', nullable: true, transformer: bigintYuan })
  creditQuota: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
