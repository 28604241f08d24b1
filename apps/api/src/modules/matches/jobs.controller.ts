import { Controller, Get, HttpStatus, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { UuidPipe } from '../../common/http/params';
import { MatchesService, type JobView } from './matches.service';
import { JobViewDto } from './dtos/match-views.dto';

@ApiTags('jobs')
@ApiBearerAuth()
@Roles('bank', 'admin')
@Controller({ path: 'jobs', version: '1' })
export class JobsController {
  constructor(private readonly matches: MatchesService) {}

  @ApiDoc({
    summary: 'State and progress of a matching job',
    response: JobViewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<JobView> {
    return this.matches.job(actor, id);
  }
}
