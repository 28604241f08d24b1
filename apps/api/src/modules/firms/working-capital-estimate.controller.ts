import { Controller, Get, HttpStatus, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { WorkingCapitalEstimateQuery } from './dtos/working-capital-estimate.query';
import { WorkingCapitalEstimateViewDto } from './dtos/working-capital-estimate-view.dto';
import {
  WorkingCapitalEstimateService,
  type WorkingCapitalEstimateView,
} from './working-capital-estimate.service';

@ApiTags('firms')
@ApiBearerAuth()
@Roles('firm')
@Controller({ path: 'firms/me/working-capital-estimate', version: '1' })
export class WorkingCapitalEstimateController {
  constructor(private readonly estimates: WorkingCapitalEstimateService) {}

  @ApiDoc({
    summary:
      "The suggested working-capital line for one of the firm's financial years, step by step",
    response: WorkingCapitalEstimateViewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Get()
  estimate(
    @CurrentActor() actor: Actor,
    @Query() query: WorkingCapitalEstimateQuery,
  ): Promise<WorkingCapitalEstimateView> {
    return this.estimates.estimate(actor, query);
  }
}
