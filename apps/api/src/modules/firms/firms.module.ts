import { Module } from '@nestjs/common';
import { FinancialsImportController } from './financials-import.controller';
import { FinancialsImportService } from './financials-import.service';
import { FirmsController } from './firms.controller';
import { FirmsService } from './firms.service';
import { WorkingCapitalEstimateController } from './working-capital-estimate.controller';
import { WorkingCapitalEstimateService } from './working-capital-estimate.service';

/** The firm's own profile, its annual financials and the credit line they suggest. */
@Module({
  controllers: [FirmsController, FinancialsImportController, WorkingCapitalEstimateController],
  providers: [FirmsService, FinancialsImportService, WorkingCapitalEstimateService],
  exports: [FirmsService, WorkingCapitalEstimateService],
})
export class FirmsModule {}
