import { Body, Controller, Delete, Get, HttpStatus, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { UuidPipe } from '../../common/http/params';
import {
  GovFirmListDto,
  GovFirmMatchesDto,
  GovFirmSearchQuery,
  WhitelistChangeDto,
  WhitelistDto,
  WhitelistRemovalQuery,
  WhitelistViewDto,
} from './dtos/whitelist.dto';
import {
  type GovFirmMatches,
  type GovFirmRow,
  type WhitelistChange,
  type WhitelistView,
  WhitelistService,
} from './whitelist.service';

/** 白名单: the agency's recommended firms; a change re-matches the firm. */
@ApiTags('gov')
@ApiBearerAuth()
@Roles('gov')
@Controller({ path: 'gov/whitelist', version: '1' })
export class WhitelistController {
  constructor(private readonly whitelist: WhitelistService) {}

  @ApiDoc({
    summary: "The white list of the caller's region, with reason, officer and date",
    response: WhitelistViewDto,
  })
  @Get()
  list(@CurrentActor() actor: Actor): Promise<WhitelistView> {
    return this.whitelist.list(actor);
  }

  @ApiDoc({
    summary: "Put a firm on the government's white list",
    description:
      "Answers with the effect on the firm's open needs: eligible products before and after.",
    response: WhitelistChangeDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  @Put(':firmId')
  add(
    @CurrentActor() actor: Actor,
    @Param('firmId', UuidPipe) firmId: string,
    @Body() dto: WhitelistDto,
  ): Promise<WhitelistChange> {
    return this.whitelist.set(actor, firmId, true, dto.reason);
  }

  @ApiDoc({
    summary: "Take a firm off the government's white list, saying why (?reason=)",
    response: WhitelistChangeDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  @Delete(':firmId')
  remove(
    @CurrentActor() actor: Actor,
    @Param('firmId', UuidPipe) firmId: string,
    @Query() query: WhitelistRemovalQuery,
  ): Promise<WhitelistChange> {
    return this.whitelist.set(actor, firmId, false, query.reason);
  }
}

/** Firms of the agency's region: a search to pick one, and what one of them is matched to. */
@ApiTags('gov')
@ApiBearerAuth()
@Roles('gov')
@Controller({ path: 'gov/firms', version: '1' })
export class GovFirmsController {
  constructor(private readonly whitelist: WhitelistService) {}

  @ApiDoc({
    summary: "Firms of the caller's region whose name contains q",
    response: GovFirmListDto,
    errors: [HttpStatus.BAD_REQUEST],
  })
  @Get()
  search(
    @CurrentActor() actor: Actor,
    @Query() query: GovFirmSearchQuery,
  ): Promise<{ items: GovFirmRow[] }> {
    return this.whitelist.search(actor, query.q ?? '');
  }

  @ApiDoc({
    summary: "A firm's open needs and the matches the firm sees",
    response: GovFirmMatchesDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Get(':firmId/matches')
  matches(
    @CurrentActor() actor: Actor,
    @Param('firmId', UuidPipe) firmId: string,
  ): Promise<GovFirmMatches> {
    return this.whitelist.matches(actor, firmId);
  }
}
