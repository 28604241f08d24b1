import { Module } from '@nestjs/common';
import { OpenNeedsSnapshot } from '../matching/open-needs-snapshot';
import { ProductDryRunService } from './product-dry-run.service';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';

@Module({
  controllers: [ProductsController],
  providers: [ProductsService, ProductDryRunService, OpenNeedsSnapshot],
  exports: [ProductsService],
})
export class ProductsModule {}
