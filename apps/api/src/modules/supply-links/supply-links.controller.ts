import { Body, Controller, Get, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { UuidPipe } from '../../common/http/params';
import { CreateSupplyLinkDto } from './dtos/supply-link.dto';
import { SupplyLinkViewDto, SupplyLinksDto } from './dtos/supply-link-view.dto';
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
}
