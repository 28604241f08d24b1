import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { UuidPipe } from '../../common/http/params';
import { JobViewDto, RematchAcceptedDto } from './dtos/job-view.dto';
import { JobsService, type JobView } from './jobs.service';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller({ version: '1' })
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @ApiDoc({
    summary: 'State and progress of a matching job',
    response: JobViewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Roles('bank', 'admin')
  @Get('jobs/:id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<JobView> {
    return this.jobs.job(actor, id);
  }

  @ApiDoc({
    summary: 'Queue a full rematch of every need and product',
    response: RematchAcceptedDto,
    status: HttpStatus.ACCEPTED,
  })
  @Roles('admin')
  @Post('admin/rematch')
  @HttpCode(HttpStatus.ACCEPTED)
  rematchAll(@CurrentActor() actor: Actor) {
    return this.jobs.rematchAll(actor);
  }
}
