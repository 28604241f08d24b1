import { ApiProperty } from '@nestjs/swagger';
import { IdNameDto } from '../../../common/http/api-doc';
import { CHAIN_ROLES, TIERS, type ChainRole, type Tier } from '../../../common/domain-enums';
import {
  FIRM_CLAIM_KINDS,
  FIRM_CLAIM_STATUSES,
  type FirmClaimKind,
  type FirmClaimStatus,
} from '../claim-kinds';
import { type ClaimableChain, type ClaimDecider, type FirmClaimView } from '../claims.service';

export class ClaimDeciderDto implements ClaimDecider {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: "The deciding user's name" })
  name: string;

  @ApiProperty({ example: '湖南省工业和信息化厅' })
  agency: string;
}

export class FirmClaimViewDto implements FirmClaimView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: IdNameDto })
  firm: IdNameDto;

  @ApiProperty({ enum: FIRM_CLAIM_KINDS })
  kind: FirmClaimKind;

  @ApiProperty({ enum: TIERS, nullable: true })
  tier: Tier | null;

  @ApiProperty({ type: 'integer', nullable: true })
  tierYear: number | null;

  @ApiProperty({ type: String, nullable: true })
  certificateNo: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2027-12-31',
    description: 'Last day a claimed tier counts; null for other kinds',
  })
  tierExpiresOn: string | null;

  @ApiProperty({ description: 'A claimed tier that runs out within 90 days (复核 due)' })
  tierExpiringSoon: boolean;

  @ApiProperty({ type: IdNameDto, nullable: true })
  chain: IdNameDto | null;

  @ApiProperty({ enum: CHAIN_ROLES, nullable: true })
  chainRole: ChainRole | null;

  @ApiProperty({ type: String, nullable: true })
  regionCode: string | null;

  @ApiProperty({ type: String, nullable: true })
  industryCode: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  yearsInNiche: number | null;

  @ApiProperty({ enum: FIRM_CLAIM_STATUSES })
  status: FirmClaimStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Why it was rejected' })
  reason: string | null;

  @ApiProperty({ type: ClaimDeciderDto, nullable: true })
  decidedBy: ClaimDeciderDto | null;

  @ApiProperty({ type: Date, nullable: true })
  decidedAt: Date | null;

  @ApiProperty()
  createdAt: Date;
}

export class FirmClaimListDto {
  @ApiProperty({ type: [FirmClaimViewDto] })
  items: FirmClaimViewDto[];
}

export class ClaimableChainDto implements ClaimableChain {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '电子信息' })
  name: string;

  @ApiProperty({ example: '430000' })
  regionCode: string;
}

export class ClaimableChainListDto {
  @ApiProperty({ type: [ClaimableChainDto] })
  items: ClaimableChainDto[];
}
