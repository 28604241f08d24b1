import { Body, Controller, Delete, Get, HttpStatus, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { UuidPipe, YearParamPipe } from '../../common/http/params';
import {
  CreateSupplyLinkDto,
  FinancialYearDto,
  UpdateFirmDto,
  WhitelistDto,
} from './dtos/firm.dto';
import { FirmsService, type FirmView, type SupplyLinkView } from './firms.service';
import { FirmViewDto, SupplyLinkViewDto, SupplyLinksDto } from './dtos/firm-view.dto';

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

  @ApiDoc({
    summary: 'Claim to supply a core enterprise (链主)',
    response: SupplyLinkViewDto,
    status: HttpStatus.CREATED,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  @Post('supply-links')
  createSupplyLink(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateSupplyLinkDto,
  ): Promise<SupplyLinkView> {
    return this.firms.createSupplyLink(actor, dto);
  }

  @ApiDoc({
    summary: "The caller's supply links, as supplier and as core",
    response: SupplyLinksDto,
  })
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

  @ApiDoc({
    summary: 'Confirm a supply link that names the caller as core',
    response: SupplyLinkViewDto,
    status: HttpStatus.CREATED,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
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

  @ApiDoc({
    summary: "Put a firm on the government's white list",
    response: FirmViewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Put(':firmId')
  add(
    @CurrentActor() actor: Actor,
    @Param('firmId', UuidPipe) firmId: string,
    @Body() dto: WhitelistDto,
  ): Promise<FirmView> {
    return this.firms.setWhitelist(actor, firmId, true, dto.reason);
  }

  @ApiDoc({
    summary: "Take a firm off the government's white list",
    response: FirmViewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Delete(':firmId')
  remove(
    @CurrentActor() actor: Actor,
    @Param('firmId', UuidPipe) firmId: string,
  ): Promise<FirmView> {
    return this.firms.setWhitelist(actor, firmId, false, null);
  }
}
