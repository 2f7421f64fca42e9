import { Body, Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import type { FastifyReply } from 'fastify';
import {
  AcceptsIdempotencyKey,
  answer,
  IdempotencyKey,
  IdempotencyService,
  UuidParam,
} from '@ocop/service-kit';
import { ProductListQuery } from './dto/product-list.query';
import { CreateProductDto, DiscontinueProductDto, UpdateProductDto } from './dto/product.dto';
import { ProductPage, ProductView } from './product-views';
import { ProductsService } from './products.service';

@ApiTags('products')
@ApiBearerAuth()
@Controller('products')
export class ProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post()
  @Roles('admin', 'officer', 'producer')
  @AcceptsIdempotencyKey()
  @ApiOperation({
    summary: 'Thêm sản phẩm (nháp) / add a product (as a draft)',
    description:
      'Sao OCOP và giấy chứng nhận không nhập ở đây: chúng đến từ dịch vụ đánh giá / OCOP stars and certificates are not entered here: they come from the rating service',
  })
  @ApiCreatedResponse({ type: ProductView })
  async create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateProductDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProductView> {
    return answer(
      reply,
      await this.idempotency.run(actor, key, 'POST /products', dto, (manager) =>
        this.products.create(actor, dto, manager),
      ),
    );
  }

  @Get()
  @ApiOperation({ summary: 'Sản phẩm để quản lý, kể cả bản nháp / products to manage, drafts included' })
  @ApiOkResponse({ type: ProductPage })
  list(@CurrentActor() actor: Actor, @Query() query: ProductListQuery) {
    return this.products.list(actor, query);
  }

  @Get(':productId')
  @ApiOkResponse({ type: ProductView })
  get(@CurrentActor() actor: Actor, @UuidParam('productId') id: string) {
    return this.products.get(actor, id);
  }

  @Patch(':productId')
  @ApiOkResponse({ type: ProductView })
  update(@CurrentActor() actor: Actor, @UuidParam('productId') id: string, @Body() dto: UpdateProductDto) {
    return this.products.update(actor, id, dto);
  }

  @Post(':productId/activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mở bán / activate (public once the producer is verified)' })
  @ApiOkResponse({ type: ProductView })
  activate(@CurrentActor() actor: Actor, @UuidParam('productId') id: string) {
    return this.products.activate(actor, id);
  }

  @Post(':productId/discontinue')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ngừng bán / discontinue' })
  @ApiOkResponse({ type: ProductView })
  discontinue(
    @CurrentActor() actor: Actor,
    @UuidParam('productId') id: string,
    @Body() dto: DiscontinueProductDto,
  ) {
    return this.products.discontinue(actor, id, dto.reason);
  }
}
