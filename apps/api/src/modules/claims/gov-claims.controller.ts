import { Body, Controller, Get, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { UuidPipe } from '../../common/http/params';
import { ClaimsService, type FirmClaimView } from './claims.service';
import { FirmClaimListDto, FirmClaimViewDto } from './dtos/claim-view.dto';
import { GovClaimsQuery } from './dtos/claims.query';
import { RejectClaimDto } from './dtos/create-claim.dto';

/** 认定核验: an agency confirms or rejects the claims of the firms in its region. */
@ApiTags('gov')
@ApiBearerAuth()
@Roles('gov')
@Controller({ path: 'gov/claims', version: '1' })
export class GovClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @ApiDoc({
    summary: "Claims of the firms in the caller's region",
    response: FirmClaimListDto,
    errors: [HttpStatus.BAD_REQUEST],
  })
  @Get()
  list(
    @CurrentActor() actor: Actor,
    @Query() query: GovClaimsQuery,
  ): Promise<{ items: FirmClaimView[] }> {
    return this.claims.listForAgency(actor, query.status);
  }

  @ApiDoc({
    summary: "Confirm a claim: the firm's fact changes and it is matched again",
    response: FirmClaimViewDto,
    status: HttpStatus.CREATED,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  @Post(':id/confirm')
  confirm(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<FirmClaimView> {
    return this.claims.confirm(actor, id);
  }

  @ApiDoc({
    summary: 'Reject a claim with the reason the firm will see',
    response: FirmClaimViewDto,
    status: HttpStatus.CREATED,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  @Post(':id/reject')
  reject(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: RejectClaimDto,
  ): Promise<FirmClaimView> {
    return this.claims.reject(actor, id, dto.reason);
  }
}
