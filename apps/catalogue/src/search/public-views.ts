import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProducerType } from '@ocop/contracts';
import { Producer } from '../producers/producer.entity';
import { addressNames } from '../producers/producer-views';
import { OcopColumns, ocopOf, OcopView, productSnapshot, setNames } from '../products/product-views';
import { Product } from '../products/product.entity';

const optional = <K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> =>
  value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>);

export class PublicProducerSummary {
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() tradingName?: string;
  @ApiProperty() type!: ProducerType;
  @ApiPropertyOptional({ example: 'Xã Hòa Nghĩa' }) communeName?: string;
  @ApiPropertyOptional({ example: 'Huyện Chợ Lách' }) districtName?: string;
}

export function publicProducerSummary(
  p: Pick<Producer, 'id' | 'name' | 'tradingName' | 'type' | 'unitMap' | 'communeCode'>,
): PublicProducerSummary {
  const names = addressNames(p);
  return {
    producerId: p.id,
    name: p.name,
    ...optional('tradingName', p.tradingName),
    type: p.type,
    ...optional('communeName', names.communeName),
    ...optional('districtName', names.districtName),
  };
}

export class PublicProductSummary {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() nameVi!: string;
  @ApiPropertyOptional() nameEn?: string;
  @ApiProperty() productSet!: number;
  @ApiProperty() productSetName!: { vi: string; en: string };
  @ApiProperty() productGroup!: string;
  @ApiProperty() productGroupName!: { vi: string; en: string };
  @ApiPropertyOptional() imageUrl?: string;
  @ApiProperty({ type: OcopView, nullable: true }) ocop!: OcopView | null;
  @ApiProperty({ type: PublicProducerSummary }) producer!: PublicProducerSummary;
}

export function publicProductSummary(product: Product, producer: Producer): PublicProductSummary {
  return summaryOf({ ...product, imageUrl: product.images[0]?.url ?? null }, producer);
}

/** The columns a search result shows, as the search query returns them for a page. */
export type SummaryColumns = Pick<Product, 'id' | 'nameVi' | 'nameEn' | 'productSet' | 'productGroup'> &
  OcopColumns & { imageUrl: string | null };

export function summaryOf(
  product: SummaryColumns,
  producer: Parameters<typeof publicProducerSummary>[0],
): PublicProductSummary {
  return {
    productId: product.id,
    nameVi: product.nameVi,
    ...optional('nameEn', product.nameEn),
    productSet: product.productSet,
    productGroup: product.productGroup,
    ...setNames(product),
    ...optional('imageUrl', product.imageUrl),
    ocop: ocopOf(product),
    producer: publicProducerSummary(producer),
  };
}

/** Everything a consumer may see about a public product; status and bookkeeping stay internal. */
export function publicProductDetail(product: Product, producer: Producer) {
  const {
    status: _status,
    updatedAt: _updatedAt,
    producerId: _producerId,
    ...visible
  } = productSnapshot(product);
  return { ...visible, ...setNames(product), producer: publicProducerSummary(producer) };
}
