import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { MATCH_STATUSES, type MatchStatus } from '../../../common/domain-enums';
import { IdNameDto } from '../../../common/http/api-doc';
import { FIRM_CLAIM_KINDS, type FirmClaimKind } from '../../claims/claim-kinds';
import { FirmViewDto } from '../../firms/dtos/firm-view.dto';
import { WorkingCapitalEstimateViewDto } from '../../firms/dtos/working-capital-estimate-view.dto';
import { CheckDto, ScoreComponentDto } from '../../matches/dtos/match-views.dto';
import {
  type BankFirmMatch,
  type BankFirmView,
  type ConfirmedSupplyLink,
  type FactConfirmation,
} from '../bank-firm-view.service';
import { QueueNeedDto } from './bank-queue-view.dto';

export class BankFirmQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "One of the bank's matches with this firm: adds its rules, required vs actual",
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  matchId?: string;
}

export class ClaimDeciderDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ description: 'The agency the deciding officer acts for' })
  agency: string;
}

export class FactConfirmationDto implements FactConfirmation {
  @ApiProperty({ enum: FIRM_CLAIM_KINDS })
  kind: FirmClaimKind;

  @ApiProperty({ type: IdNameDto, nullable: true })
  chain: IdNameDto | null;

  @ApiProperty({ type: ClaimDeciderDto })
  decidedBy: ClaimDeciderDto;

  @ApiProperty({ type: String, format: 'date-time' })
  decidedAt: Date;
}

export class ConfirmedSupplyLinkDto implements ConfirmedSupplyLink {
  @ApiProperty({ type: IdNameDto })
  coreFirm: IdNameDto;

  @ApiProperty({ type: 'integer', description: 'Annual sales to the core enterprise, whole yuan.' })
  annualSales: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  confirmedAt: Date | null;
}

export class BankFirmNeedDto extends QueueNeedDto {
  @ApiProperty({ type: 'integer' })
  maxRateBps: number;
}

export class BankFirmMatchDto implements BankFirmMatch {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: 'integer' })
  version: number;

  @ApiProperty({ enum: MATCH_STATUSES })
  status: MatchStatus;

  @ApiProperty({ type: 'number', nullable: true })
  score: number | null;

  @ApiProperty()
  ineligible: boolean;

  @ApiProperty({ type: IdNameDto })
  product: IdNameDto;

  @ApiProperty({ type: BankFirmNeedDto })
  need: BankFirmNeedDto;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  appliedAt: Date | null;

  @ApiProperty({ type: [CheckDto], description: 'Every rule of the product, passed or not.' })
  checks: CheckDto[];

  @ApiProperty({ type: [ScoreComponentDto], description: 'Empty when the pair fails a rule.' })
  components: ScoreComponentDto[];

  @ApiProperty({ enum: MATCH_STATUSES, isArray: true })
  allowedMoves: MatchStatus[];
}

export class BankFirmViewDto implements BankFirmView {
  @ApiProperty({ type: FirmViewDto, description: 'Profile and financials with derived ratios' })
  firm: FirmViewDto;

  @ApiProperty({
    type: [FactConfirmationDto],
    description: 'Who confirmed each eligibility fact, and when (latest per fact)',
  })
  confirmations: FactConfirmationDto[];

  @ApiProperty({ type: [ConfirmedSupplyLinkDto] })
  supplyLinks: ConfirmedSupplyLinkDto[];

  @ApiProperty({ type: 'integer', nullable: true })
  latestYear: number | null;

  @ApiProperty({
    description: 'The latest fiscal year closed more than 18 months ago',
  })
  financialsStale: boolean;

  @ApiProperty({ type: WorkingCapitalEstimateViewDto, nullable: true })
  estimate: WorkingCapitalEstimateViewDto | null;

  @ApiProperty({ type: BankFirmMatchDto, nullable: true, description: 'With matchId only' })
  match: BankFirmMatchDto | null;
}
