import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { UuidPipe } from '../../common/http/params';
import { JobsService, type JobView } from './jobs.service';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller({ version: '1' })
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Roles('bank', 'admin')
  @Get('jobs/:id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<JobView> {
    return this.jobs.job(actor, id);
  }

  @Roles('admin')
  @Post('admin/rematch')
  @HttpCode(HttpStatus.ACCEPTED)
  rematchAll(@CurrentActor() actor: Actor) {
    return this.jobs.rematchAll(actor);
  }
}
