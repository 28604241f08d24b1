import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { UuidPipe } from '../../common/http/params';
import { ChainsService, type ChainSummary } from './chains.service';
import { SetLeadBankDto } from './dtos/lead-bank.dto';

@ApiTags('gov')
@ApiBearerAuth()
@Roles('gov')
@Controller({ path: 'gov/chains', version: '1' })
export class ChainsController {
  constructor(private readonly chains: ChainsService) {}

  @Get()
  list(@CurrentActor() actor: Actor): Promise<{ items: ChainSummary[] }> {
    return this.chains.list(actor);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<ChainSummary> {
    return this.chains.get(actor, id);
  }

  @Put(':id/lead-bank')
  setLeadBank(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: SetLeadBankDto,
  ): Promise<ChainSummary> {
    return this.chains.setLeadBank(actor, id, dto.bankId);
  }
}
