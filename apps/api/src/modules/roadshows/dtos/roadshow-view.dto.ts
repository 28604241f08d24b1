import { ApiProperty } from '@nestjs/swagger';
import { IdNameDto } from '../../../common/http/api-doc';
import { TIERS, type Tier } from '../../../common/domain-enums';
import {
  type RoadshowBankRow,
  type RoadshowDetail,
  type RoadshowFigures,
  type RoadshowFirmRow,
  type RoadshowIntentView,
  type RoadshowInvitationView,
  type RoadshowPartyView,
  type RoadshowSummary,
} from '../roadshows.service';

const yuan = (description: string) => ApiProperty({ type: 'integer', description });

class FiguresDto implements RoadshowFigures {
  @yuan('Σ 意向融资额 of the invited banks, whole yuan.')
  intendedAmount: number;

  @yuan(
    'Credit approved since the first day of the roadshow month for invited firm × invited bank pairs (still approved or disbursed), whole yuan.',
  )
  approvedAmount: number;

  @yuan(
    'Drawdowns with a value date in or after the roadshow month for the same pairs, whole yuan.',
  )
  disbursedAmount: number;
}

export class RoadshowSummaryDto extends FiguresDto implements RoadshowSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: IdNameDto })
  chain: IdNameDto;

  @ApiProperty({ example: '2026-12' })
  month: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ type: String, nullable: true })
  venue: string | null;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: IdNameDto })
  organizer: IdNameDto;

  @ApiProperty({ type: 'integer' })
  invitedFirms: number;

  @ApiProperty({ type: 'integer' })
  invitedBanks: number;

  @ApiProperty({ type: 'integer', description: 'Intents recorded.' })
  intents: number;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;
}

export class RoadshowListDto {
  @ApiProperty({ type: [RoadshowSummaryDto] })
  items: RoadshowSummaryDto[];
}

export class RoadshowBankRowDto extends FiguresDto implements RoadshowBankRow {
  @ApiProperty({ type: IdNameDto })
  bank: IdNameDto;

  @ApiProperty({ description: 'Invited as the chain’s lead bank (一链一行).' })
  leadBank: boolean;

  @ApiProperty({ type: 'integer', description: 'Invited firms its products were matched to.' })
  matchedFirms: number;

  @ApiProperty({ type: 'integer' })
  intents: number;
}

export class RoadshowFirmRowDto extends FiguresDto implements RoadshowFirmRow {
  @ApiProperty({ type: IdNameDto })
  firm: IdNameDto;

  @ApiProperty({ enum: TIERS })
  tier: Tier;

  @ApiProperty({ type: 'integer', description: 'Open needs when invited.' })
  openNeeds: number;

  @yuan('What its open needs asked for when invited, whole yuan.')
  openNeedAmount: number;
}

export class RoadshowIntentViewDto implements RoadshowIntentView {
  @ApiProperty({ type: IdNameDto })
  firm: IdNameDto;

  @ApiProperty({ type: IdNameDto })
  bank: IdNameDto;

  @yuan('意向融资额, whole yuan.')
  amount: number;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  recordedAt: Date;
}

export class RoadshowDetailDto extends RoadshowSummaryDto implements RoadshowDetail {
  @ApiProperty({ type: [RoadshowBankRowDto] })
  banks: RoadshowBankRowDto[];

  @ApiProperty({ type: [RoadshowFirmRowDto] })
  firms: RoadshowFirmRowDto[];

  @ApiProperty({ type: [RoadshowIntentViewDto] })
  intentList: RoadshowIntentViewDto[];
}

export class RoadshowInvitationViewDto implements RoadshowInvitationView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ type: IdNameDto })
  chain: IdNameDto;

  @ApiProperty({ example: '2026-12' })
  month: string;

  @ApiProperty({ type: String, nullable: true })
  venue: string | null;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: IdNameDto })
  organizer: IdNameDto;

  @ApiProperty({ enum: ['firm', 'bank'] })
  invitedAs: 'firm' | 'bank';

  @ApiProperty()
  leadBank: boolean;

  @ApiProperty({ type: 'integer' })
  invitedFirms: number;

  @ApiProperty({ type: 'integer' })
  invitedBanks: number;

  @ApiProperty({
    type: 'integer',
    description: 'A bank: intents it recorded; a firm: intents for it.',
  })
  intents: number;

  @yuan('Σ of those intents, whole yuan.')
  intendedAmount: number;
}

export class RoadshowInvitationListDto {
  @ApiProperty({ type: [RoadshowInvitationViewDto] })
  items: RoadshowInvitationViewDto[];
}

export class RoadshowPartyBankDto {
  @ApiProperty({ type: IdNameDto })
  bank: IdNameDto;

  @ApiProperty()
  leadBank: boolean;
}

export class RoadshowPartyFirmDto {
  @ApiProperty({ type: IdNameDto })
  firm: IdNameDto;

  @ApiProperty({ enum: TIERS })
  tier: Tier;

  @ApiProperty({ type: 'integer' })
  openNeeds: number;

  @yuan('Whole yuan.')
  openNeedAmount: number;
}

export class RoadshowPartyViewDto implements RoadshowPartyView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ type: IdNameDto })
  chain: IdNameDto;

  @ApiProperty({ example: '2026-12' })
  month: string;

  @ApiProperty({ type: String, nullable: true })
  venue: string | null;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: IdNameDto })
  organizer: IdNameDto;

  @ApiProperty({ enum: ['firm', 'bank'] })
  invitedAs: 'firm' | 'bank';

  @ApiProperty({ type: [RoadshowPartyBankDto] })
  banks: RoadshowPartyBankDto[];

  @ApiProperty({
    type: [RoadshowPartyFirmDto],
    description: 'A bank: every invited firm; a firm: itself.',
  })
  firms: RoadshowPartyFirmDto[];

  @ApiProperty({
    type: [RoadshowIntentViewDto],
    description: 'A bank: its own; a firm: those for it.',
  })
  intents: RoadshowIntentViewDto[];
}
