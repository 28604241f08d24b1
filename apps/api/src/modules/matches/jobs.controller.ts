import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { UuidPipe } from '../../common/http/params';
import { MatchesService, type JobView } from './matches.service';

@ApiTags('jobs')
@ApiBearerAuth()
@Roles('bank', 'admin')
@Controller({ path: 'jobs', version: '1' })
export class JobsController {
  constructor(private readonly matches: MatchesService) {}

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<JobView> {
    return this.matches.job(actor, id);
  }
}
