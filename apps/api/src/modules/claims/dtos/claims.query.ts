import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { FIRM_CLAIM_STATUSES, type FirmClaimStatus } from '../claim-kinds';

export class GovClaimsQuery {
  @ApiPropertyOptional({ enum: FIRM_CLAIM_STATUSES, description: 'default: every status' })
  @IsOptional()
  @IsIn(FIRM_CLAIM_STATUSES, { message: `must be one of ${FIRM_CLAIM_STATUSES.join(', ')}` })
  status?: FirmClaimStatus;
}
