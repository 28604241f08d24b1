import { Module } from '@nestjs/common';
import { SupplyLinksController } from './supply-links.controller';
import { SupplyLinksService } from './supply-links.service';

@Module({
  controllers: [SupplyLinksController],
  providers: [SupplyLinksService],
})
export class SupplyLinksModule {}
