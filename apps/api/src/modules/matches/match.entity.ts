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
import { type DeclineReason, MATCH_STATUSES, type MatchStatus } from '../../common/domain-enums';
import { FundingNeed } from '../needs/funding-need.entity';
import { LoanProduct } from '../products/loan-product.entity';

/** A need × product pair, ranked by the engine and worked through review by the bank. */
@Entity('matches')
@Index('matches_need_product_unique', ['needId', 'productId'], { unique: true })
@Index('matches_bank_worked_idx', ['bankId', 'status', 'appliedAt', 'id'], {
  where: `"status" <> 'suggested'`,
})
@Index('matches_firm_queue_idx', ['firmId'], {
  where: `"in_product_top" OR "status" <> 'suggested'`,
})
@Check('matches_score_range', '"score" IS NULL OR ("score" >= 0 AND "score" <= 100)')
@Check(
  'matches_amounts',
  `("approved_amount" IS NULL OR "approved_amount" >= 0) AND ("disbursed_amount" IS NULL OR "disbursed_amount" >= 0)`,
)
export class Match {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'need_id', type: 'uuid' })
  needId: string;

  @ManyToOne(() => FundingNeed, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'need_id' })
  need?: FundingNeed;

  @Column({ name: 'product_id', type: 'uuid' })
  productId: string;

  @ManyToOne(() => LoanProduct, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product?: LoanProduct;

  /**
   * Denormalised from need and product. Indexed by firm and by bank only for worked and
   * queue rows (migration 1763900000000): every match of a firm is reached through its needs.
   */
  @Column({ name: 'firm_id', type: 'uuid' })
  firmId: string;

  @Column({ name: 'bank_id', type: 'uuid' })
  bankId: string;

  @Column({ type: 'double precision', nullable: true })
  score: number | null;

  @Column({ name: 'engine_version', type: 'varchar', length: 20 })
  engineVersion: string;

  @Column({ type: 'enum', enum: MATCH_STATUSES, enumName: 'match_status', default: 'suggested' })
  status: MatchStatus;

  /** Set by a rematch when a worked match no longer passes the rules; it is kept, not deleted. */
  @Column({ type: 'boolean', default: false })
  ineligible: boolean;

  /** Kept by the firm's view: among the need's best K products. */
  @Column({ name: 'in_need_top', type: 'boolean', default: false })
  inNeedTop: boolean;

  /** Kept by the officer's view: among the product's best M needs. */
  @Column({ name: 'in_product_top', type: 'boolean', default: false })
  inProductTop: boolean;

  @Column({ name: 'approved_amount', type: 'bigint', nullable: true, transformer: bigintYuan })
  approvedAmount: number | null;

  @Column({ name: 'disbursed_amount', type: 'bigint', nullable: true, transformer: bigintYuan })
  disbursedAmount: number | null;

  @Column({ name: 'disbursed_at', type: 'timestamptz', nullable: true })
  disbursedAt: Date | null;

  @Column({ name: 'decline_reason', type: 'varchar', length: 50, nullable: true })
  declineReason: DeclineReason | null;

  @Column({ name: 'decline_note', type: 'varchar', length: 1000, nullable: true })
  declineNote: string | null;

  /**
   * Bumped by every move of the review pipeline (never by the matching worker), so two
   * officers acting on the same match cannot both win.
   */
  @Column({ type: 'integer', default: 1 })
  version: number;

  /** When the firm last applied; the response clock runs from here until the bank's first move. */
  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt: Date | null;

  @Column({ name: 'first_response_at', type: 'timestamptz', nullable: true })
  firstResponseAt: Date | null;

  /** 征信查询授权: the firm let the bank check its credit record when it applied. */
  @Column({ name: 'credit_check_consent_at', type: 'timestamptz', nullable: true })
  creditCheckConsentAt: Date | null;

  /** The declined match whose referral led the firm to apply here. */
  @Column({ name: 'referred_from_match_id', type: 'uuid', nullable: true })
  referredFromMatchId: string | null;

  /** Terms proposed above the bank's approval limit, waiting for a second officer. */
  @Column({ name: 'proposed_amount', type: 'bigint', nullable: true, transformer: bigintYuan })
  proposedAmount: number | null;

  @Column({ name: 'proposed_rate_bps', type: 'integer', nullable: true })
  proposedRateBps: number | null;

  @Column({ name: 'proposed_term_months', type: 'smallint', nullable: true })
  proposedTermMonths: number | null;

  @Column({ name: 'proposed_by', type: 'uuid', nullable: true })
  proposedBy: string | null;

  @Column({ name: 'approved_rate_bps', type: 'integer', nullable: true })
  approvedRateBps: number | null;

  @Column({ name: 'approved_term_months', type: 'smallint', nullable: true })
  approvedTermMonths: number | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
