import { Body, Controller, Get, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { type ClaimableChain, ClaimsService, type FirmClaimView } from './claims.service';
import { ClaimBodyPipe } from './dtos/claim-body.pipe';
import {
  ClaimableChainListDto,
  FirmClaimListDto,
  FirmClaimViewDto,
} from './dtos/claim-view.dto';
import { CLAIM_DTO_BY_KIND, type CreateClaimDto } from './dtos/create-claim.dto';

const CLAIM_BODIES = Object.values(CLAIM_DTO_BY_KIND);

@ApiTags('firms')
@ApiBearerAuth()
@Roles('firm')
@ApiExtraModels(...CLAIM_BODIES)
@Controller({ path: 'firms/me/claims', version: '1' })
export class FirmClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @ApiDoc({
    summary: 'Claim an eligibility fact (tier, chain, region, industry, years in niche)',
    description: 'The claim is pending until an agency of the firm’s region confirms it.',
    response: FirmClaimViewDto,
    status: HttpStatus.CREATED,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT],
  })
  @ApiBody({
    schema: {
      oneOf: CLAIM_BODIES.map((body) => ({ $ref: getSchemaPath(body) })),
      discriminator: {
        propertyName: 'kind',
        mapping: Object.fromEntries(
          Object.entries(CLAIM_DTO_BY_KIND).map(([kind, body]) => [kind, getSchemaPath(body)]),
        ),
      },
    },
  })
  @Post()
  file(
    @CurrentActor() actor: Actor,
    @Body(ClaimBodyPipe) dto: CreateClaimDto,
  ): Promise<FirmClaimView> {
    return this.claims.file(actor, dto);
  }

  @ApiDoc({
    summary: 'The industrial chains a chain claim may name',
    response: ClaimableChainListDto,
  })
  @Get('chains')
  chains(): Promise<{ items: ClaimableChain[] }> {
    return this.claims.claimableChains();
  }

  @ApiDoc({ summary: "The caller's claims, newest first", response: FirmClaimListDto })
  @Get()
  list(@CurrentActor() actor: Actor): Promise<{ items: FirmClaimView[] }> {
    return this.claims.listOwn(actor);
  }
}
