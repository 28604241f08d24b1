import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintYuan } from '../../common/db/bigint-yuan.transformer';
import { Firm } from './firm.entity';

const money = (name: string) => ({ name, type: 'bigint' as const, transformer: bigintYuan });

/** One firm's annual accounts (whole yuan). Ratios are derived on read, never stored. */
@Entity('financial_years')
@Check('financial_years_year_range', '"year" BETWEEN 1990 AND 2100')
@Check(
  'financial_years_non_negative',
  `"revenue" >= 0 AND "cost_of_sales" >= 0 AND "rd_expense" >= 0 AND "total_assets" >= 0
   AND "total_liabilities" >= 0 AND "tax_paid" >= 0 AND "accounts_receivable" >= 0 AND "inventory" >= 0
   AND "accounts_payable" >= 0 AND "prepayments" >= 0 AND "advances_received" >= 0
   AND "existing_working_capital_loans" >= 0 AND "employees" >= 0 AND "rd_staff" >= 0
   AND "invention_patents" >= 0 AND "rd_staff" <= "employees"`,
)
export class FinancialYear {
  @PrimaryColumn({ name: 'firm_id', type: 'uuid' })
  firmId: string;

  @PrimaryColumn({ type: 'smallint' })
  year: number;

  @ManyToOne(() => Firm, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'firm_id' })
  firm?: Firm;

  @Column(money('revenue'))
  revenue: number;

  @Column(money('cost_of_sales'))
  costOfSales: number;

  /** May be negative: a loss year. */
  @Column(money('net_profit'))
  netProfit: number;

  @Column(money('rd_expense'))
  rdExpense: number;

  @Column(money('total_assets'))
  totalAssets: number;

  @Column(money('total_liabilities'))
  totalLiabilities: number;

  @Column({ ...money('tax_paid'), default: 0 })
  taxPaid: number;

  @Column({ type: 'integer', default: 0 })
  employees: number;

  @Column({ name: 'rd_staff', type: 'integer', default: 0 })
  rdStaff: number;

  @Column({ name: 'invention_patents', type: 'integer', default: 0 })
  inventionPatents: number;

  @Column({ ...money('accounts_receivable'), default: 0 })
  accountsReceivable: number;

  @Column({ ...money('inventory'), default: 0 })
  inventory: number;

  @Column({ ...money('accounts_payable'), default: 0 })
  accountsPayable: number;

  @Column({ ...money('prepayments'), default: 0 })
  prepayments: number;

  @Column({ ...money('advances_received'), default: 0 })
  advancesReceived: number;

  /** 自有营运资金; may be negative. */
  @Column({ ...money('own_working_capital'), default: 0 })
  ownWorkingCapital: number;

  @Column({ ...money('existing_working_capital_loans'), default: 0 })
  existingWorkingCapitalLoans: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
