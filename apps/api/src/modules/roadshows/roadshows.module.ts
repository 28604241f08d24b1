import { Module } from '@nestjs/common';
import { GovRoadshowsController, RoadshowsController } from './roadshows.controller';
import { RoadshowsService } from './roadshows.service';

/** 一月一链 路演 / 投融会: invitations and intended financing (意向融资额). */
@Module({
  controllers: [GovRoadshowsController, RoadshowsController],
  providers: [RoadshowsService],
  // The dashboard's export lists the roadshows with their figures.
  exports: [RoadshowsService],
})
export class RoadshowsModule {}
