import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintYuan } from '../../common/db/bigint-yuan.transformer';
import { ORG_KINDS, type OrgKind } from '../../common/domain-enums';

/** A firm, a bank, a government agency or the platform operator itself. */
@Entity('organizations')
@Check('organizations_region_code_format', `"region_code" ~ '^[0-9]{6}$'`)
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: ORG_KINDS, enumName: 'org_kind' })
  kind: OrgKind;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** GB/T 2260 six-digit code; for an agency it is its jurisdiction. */
  @Column({ name: 'region_code', type: 'char', length: 6 })
  regionCode: string;

  /** 统一社会信用代码; required for firms, optional for others. */
  @Index('organizations_uscc_unique', { unique: true, where: 'uscc IS NOT NULL' })
  @Column({ type: 'char', length: 18, nullable: true })
  uscc: string | null;

  /** A bank's four-eyes threshold: an approval strictly above it needs a second officer. */
  @Column({ name: 'approval_limit', type: 'bigint', nullable: true, transformer: bigintYuan })
  approvalLimit: number | null;

  /** Working days a bank has to answer an application before it counts as overdue. */
  @Column({ name: 'response_days', type: 'smallint', default: 5 })
  responseDays: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
