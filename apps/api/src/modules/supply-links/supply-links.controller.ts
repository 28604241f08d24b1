import { Body, Controller, Get, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { UuidPipe } from '../../common/http/params';
import { type CoreEnterprise } from './core-enterprises.query';
import {
  CoreEnterpriseQuery,
  CreateSupplyLinkDto,
  RejectSupplyLinkDto,
} from './dtos/supply-link.dto';
import {
  CoreEnterpriseListDto,
  SupplyLinkViewDto,
  SupplyLinksDto,
} from './dtos/supply-link-view.dto';
import { SupplyLinksService, type SupplyLinkView } from './supply-links.service';

/** A supplier claims a link under its own firm; the core firm confirms it by the link's id. */
@ApiTags('firms')
@ApiBearerAuth()
@Roles('firm')
@Controller({ version: '1' })
export class SupplyLinksController {
  constructor(private readonly links: SupplyLinksService) {}

  @ApiDoc({
    summary: 'Claim to supply a core enterprise (链主)',
    response: SupplyLinkViewDto,
    status: HttpStatus.CREATED,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  @Post('firms/me/supply-links')
  createSupplyLink(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateSupplyLinkDto,
  ): Promise<SupplyLinkView> {
    return this.links.create(actor, dto);
  }

  @ApiDoc({
    summary:
      'Core enterprises (链主) whose name contains q: for a supplier to claim, for a bank to name in a supply-chain product',
    response: CoreEnterpriseListDto,
    errors: [HttpStatus.BAD_REQUEST],
  })
  // One search of one register for both: a bank names the core enterprises whose suppliers a product serves.
  @Roles('firm', 'bank')
  @Get('supply-links/core-enterprises')
  coreEnterprises(
    @CurrentActor() actor: Actor,
    @Query() query: CoreEnterpriseQuery,
  ): Promise<{ items: CoreEnterprise[] }> {
    return this.links.searchCore(actor, query.q ?? '');
  }

  @ApiDoc({
    summary: "The caller's supply links, as supplier and as core",
    response: SupplyLinksDto,
  })
  @Get('firms/me/supply-links')
  supplyLinks(@CurrentActor() actor: Actor) {
    return this.links.list(actor);
  }

  @ApiDoc({
    summary: 'Confirm a supply link that names the caller as core',
    response: SupplyLinkViewDto,
    status: HttpStatus.CREATED,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  @Post('supply-links/:id/confirm')
  confirm(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
  ): Promise<SupplyLinkView> {
    return this.links.confirm(actor, id);
  }

  @ApiDoc({
    summary: 'Reject a supply link that names the caller as core, with the reason',
    response: SupplyLinkViewDto,
    status: HttpStatus.CREATED,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  @Post('supply-links/:id/reject')
  reject(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: RejectSupplyLinkDto,
  ): Promise<SupplyLinkView> {
    return this.links.reject(actor, id, dto.reason);
  }
}
