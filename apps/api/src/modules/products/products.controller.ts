import { Body, Controller, Get, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { UuidPipe } from '../../common/http/params';
import { CreateProductDto, UpdateProductDto } from './dtos/product.dto';
import { ProductsService, type ProductView, type ProductWriteView } from './products.service';
import { ProductListDto, ProductViewDto, ProductWriteViewDto } from './dtos/product-view.dto';

@ApiTags('products')
@ApiBearerAuth()
@Roles('bank')
@Controller({ path: 'products', version: '1' })
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @ApiDoc({
    summary: 'Create a loan product and queue its ranking',
    response: ProductWriteViewDto,
    status: HttpStatus.CREATED,
    errors: [HttpStatus.BAD_REQUEST],
  })
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProductDto): Promise<ProductWriteView> {
    return this.products.create(actor, dto);
  }

  @ApiDoc({ summary: "The caller's bank's loan products", response: ProductListDto })
  @Get()
  list(@CurrentActor() actor: Actor): Promise<{ items: ProductView[] }> {
    return this.products.list(actor);
  }

  @ApiDoc({
    summary: 'One loan product',
    response: ProductViewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<ProductView> {
    return this.products.get(actor, id);
  }

  @ApiDoc({
    summary: 'Change a loan product and queue its re-ranking',
    response: ProductWriteViewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Patch(':id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateProductDto,
  ): Promise<ProductWriteView> {
    return this.products.update(actor, id, dto);
  }
}
