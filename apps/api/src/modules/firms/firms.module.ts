import { Module } from '@nestjs/common';
import { FirmsController, SupplyLinksController, WhitelistController } from './firms.controller';
import { FirmsService } from './firms.service';

@Module({
  controllers: [FirmsController, SupplyLinksController, WhitelistController],
  providers: [FirmsService],
  exports: [FirmsService],
})
export class FirmsModule {}
