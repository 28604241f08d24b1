import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { UuidPipe } from '../../common/http/params';
import { CreateSupplyLinkDto } from './dtos/supply-link.dto';
import { SupplyLinksService, type SupplyLinkView } from './supply-links.service';

/** A supplier claims a link under its own firm; the core firm confirms it by the link's id. */
@ApiTags('firms')
@ApiBearerAuth()
@Roles('firm')
@Controller({ version: '1' })
export class SupplyLinksController {
  constructor(private readonly links: SupplyLinksService) {}

  @Post('firms/me/supply-links')
  createSupplyLink(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateSupplyLinkDto,
  ): Promise<SupplyLinkView> {
    return this.links.create(actor, dto);
  }

  @Get('firms/me/supply-links')
  supplyLinks(@CurrentActor() actor: Actor) {
    return this.links.list(actor);
  }

  @Post('supply-links/:id/confirm')
  confirm(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
  ): Promise<SupplyLinkView> {
    return this.links.confirm(actor, id);
  }
}
