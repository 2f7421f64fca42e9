import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProducerType } from '@ocop/contracts';
import { Producer } from '../producers/producer.entity';
import { addressNames } from '../producers/producer-views';
import { OcopView, productSnapshot, setNames } from '../products/product-views';
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

export function publicProducerSummary(p: Producer): PublicProducerSummary {
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
  const snapshot = productSnapshot(product);
  return {
    productId: product.id,
    nameVi: product.nameVi,
    ...optional('nameEn', product.nameEn),
    productSet: product.productSet,
    productGroup: product.productGroup,
    ...setNames(product),
    ...optional('imageUrl', product.images[0]?.url),
    ocop: snapshot.ocop,
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
