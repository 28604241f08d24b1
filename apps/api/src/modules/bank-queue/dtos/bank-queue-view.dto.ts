import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COLLATERALS,
  MATCH_STATUSES,
  PURPOSES,
  TIERS,
  type Collateral,
  type MatchStatus,
  type Purpose,
  type Tier,
} from '../../../common/domain-enums';
import { IdNameDto } from '../../../common/http/api-doc';
import {
  type QueueCounts,
  type QueueFirm,
  type QueueItem,
  type QueueNeed,
  type QueuePage,
} from '../bank-queue.service';

const yuan = (description = 'Whole yuan.') =>
  ApiProperty({ type: 'integer', nullable: true, description });

export class QueueFirmDto implements QueueFirm {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: String, nullable: true, example: '91430100MA4PBJ009A' })
  uscc: string | null;

  @ApiProperty({ enum: TIERS })
  tier: Tier;

  @ApiProperty({ example: '430104' })
  regionCode: string;

  @ApiProperty()
  whitelisted: boolean;

  @ApiProperty({ type: [IdNameDto], description: 'The chains the firm is a confirmed member of' })
  chains: IdNameDto[];
}

export class QueueNeedDto implements QueueNeed {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: 'integer', description: 'Whole yuan.' })
  amount: number;

  @ApiProperty({ type: 'integer' })
  termMonths: number;

  @ApiProperty({ enum: PURPOSES })
  purpose: Purpose;

  @ApiProperty({ enum: COLLATERALS })
  collateral: Collateral;
}

/** One row of the officer's queue. */
export class QueueItemDto implements QueueItem {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: 'integer', description: 'Send it back with a transition (optimistic lock)' })
  version: number;

  @ApiProperty({ enum: MATCH_STATUSES })
  status: MatchStatus;

  @ApiProperty({ type: 'number', nullable: true })
  score: number | null;

  @ApiProperty({ description: 'A worked match that no longer passes the rules' })
  ineligible: boolean;

  @ApiProperty({ type: IdNameDto })
  product: IdNameDto;

  @ApiProperty({ type: QueueFirmDto })
  firm: QueueFirmDto;

  @ApiProperty({ type: QueueNeedDto })
  need: QueueNeedDto;

  @ApiPropertyOptional({
    type: 'integer',
    description:
      "新增流动资金贷款额度 from the firm's latest year (last year's growth, no other funding); absent without financials",
  })
  suggestedLine?: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  appliedAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  firstResponseAt: Date | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'Working days (China’s official calendar) an application has waited for the bank’s first move; null once answered',
  })
  waitingWorkingDays: number | null;

  @ApiProperty({ description: "Waiting longer than the bank's response days" })
  overdue: boolean;

  @yuan() approvedAmount: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  approvedRateBps: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  approvedTermMonths: number | null;

  @yuan('Disbursed so far, whole yuan.') disbursedAmount: number | null;

  @yuan('Proposed above the approval limit, waiting for a second officer.')
  proposedAmount: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  proposedRateBps: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  proposedTermMonths: number | null;

  @ApiProperty({
    enum: MATCH_STATUSES,
    isArray: true,
    description: "The caller's moves from here (a maker gets no 'approved' on their own proposal)",
  })
  allowedMoves: MatchStatus[];
}

export class QueueCountsDto implements QueueCounts {
  @ApiProperty({ type: 'integer' }) suggested: number;
  @ApiProperty({ type: 'integer' }) applied: number;
  @ApiProperty({ type: 'integer' }) contacted: number;
  @ApiProperty({ type: 'integer' }) in_review: number;
  @ApiProperty({ type: 'integer' }) pending_approval: number;
  @ApiProperty({ type: 'integer' }) approved: number;
  @ApiProperty({ type: 'integer' }) disbursed: number;
  @ApiProperty({ type: 'integer' }) declined: number;
  @ApiProperty({ type: 'integer' }) withdrawn: number;
}

export class QueuePageDto implements QueuePage {
  @ApiProperty({ type: [QueueItemDto] })
  items: QueueItemDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last page',
  })
  nextCursor: string | null;

  @ApiProperty({
    type: QueueCountsDto,
    nullable: true,
    description:
      'Rows per status under the same filters without the status filter; on the first page only (null with a cursor)',
  })
  counts: QueueCountsDto | null;
}
