import { Body, Controller, Delete, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { UuidPipe, YearParamPipe } from '../../common/http/params';
import {
  CreateSupplyLinkDto,
  FinancialYearDto,
  UpdateFirmDto,
  WhitelistDto,
} from './dtos/firm.dto';
import { FirmsService, type FirmView, type SupplyLinkView } from './firms.service';

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

  @Post('supply-links')
  createSupplyLink(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateSupplyLinkDto,
  ): Promise<SupplyLinkView> {
    return this.firms.createSupplyLink(actor, dto);
  }

  @Get('supply-links')
  supplyLinks(@CurrentActor() actor: Actor) {
    return this.firms.listSupplyLinks(actor);
  }
}

@ApiTags('firms')
@ApiBearerAuth()
@Roles('firm')
@Controller({ path: 'supply-links', version: '1' })
export class SupplyLinksController {
  constructor(private readonly firms: FirmsService) {}

  @Post(':id/confirm')
  confirm(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
  ): Promise<SupplyLinkView> {
    return this.firms.confirmSupplyLink(actor, id);
  }
}

@ApiTags('gov')
@ApiBearerAuth()
@Roles('gov')
@Controller({ path: 'gov/whitelist', version: '1' })
export class WhitelistController {
  constructor(private readonly firms: FirmsService) {}

  @Put(':firmId')
  add(
    @CurrentActor() actor: Actor,
    @Param('firmId', UuidPipe) firmId: string,
    @Body() dto: WhitelistDto,
  ): Promise<FirmView> {
    return this.firms.setWhitelist(actor, firmId, true, dto.reason);
  }

  @Delete(':firmId')
  remove(
    @CurrentActor() actor: Actor,
    @Param('firmId', UuidPipe) firmId: string,
  ): Promise<FirmView> {
    return this.firms.setWhitelist(actor, firmId, false, null);
  }
}
