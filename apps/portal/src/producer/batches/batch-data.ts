import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../common/api/client';
import type { Schema } from '../../common/api/types';
import { useSession } from '../../common/session/session';

export type Batch = Schema<'traceability.BatchView'>;
export type BatchStatus = Batch['status'];
export type Product = Schema<'catalogue.ProductView'>;
export type GrowingArea = Schema<'traceability.GrowingAreaView'>;
export type PackingHouse = Schema<'traceability.PackingHouseView'>;

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Quantity units the service accepts (UN/ECE Rec. 20), in the order a form offers them. */
export const QUANTITY_UNITS = ['KGM', 'GRM', 'TNE', 'LTR', 'MLT', 'H87', 'XBX', 'XBG', 'XBO', 'XPK'] as const;

export const batchKeys = {
  all: ['traceability', 'batches'] as const,
  one: (batchId: string) => ['traceability', 'batches', 'one', batchId] as const,
  events: (batchId: string) => ['traceability', 'batches', 'events', batchId] as const,
};

/** The producer's products (the catalogue answers at most 100 a page: more than any household has). */
export function useMyProducts() {
  const { account } = useSession();
  const producerId = account?.producerId ?? '';
  return useQuery({
    queryKey: ['catalogue', 'products', producerId, 'all'],
    enabled: !!producerId,
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/catalogue/products', { params: { query: { producerId, limit: 100 } } }),
        )) as Page<Product>
      ).items,
  });
}

export const productName = (product: Product | undefined, language: string): string | undefined =>
  product ? (language === 'en' && product.nameEn ? product.nameEn : product.nameVi) : undefined;
