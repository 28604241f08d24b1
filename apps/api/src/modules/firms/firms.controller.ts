import { Body, Controller, Get, Param, Patch, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { YearParamPipe } from '../../common/http/params';
import { FinancialYearDto, UpdateFirmDto } from './dtos/firm.dto';
import { FirmsService, type FirmView } from './firms.service';

@ApiTags('firms')
@ApiBearerAuth()
@Roles('firm')
@Controller({ path: 'firms/me', version: '1' })
export class FirmsController {
  constructor(private readonly firms: FirmsService) {}

  @Get()
  me(@CurrentActor() actor: Actor): Promise<FirmView> {
    return this.firms.view(actor.orgId);
  }

  @Patch()
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateFirmDto): Promise<FirmView> {
    return this.firms.update(actor, dto);
  }

  @Put('financials/:year')
  putFinancials(
    @CurrentActor() actor: Actor,
    @Param('year', YearParamPipe) year: number,
    @Body() dto: FinancialYearDto,
  ): Promise<FirmView> {
    return this.firms.putFinancialYear(actor, year, dto);
  }
}
