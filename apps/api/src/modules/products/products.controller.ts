import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { NotAudited } from '../audit/audit-route';
import { UuidPipe } from '../../common/http/params';
import { CreateProductDto, UpdateProductDto } from './dtos/product.dto';
import { ProductDryRunService, type ProductDryRunView } from './product-dry-run.service';
import {
  type ProductChain,
  ProductsService,
  type ProductView,
  type ProductWriteView,
} from './products.service';
import {
  ProductChainListDto,
  ProductDryRunViewDto,
  ProductListDto,
  ProductViewDto,
  ProductWriteViewDto,
} from './dtos/product-view.dto';

@ApiTags('products')
@ApiBearerAuth()
@Roles('bank')
@Controller({ path: 'products', version: '1' })
export class ProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly dryRuns: ProductDryRunService,
  ) {}

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

  @ApiDoc({
    summary: 'How many open needs a draft product would reach once published; saves nothing',
    description:
      'The body is that of POST /products. The draft runs through the matching engine against every open need, as if published.',
    response: ProductDryRunViewDto,
    errors: [HttpStatus.BAD_REQUEST],
  })
  @NotAudited('runs a draft through the engine; stores nothing')
  @Post('dry-run')
  @HttpCode(HttpStatus.OK)
  dryRun(@CurrentActor() actor: Actor, @Body() dto: CreateProductDto): Promise<ProductDryRunView> {
    return this.dryRuns.run(actor, dto);
  }

  @ApiDoc({ summary: 'The industrial chains a product may target', response: ProductChainListDto })
  @Get('chains')
  chains(): Promise<{ items: ProductChain[] }> {
    return this.products.chains();
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
