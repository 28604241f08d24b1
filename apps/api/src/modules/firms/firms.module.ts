import { Module } from '@nestjs/common';
import { FirmsController, SupplyLinksController, WhitelistController } from './firms.controller';
import { FirmsService } from './firms.service';
import { WorkingCapitalEstimateController } from './working-capital-estimate.controller';
import { WorkingCapitalEstimateService } from './working-capital-estimate.service';

@Module({
  controllers: [FirmsController, SupplyLinksController, WhitelistController, WorkingCapitalEstimateController],
  providers: [FirmsService, WorkingCapitalEstimateService],
  exports: [FirmsService],
})
export class FirmsModule {}
