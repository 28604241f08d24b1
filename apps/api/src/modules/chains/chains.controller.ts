import { Body, Controller, Get, HttpStatus, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { UuidPipe } from '../../common/http/params';
import { ChainsService, type ChainSummary } from './chains.service';
import { SetLeadBankDto } from './dtos/lead-bank.dto';
import { ChainListDto, ChainSummaryDto } from './dtos/chain-summary.dto';

@ApiTags('gov')
@ApiBearerAuth()
@Roles('gov')
@Controller({ path: 'gov/chains', version: '1' })
export class ChainsController {
  constructor(private readonly chains: ChainsService) {}

  @ApiDoc({ summary: "The industrial chains of the caller's region", response: ChainListDto })
  @Get()
  list(@CurrentActor() actor: Actor): Promise<{ items: ChainSummary[] }> {
    return this.chains.list(actor);
  }

  @ApiDoc({
    summary: 'One industrial chain',
    response: ChainSummaryDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<ChainSummary> {
    return this.chains.get(actor, id);
  }

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
