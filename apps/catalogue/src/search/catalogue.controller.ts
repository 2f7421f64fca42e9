import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ALLERGENS,
  CERTIFICATION_SCHEMES,
  PACKAGE_UNITS,
  PRODUCER_TYPES,
  PRODUCT_GROUPS,
  PRODUCT_SETS,
  SALES_CHANNELS,
} from '@ocop/ocop-domain';
import { Public, UuidParam } from '@ocop/service-kit';
import { CatalogueSearchQuery } from './dto/catalogue-search.query';
import { SearchService } from './search.service';

/** The public catalogue: anyone, no token. Only active products of verified producers are visible here. */
@ApiTags('catalogue (public)')
@Public()
@Controller('catalogue')
export class CatalogueController {
  constructor(private readonly search: SearchService) {}

  @Get('products')
  @ApiOperation({
    summary: 'Tìm sản phẩm OCOP / search OCOP products',
    description:
      'Không phân biệt dấu và hoa thường ("keo dua" tìm thấy "Kẹo dừa"); lọc theo sao, nhóm, bộ sản phẩm, huyện, xã, loại chủ thể; kèm số đếm theo từng giá trị / diacritics- and case-insensitive; filters; facets with counts; cursor pagination.',
  })
  products(@Query() query: CatalogueSearchQuery) {
    return this.search.search(query);
  }

  @Get('products/:productId')
  @ApiOperation({
    summary: 'Chi tiết sản phẩm, kèm JSON-LD schema.org Product / product detail with schema.org JSON-LD',
  })
  product(@UuidParam('productId') id: string) {
    return this.search.product(id);
  }

  @Get('producers/:producerId')
  @ApiOperation({
    summary: 'Chủ thể và sản phẩm, kèm JSON-LD schema.org Organization / producer with JSON-LD',
  })
  producer(@UuidParam('producerId') id: string) {
    return this.search.producer(id);
  }

  @Get('vocabularies')
  @ApiOperation({ summary: 'Danh mục dùng trong catalogue / the closed lists the catalogue uses' })
  vocabularies() {
    return {
      productGroups: PRODUCT_GROUPS,
      productSets: PRODUCT_SETS,
      producerTypes: PRODUCER_TYPES.map(({ code, nameVi, nameEn }) => ({ code, nameVi, nameEn })),
      certificationSchemes: CERTIFICATION_SCHEMES,
      allergens: ALLERGENS,
      salesChannels: SALES_CHANNELS,
      packageUnits: PACKAGE_UNITS,
    };
  }
}
