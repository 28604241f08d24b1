import {
  Column,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Firm } from '../firms/firm.entity';
import { Organization } from '../organizations/organization.entity';

/** 产业链: a regional industrial chain with its lead bank (一链一行) and core enterprises. */
@Entity('chains')
@Index('chains_region_name_unique', ['regionCode', 'name'], { unique: true })
export class Chain {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'region_code', type: 'char', length: 6 })
  regionCode: string;

  @Column({ name: 'lead_bank_id', type: 'uuid', nullable: true })
  leadBankId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'lead_bank_id' })
  leadBank?: Organization | null;

  @ManyToMany(() => Firm)
  @JoinTable({
    name: 'chain_core_enterprises',
    joinColumn: { name: 'chain_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'firm_id', referencedColumnName: 'id' },
  })
  coreEnterprises?: Firm[];

  /** Member firms of the chain (any role). */
  @ManyToMany(() => Firm)
  @JoinTable({
    name: 'chain_members',
    joinColumn: { name: 'chain_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'firm_id', referencedColumnName: 'id' },
  })
  members?: Firm[];
}
