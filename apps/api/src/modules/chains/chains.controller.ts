import { Body, Controller, HttpStatus, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { UuidPipe } from '../../common/http/params';
import { ChainsService, type ChainSummary } from './chains.service';
import { SetLeadBankDto } from './dtos/lead-bank.dto';
import { ChainSummaryDto } from './dtos/chain-summary.dto';

@ApiTags('gov')
@ApiBearerAuth()
@Roles('gov')
// The chains' figures (GET /gov/chains, /gov/chains/:id) are the dashboard's (modules/dashboards).
@Controller({ path: 'gov/chains', version: '1' })
export class ChainsController {
  constructor(private readonly chains: ChainsService) {}

  @ApiDoc({
    summary: "Name a chain's lead bank (一链一行)",
    response: ChainSummaryDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Put(':id/lead-bank')
  setLeadBank(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: SetLeadBankDto,
  ): Promise<ChainSummary> {
    return this.chains.setLeadBank(actor, id, dto.bankId);
  }
}
