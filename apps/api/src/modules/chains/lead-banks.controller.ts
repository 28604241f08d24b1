import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { LeadBanksOverviewDto } from './dtos/lead-banks.dto';
import { LeadBanksService, type LeadBanksOverview } from './lead-banks.service';

@ApiTags('gov')
@ApiBearerAuth()
@Roles('gov')
@Controller({ path: 'gov/lead-banks', version: '1' })
export class LeadBanksController {
  constructor(private readonly leadBanks: LeadBanksService) {}

  @ApiDoc({
    summary: "Each chain's lead bank (一链一行), its record on the chain and its changes",
    response: LeadBanksOverviewDto,
  })
  @Get()
  overview(@CurrentActor() actor: Actor): Promise<LeadBanksOverview> {
    return this.leadBanks.overview(actor);
  }
}
