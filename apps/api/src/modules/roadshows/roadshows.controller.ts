import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { UuidPipe } from '../../common/http/params';
import { CreateRoadshowDto, RoadshowIntentDto } from './dtos/roadshow-input.dto';
import {
  RoadshowDetailDto,
  RoadshowIntentViewDto,
  RoadshowInvitationListDto,
  RoadshowListDto,
  RoadshowPartyViewDto,
} from './dtos/roadshow-view.dto';
import {
  type RoadshowDetail,
  type RoadshowIntentView,
  type RoadshowInvitationView,
  type RoadshowPartyView,
  type RoadshowSummary,
  RoadshowsService,
} from './roadshows.service';

/** The agency's side: create a chain's roadshow for a month, follow intent to credit and cash. */
@ApiTags('gov')
@ApiBearerAuth()
@Roles('gov')
@Controller({ path: 'gov/roadshows', version: '1' })
export class GovRoadshowsController {
  constructor(private readonly roadshows: RoadshowsService) {}

  @ApiDoc({
    summary:
      'Create a roadshow (一月一链): invites the chain’s firms with open needs and its banks',
    description:
      'Firms: members of the chain in the caller’s region with an open funding need. Banks: the chain’s lead bank and every bank with a live, eligible match on those firms’ open needs.',
    response: RoadshowDetailDto,
    status: HttpStatus.CREATED,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateRoadshowDto): Promise<RoadshowDetail> {
    return this.roadshows.create(actor, dto);
  }

  @ApiDoc({
    summary: 'Roadshows organised in the caller’s region, with intended, approved and disbursed',
    response: RoadshowListDto,
  })
  @Get()
  list(@CurrentActor() actor: Actor): Promise<{ items: RoadshowSummary[] }> {
    return this.roadshows.list(actor);
  }

  @ApiDoc({
    summary: 'One roadshow: invitations, intents, and figures per bank and per firm',
    response: RoadshowDetailDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Get(':id')
  detail(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<RoadshowDetail> {
    return this.roadshows.detail(actor, id);
  }
}

/** The invited parties' side: firms and banks see their invitations; banks record intents. */
@ApiTags('roadshows')
@ApiBearerAuth()
@Controller({ path: 'roadshows', version: '1' })
export class RoadshowsController {
  constructor(private readonly roadshows: RoadshowsService) {}

  @ApiDoc({ summary: 'Roadshows the caller is invited to', response: RoadshowInvitationListDto })
  @Roles('firm', 'bank')
  @Get('invitations')
  invitations(@CurrentActor() actor: Actor): Promise<{ items: RoadshowInvitationView[] }> {
    return this.roadshows.invitations(actor);
  }

  @ApiDoc({
    summary: 'A roadshow the caller is invited to',
    response: RoadshowPartyViewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Roles('firm', 'bank')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<RoadshowPartyView> {
    return this.roadshows.forParty(actor, id);
  }

  @ApiDoc({
    summary: 'Record the calling bank’s intended financing (意向融资额) for an invited firm',
    response: RoadshowIntentViewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Roles('bank')
  @Put(':id/intents/:firmId')
  setIntent(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('firmId', UuidPipe) firmId: string,
    @Body() dto: RoadshowIntentDto,
  ): Promise<RoadshowIntentView> {
    return this.roadshows.setIntent(actor, id, firmId, dto);
  }

  @ApiDoc({
    summary: 'Withdraw the calling bank’s intent for an invited firm',
    status: HttpStatus.NO_CONTENT,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Roles('bank')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Delete(':id/intents/:firmId')
  removeIntent(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('firmId', UuidPipe) firmId: string,
  ): Promise<void> {
    return this.roadshows.removeIntent(actor, id, firmId);
  }
}
