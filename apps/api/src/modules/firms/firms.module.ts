import { Module } from '@nestjs/common';
import { FirmsController } from './firms.controller';
import { FirmsService } from './firms.service';
import { WorkingCapitalEstimateController } from './working-capital-estimate.controller';
import { WorkingCapitalEstimateService } from './working-capital-estimate.service';

/** The firm's own profile, its annual financials and the credit line they suggest. */
@Module({
  controllers: [FirmsController, WorkingCapitalEstimateController],
  providers: [FirmsService, WorkingCapitalEstimateService],
  exports: [FirmsService],
})
export class FirmsModule {}
