import { ApiProperty } from '@nestjs/swagger';
import {
  DECLINE_REASONS,
  MATCH_STATUSES,
  PRODUCT_KINDS,
  PURPOSES,
  type DeclineReason,
  type MatchStatus,
  type ProductKind,
  type Purpose,
} from '../../../common/domain-enums';
import { type FirmApplicationView } from '../firm-applications.service';

export class ApplicationNeedDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: 'integer', description: 'Whole yuan.' })
  amount: number;

  @ApiProperty({ enum: PURPOSES })
  purpose: Purpose;
}

export class ApplicationProductDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: PRODUCT_KINDS })
  kind: ProductKind;
}

/** One of the firm's applications, or a match a bank picked up for it, with where it stands. */
export class FirmApplicationDto implements FirmApplicationView {
  @ApiProperty({ format: 'uuid', description: 'The match id (for its events and moves).' })
  id: string;

  @ApiProperty({ enum: MATCH_STATUSES })
  status: MatchStatus;

  @ApiProperty({ type: 'integer', description: 'Send it back with a move (optimistic locking).' })
  version: number;

  @ApiProperty({ description: 'The need no longer passes the product rules (kept, not deleted).' })
  ineligible: boolean;

  @ApiProperty({ type: ApplicationNeedDto })
  need: ApplicationNeedDto;

  @ApiProperty({ type: ApplicationProductDto })
  product: ApplicationProductDto;

  @ApiProperty()
  bankName: string;

  @ApiProperty({ type: Date, nullable: true, description: 'When the firm last applied.' })
  appliedAt: Date | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Credit granted (授信), whole yuan.',
  })
  approvedAmount: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Basis points.' })
  approvedRateBps: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  approvedTermMonths: number | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Paid out so far (放款), whole yuan.',
  })
  disbursedAmount: number | null;

  @ApiProperty({ type: Date, nullable: true })
  disbursedAt: Date | null;

  @ApiProperty({ enum: DECLINE_REASONS, nullable: true })
  declineReason: DeclineReason | null;

  @ApiProperty({ type: String, nullable: true })
  declineNote: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The declined match whose referral led here.',
  })
  referredFromMatchId: string | null;

  @ApiProperty({
    enum: MATCH_STATUSES,
    isArray: true,
    description: "The statuses the firm may move it to ('withdrawn', 'applied' to apply again).",
  })
  allowedMoves: MatchStatus[];

  @ApiProperty({ type: Date, nullable: true, description: 'When the last review event happened.' })
  latestEventAt: Date | null;
}

export class FirmApplicationListDto {
  @ApiProperty({ type: [FirmApplicationDto], description: 'Newest activity first.' })
  items: FirmApplicationDto[];
}
