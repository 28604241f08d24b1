import { ApiProperty } from '@nestjs/swagger';
import {
  DECLINE_REASONS,
  MATCH_EVENT_KINDS,
  MATCH_STATUSES,
  PRODUCT_KINDS,
  type DeclineReason,
  type MatchEventKind,
  type MatchStatus,
  type ProductKind,
} from '../../../common/domain-enums';

/** A match as the parties work it: who, what, where it stands, the terms, and what the caller may do next. */
export class MatchReviewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  needId: string;

  @ApiProperty({ format: 'uuid' })
  productId: string;

  @ApiProperty({ format: 'uuid' })
  firmId: string;

  @ApiProperty({ format: 'uuid' })
  bankId: string;

  @ApiProperty()
  productName: string;

  @ApiProperty()
  bankName: string;

  @ApiProperty()
  firmName: string;

  @ApiProperty({ type: 'integer', description: 'whole yuan the need asks for' })
  needAmount: number;

  @ApiProperty({ enum: MATCH_STATUSES })
  status: MatchStatus;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'Send it back with the next move; a move made on an older version is a 409.',
  })
  version: number;

  @ApiProperty({ type: Number, nullable: true })
  score: number | null;

  @ApiProperty({ description: 'The pair no longer passes the rules (kept, flagged).' })
  ineligible: boolean;

  @ApiProperty({ type: Date, nullable: true, description: 'When the firm last applied' })
  appliedAt: Date | null;

  @ApiProperty({
    type: Date,
    nullable: true,
    description: "The bank's first move after the application (stops the response clock)",
  })
  firstResponseAt: Date | null;

  @ApiProperty({
    type: Date,
    nullable: true,
    description: '征信查询授权 given with the application',
  })
  creditCheckConsentAt: Date | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'whole yuan (授信额度)' })
  approvedAmount: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  approvedRateBps: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  approvedTermMonths: number | null;

  @ApiProperty({ type: Date, nullable: true })
  approvedAt: Date | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'whole yuan drawn so far' })
  disbursedAmount: number | null;

  @ApiProperty({ type: Date, nullable: true, description: 'When the first drawdown was recorded' })
  disbursedAt: Date | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'whole yuan proposed above the approval limit, awaiting a second officer',
  })
  proposedAmount: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  proposedRateBps: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  proposedTermMonths: number | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'user id of the maker',
  })
  proposedBy: string | null;

  @ApiProperty({ enum: DECLINE_REASONS, nullable: true })
  declineReason: DeclineReason | null;

  @ApiProperty({ type: String, nullable: true })
  declineNote: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  referredFromMatchId: string | null;

  @ApiProperty({
    enum: MATCH_STATUSES,
    isArray: true,
    description:
      "Statuses the caller may move the match to now ('disbursed' from 'disbursed' is a further drawdown)",
  })
  allowedMoves: MatchStatus[];
}

/** One step of a match's history; money in whole yuan, the actor null when the platform acted. */
export class MatchEventDto {
  @ApiProperty({ description: 'Increasing with time' })
  id: string;

  @ApiProperty({ enum: MATCH_EVENT_KINDS })
  kind: MatchEventKind;

  @ApiProperty({ enum: MATCH_STATUSES, nullable: true, description: 'null: the match began here' })
  from: MatchStatus | null;

  @ApiProperty({ enum: MATCH_STATUSES })
  to: MatchStatus;

  @ApiProperty()
  at: Date;

  @ApiProperty({ type: String, nullable: true })
  actorName: string | null;

  @ApiProperty({ type: String, nullable: true })
  actorOrgName: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  amount: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  rateBps: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  termMonths: number | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: '放款日 of a drawdown',
  })
  occurredOn: string | null;

  @ApiProperty({ enum: DECLINE_REASONS, nullable: true })
  reasonCode: DeclineReason | null;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty()
  creditCheckConsent: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  referredFromMatchId: string | null;
}

/** A product at another bank the firm can apply to after a decline. */
export class ReferralDto {
  @ApiProperty({ format: 'uuid' })
  productId: string;

  @ApiProperty()
  productName: string;

  @ApiProperty()
  bankName: string;

  @ApiProperty({ enum: PRODUCT_KINDS })
  kind: ProductKind;

  @ApiProperty({ minimum: 0, maximum: 100 })
  score: number;

  @ApiProperty({ type: 'integer' })
  amountMax: number;

  @ApiProperty({ type: 'integer' })
  rateMinBps: number;

  @ApiProperty({ type: 'integer' })
  rateMaxBps: number;

  @ApiProperty({ type: 'integer' })
  termMin: number;

  @ApiProperty({ type: 'integer' })
  termMax: number;
}
