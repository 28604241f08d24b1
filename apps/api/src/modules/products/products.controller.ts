import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { UuidPipe } from '../../common/http/params';
import { CreateProductDto, UpdateProductDto } from './dtos/product.dto';
import { ProductsService, type ProductView, type ProductWriteView } from './products.service';

@ApiTags('products')
@ApiBearerAuth()
@Roles('bank')
@Controller({ path: 'products', version: '1' })
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProductDto): Promise<ProductWriteView> {
    return this.products.create(actor, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor): Promise<{ items: ProductView[] }> {
    return this.products.list(actor);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<ProductView> {
    return this.products.get(actor, id);
  }

  @Patch(':id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateProductDto,
  ): Promise<ProductWriteView> {
    return this.products.update(actor, id, dto);
  }
}
