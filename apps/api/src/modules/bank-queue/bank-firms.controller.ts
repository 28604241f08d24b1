import { Controller, Get, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { UuidPipe } from '../../common/http/params';
import { BankFirmViewService, type BankFirmView } from './bank-firm-view.service';
import { BankFirmQuery, BankFirmViewDto } from './dtos/bank-firm-view.dto';

@ApiTags('bank queue')
@ApiBearerAuth()
@Roles('bank')
@Controller({ path: 'bank/firms', version: '1' })
export class BankFirmsController {
  constructor(private readonly firms: BankFirmViewService) {}

  @ApiDoc({
    summary:
      "A firm in the bank's queue: profile with who confirmed what, financials with ratios, the suggested line, and a match's rules",
    description:
      "Only firms ranked in the officer's view of one of the bank's products, or applying to or worked by the bank; any other firm is 404.",
    response: BankFirmViewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Get(':firmId')
  view(
    @CurrentActor() actor: Actor,
    @Param('firmId', UuidPipe) firmId: string,
    @Query() query: BankFirmQuery,
  ): Promise<BankFirmView> {
    return this.firms.view(actor, firmId, query.matchId);
  }
}
