import { ApiProperty } from '@nestjs/swagger';
import { IdNameDto } from '../../../common/http/api-doc';
import {
  type ChainLeadBank,
  type LeadBankChange,
  type LeadBankPerformance,
  type LeadBanksOverview,
} from '../lead-banks.service';

export class LeadBankPerformanceDto implements LeadBankPerformance {
  @ApiProperty({
    type: 'integer',
    description: "Applications of the chain's firms to the lead bank.",
  })
  applications: number;

  @ApiProperty({ type: 'integer', description: 'Applications the bank has moved.' })
  answered: number;

  @ApiProperty({ type: 'integer', description: "Unanswered beyond the bank's response limit." })
  overdue: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Median working days (China) from application to first move.',
  })
  medianResponseDays: number | null;

  @ApiProperty({ type: 'integer' })
  approvedCount: number;

  @ApiProperty({ type: 'integer', description: 'Whole yuan.' })
  approvedAmount: number;

  @ApiProperty({ type: 'integer', description: 'Whole yuan.' })
  disbursedAmount: number;

  @ApiProperty({ type: 'integer', description: 'Credit all banks granted the same firms (yuan).' })
  chainApprovedAmount: number;
}

export class LeadBankChangeDto implements LeadBankChange {
  @ApiProperty({ type: String, format: 'date-time' })
  at: Date;

  @ApiProperty({ type: IdNameDto, nullable: true })
  from: IdNameDto | null;

  @ApiProperty({ type: IdNameDto, nullable: true })
  to: IdNameDto | null;

  @ApiProperty({ type: String, nullable: true, description: 'The officer who made the change.' })
  by: string | null;
}

export class ChainLeadBankDto implements ChainLeadBank {
  @ApiProperty({ format: 'uuid' })
  chainId: string;

  @ApiProperty()
  chainName: string;

  @ApiProperty({ type: IdNameDto, nullable: true })
  leadBank: IdNameDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  leadSince: Date | null;

  @ApiProperty({ type: LeadBankPerformanceDto, nullable: true })
  performance: LeadBankPerformanceDto | null;

  @ApiProperty({ type: [LeadBankChangeDto] })
  changes: LeadBankChangeDto[];
}

export class LeadBanksOverviewDto implements LeadBanksOverview {
  @ApiProperty({ type: [ChainLeadBankDto] })
  chains: ChainLeadBankDto[];

  @ApiProperty({ type: [IdNameDto] })
  banks: IdNameDto[];

  @ApiProperty({ type: 'integer' })
  rematchDelaySeconds: number;
}
