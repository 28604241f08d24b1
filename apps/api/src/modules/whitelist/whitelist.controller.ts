import { Body, Controller, Delete, HttpStatus, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { UuidPipe } from '../../common/http/params';
import { FirmViewDto } from '../firms/dtos/firm-view.dto';
import { type FirmView } from '../firms/firms.service';
import { WhitelistDto } from './dtos/whitelist.dto';
import { WhitelistService } from './whitelist.service';

@ApiTags('gov')
@ApiBearerAuth()
@Roles('gov')
@Controller({ path: 'gov/whitelist', version: '1' })
export class WhitelistController {
  constructor(private readonly whitelist: WhitelistService) {}

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
    return this.whitelist.set(actor, firmId, true, dto.reason);
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
    return this.whitelist.set(actor, firmId, false, null);
  }
}
