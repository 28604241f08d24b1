import { Body, Controller, Get, HttpStatus, Param, Patch, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { YearParamPipe } from '../../common/http/params';
import { FinancialYearDto, UpdateFirmDto } from './dtos/firm.dto';
import { FirmViewDto } from './dtos/firm-view.dto';
import { FirmsService, type FirmView } from './firms.service';

@ApiTags('firms')
@ApiBearerAuth()
@Roles('firm')
@Controller({ path: 'firms/me', version: '1' })
export class FirmsController {
  constructor(private readonly firms: FirmsService) {}

  @ApiDoc({ summary: "The caller's firm profile with its financials", response: FirmViewDto })
  @Get()
  me(@CurrentActor() actor: Actor): Promise<FirmView> {
    return this.firms.view(actor.orgId);
  }

  @ApiDoc({
    summary: "Update the caller's firm profile",
    response: FirmViewDto,
    errors: [HttpStatus.BAD_REQUEST],
  })
  @Patch()
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateFirmDto): Promise<FirmView> {
    return this.firms.update(actor, dto);
  }

  @ApiDoc({
    summary: 'Record one fiscal year of financials',
    response: FirmViewDto,
    errors: [HttpStatus.BAD_REQUEST],
  })
  @Put('financials/:year')
  putFinancials(
    @CurrentActor() actor: Actor,
    @Param('year', YearParamPipe) year: number,
    @Body() dto: FinancialYearDto,
  ): Promise<FirmView> {
    return this.firms.putFinancialYear(actor, year, dto);
  }
}
