import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CatalogueRpc, ProductOwnerV1, ProductSummaryV1 } from '@ocop/contracts';
import { OnRequest } from '@ocop/messaging';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { bilingual, withMessage } from '../common/validation';
import { isPublicProducer } from '../producers/producer-identity';
import { placesOf } from '../producers/producer-views';
import { Producer } from '../producers/producer.entity';
import { ocopOf } from './product-views';
import { Product } from './product.entity';
import { productNotFound } from './products.service';

export class ProductRefDto {
  @IsUUID('all', withMessage(bilingual('phải là mã định danh (UUID)', 'must be a UUID')))
  productId!: string;
}

/**
 * Questions other services ask the catalogue over NATS request-reply (rating: is this product this producer's?
 * traceability: what do I print on the label?). A missing product is the `not-found` DomainError.
 */
@Controller()
export class ProductQuestionsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @OnRequest(CatalogueRpc.productOwner)
  async owner(@Payload() { productId }: ProductRefDto): Promise<ProductOwnerV1> {
    const { product, producer } = await this.load(productId);
    return {
      productId,
      producerId: product.producerId,
      status: product.status,
      producerStatus: producer.status,
    };
  }

  @OnRequest(CatalogueRpc.productSummary)
  async summary(@Payload() { productId }: ProductRefDto): Promise<ProductSummaryV1> {
    const { product, producer } = await this.load(productId);
    return {
      productId,
      producerId: producer.id,
      producerName: producer.name,
      nameVi: product.nameVi,
      ...(product.nameEn ? { nameEn: product.nameEn } : {}),
      productSet: product.productSet,
      productGroup: product.productGroup,
      status: product.status,
      public: product.status === 'active' && isPublicProducer(producer.status),
      gtins: product.gtins,
      ...(product.images[0] ? { imageUrl: product.images[0].url } : {}),
      place: placesOf(producer),
      ocop: ocopOf(product),
    };
  }

  private async load(productId: string): Promise<{ product: Product; producer: Producer }> {
    const product = await this.dataSource.manager.findOneBy(Product, { id: productId });
    if (!product) throw productNotFound();
    return {
      product,
      producer: await this.dataSource.manager.findOneByOrFail(Producer, { id: product.producerId }),
    };
  }
}
