import { Module } from '@nestjs/common';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';

/** Following a re-ranking job, and an admin's full rematch. */
@Module({ controllers: [JobsController], providers: [JobsService] })
export class JobsModule {}
