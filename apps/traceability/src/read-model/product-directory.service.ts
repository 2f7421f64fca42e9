import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, assertOwnsProducer } from '@ocop/auth';
import { CatalogueRpc, DomainError, ProductRefV1, ProductSummaryV1 } from '@ocop/contracts';
import { RpcClient } from '@ocop/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { labellingRefusal } from '../batches/labelling-rules';
import { bilingual, notFound } from '../common/bilingual';
import { TraceabilityConfig } from '../config';
import { CatalogueProduct } from './catalogue-product.entity';
import { CatalogueProducer } from './catalogue-producer.entity';
import { ReadModelWriter } from './read-model-writer';

const CATALOGUE_RETRY_AFTER_SECONDS = 5;

export const productNotFound = () => notFound('sản phẩm', 'Product');

/**
 * Products as traceability needs them: whose they are, whether they may get batches, their GTINs and names for
 * labels. The local read model answers; a product it does not know yet (its event still on the way) is asked
 * of the catalogue once and remembered until the event replaces it.
 */
@Injectable()
export class ProductDirectory {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rpc: RpcClient,
    private readonly config: TraceabilityConfig,
  ) {}

  async find(
    productId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CatalogueProduct | null> {
    const known = await manager.findOneBy(CatalogueProduct, { id: productId });
    if (known) return known;
    const summary = await this.askCatalogue(productId);
    if (!summary) return null;
    await ReadModelWriter.insertProductFromRpc(this.dataSource.manager, summary);
    return this.dataSource.manager.findOneBy(CatalogueProduct, { id: productId });
  }

  /**
   * The product a batch is opened for: one of the actor's producer's own (anyone else's is a 404, as if it did
   * not exist), on sale, of a producer that is not suspended.
   */
  async productForBatch(actor: Actor, productId: string, manager?: EntityManager): Promise<CatalogueProduct> {
    const product = await this.find(productId, manager);
    if (!product) throw productNotFound();
    assertOwnsProducer(actor, product.producerId, 'Product');
    await this.assertMayLabel(product, product.producerId, manager);
    return product;
  }

  /**
   * The batch's product, if units may still be minted, labelled and the batch released: its producer is not
   * suspended and the product is on sale, as the catalogue's events last said (labellingRefusal).
   */
  async productForLabelling(
    batch: { productId: string; producerId: string },
    manager?: EntityManager,
  ): Promise<CatalogueProduct> {
    const product = await this.find(batch.productId, manager);
    if (!product) throw productNotFound();
    await this.assertMayLabel(product, batch.producerId, manager);
    return product;
  }

  private async assertMayLabel(
    product: CatalogueProduct,
    producerId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const producer = await manager.findOneBy(CatalogueProducer, { id: producerId });
    const refusal = labellingRefusal(product, producer);
    if (refusal) throw refusal;
  }

  /** The OCOP star valid at `at` (a certificate in force, not yet revoked nor superseded then), or null. */
  async ocopStars(productId: string, at: Date = new Date()): Promise<3 | 4 | 5 | null> {
    const [row] = (await this.dataSource.query(
      `SELECT stars FROM ocop_certificates
        WHERE product_id = $1 AND (withdrawn_at IS NULL OR withdrawn_at > $2)
          AND issued_at <= $2 AND expires_at > $2
        ORDER BY issued_at DESC LIMIT 1`,
      [productId, at],
    )) as { stars: 3 | 4 | 5 }[];
    return row?.stars ?? null;
  }

  private async askCatalogue(productId: string): Promise<ProductSummaryV1 | null> {
    try {
      return await this.rpc.request<ProductSummaryV1, ProductRefV1>(
        CatalogueRpc.productSummary,
        { productId },
        { timeoutMs: this.config.CATALOGUE_RPC_TIMEOUT_MS },
      );
    } catch (err) {
      if (err instanceof DomainError && err.code === 'not-found') return null;
      if (err instanceof DomainError && err.code.startsWith('upstream-')) {
        // Timeout or nobody listening: the caller may retry shortly; it is not the caller's fault (not 504,
        // which would say that we waited for something the client asked us to reach).
        throw new DomainError(
          'catalogue-unavailable',
          503,
          bilingual('Danh mục sản phẩm tạm thời không trả lời', 'The catalogue is not answering'),
          bilingual(
            'Chưa kiểm tra được sản phẩm với dịch vụ danh mục; hãy thử lại sau giây lát',
            'The product could not be checked with the catalogue service; try again shortly',
          ),
          { retryAfterSeconds: CATALOGUE_RETRY_AFTER_SECONDS },
        );
      }
      throw err;
    }
  }
}
