import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { FirmApplicationListDto } from './dtos/firm-application.dto';
import { FirmApplicationsService, type FirmApplicationView } from './firm-applications.service';

@ApiTags('matches')
@ApiBearerAuth()
@Roles('firm')
@Controller({ path: 'firms/me/applications', version: '1' })
export class FirmApplicationsController {
  constructor(private readonly applications: FirmApplicationsService) {}

  @ApiDoc({
    summary: "The caller's applications and matches banks picked up, newest activity first",
    response: FirmApplicationListDto,
  })
  @Get()
  list(@CurrentActor() actor: Actor): Promise<{ items: FirmApplicationView[] }> {
    return this.applications.list(actor);
  }
}
