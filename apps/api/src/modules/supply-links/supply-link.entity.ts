import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { bigintYuan } from '../../common/db/bigint-yuan.transformer';
import { SUPPLY_LINK_STATUSES, type SupplyLinkStatus } from '../../common/domain-enums';
import { Firm } from '../firms/firm.entity';

/** A supplier's claim to sell to a core enterprise (链主); counts once the core firm confirms. */
@Entity('supply_links')
@Index('supply_links_pair_unique', ['supplierId', 'coreFirmId'], { unique: true })
@Check('supply_links_not_self', '"supplier_id" <> "core_firm_id"')
@Check('supply_links_sales_non_negative', '"annual_sales" >= 0')
@Check(
  'supply_links_rejection_complete',
  `(("status" = 'rejected') = ("rejection_reason" IS NOT NULL)) AND (("status" = 'rejected') = ("rejected_at" IS NOT NULL))`,
)
export class SupplyLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId: string;

  @ManyToOne(() => Firm, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'supplier_id' })
  supplier?: Firm;

  @Index('supply_links_core_idx')
  @Column({ name: 'core_firm_id', type: 'uuid' })
  coreFirmId: string;

  @ManyToOne(() => Firm, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'core_firm_id' })
  coreFirm?: Firm;

  /** Annual sales to the core enterprise, whole yuan. */
  @Column({ name: 'annual_sales', type: 'bigint', transformer: bigintYuan })
  annualSales: number;

  @Column({
    type: 'enum',
    enum: SUPPLY_LINK_STATUSES,
    enumName: 'supply_link_status',
    default: 'pending',
  })
  status: SupplyLinkStatus;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** Why the core enterprise turned the claim down; set exactly when rejected. */
  @Column({ name: 'rejection_reason', type: 'varchar', length: 500, nullable: true })
  rejectionReason: string | null;

  @Column({ name: 'rejected_at', type: 'timestamptz', nullable: true })
  rejectedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
