import { DomainError, ProducerStatus, ProductStatus } from '@ocop/contracts';
import { conflict } from '../common/bilingual';

const PRODUCT_STATUS_VI: Record<ProductStatus, string> = {
  draft: 'nháp',
  active: 'đang bán',
  discontinued: 'ngừng bán',
};

/**
 * Why nothing more may be put on the market under a product (decision 0023): no batch opened, no serial minted,
 * no label printed and no batch released while its producer is suspended or the product is not on sale
 * (discontinued). A recall always stays possible. Undefined when all of it may go ahead. A producer the read model
 * does not know yet is taken as it was when the product was accepted, not as suspended.
 */
export function labellingRefusal(
  product: { status: ProductStatus },
  producer: { status: ProducerStatus } | null,
): DomainError | undefined {
  if (producer?.status === 'suspended') {
    return conflict(
      'producer-suspended',
      'Chủ thể đang bị tạm ngưng: không được mở lô, tạo số sê-ri, in tem hay phát hành lô',
      'The producer is suspended: no batches, serials, labels or releases',
      { producerStatus: producer.status },
    );
  }
  if (product.status !== 'active') {
    return conflict(
      'product-not-active',
      `Sản phẩm đang ở trạng thái "${PRODUCT_STATUS_VI[product.status]}": chỉ sản phẩm đang bán mới được mở lô, tạo số sê-ri, in tem hay phát hành lô`,
      `The product is "${product.status}": only a product on sale can have batches, serials, labels or releases`,
      { productStatus: product.status },
    );
  }
  return undefined;
}
