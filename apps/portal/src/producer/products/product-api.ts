import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, uploadFile } from '../../common/api/client';
import type { Schema } from '../../common/api/types';
import { currentLanguage } from '../../common/i18n/i18n';

/** A photo or picture of a product as the catalogue keeps it (its OpenAPI document leaves the list untyped). */
export interface ProductImage {
  url: string;
  caption?: string;
}

type ProductViewSchema = Schema<'catalogue.ProductView'>;
export type Product = Omit<ProductViewSchema, 'images' | 'productSetName' | 'productGroupName'> & {
  images: ProductImage[];
  productSetName: { vi: string; en: string };
  productGroupName: { vi: string; en: string };
};
export type ProductStatus = Product['status'];
export type UpdateProduct = Schema<'catalogue.UpdateProductDto'>;
export type CreateProduct = Schema<'catalogue.CreateProductDto'>;

interface Term {
  code: string;
  nameVi: string;
  nameEn: string;
}
export interface ProductSetTerm {
  no: number;
  group: string;
  nameVi: string;
  nameEn: string;
}
/** catalogue's closed lists (GET /catalogue/vocabularies), the parts the product form uses. */
export interface Vocabularies {
  productGroups: Term[];
  productSets: ProductSetTerm[];
  allergens: Term[];
}

export const productKeys = {
  /** Every cached list of products, the home page's included: a change refreshes them all. */
  all: ['catalogue', 'products'] as const,
  /** This area's list, in pages (the home page keeps a plain array under ['catalogue', 'products', producerId]). */
  pages: (producerId: string) => ['catalogue', 'products', producerId, 'pages'] as const,
  one: (productId: string) => ['catalogue', 'product', productId] as const,
};

export function useProduct(productId: string) {
  return useQuery({
    queryKey: productKeys.one(productId),
    queryFn: async () =>
      (await call(
        api.GET('/api/catalogue/products/{productId}', { params: { path: { productId } } }),
      )) as unknown as Product,
  });
}

export function useVocabularies() {
  return useQuery({
    queryKey: ['catalogue', 'vocabularies'],
    queryFn: async () =>
      (await call(api.GET('/api/catalogue/catalogue/vocabularies'))) as unknown as Vocabularies,
    staleTime: Infinity,
  });
}

/** After a change the service answered with the product: every screen showing it sees the new one at once. */
export function useProductChanged() {
  const queryClient = useQueryClient();
  return (product: Product) => {
    queryClient.setQueryData(productKeys.one(product.productId), product);
    void queryClient.invalidateQueries({ queryKey: productKeys.all });
  };
}

export const nameOf = (p: { nameVi: string; nameEn?: string }) =>
  currentLanguage() === 'en' && p.nameEn ? p.nameEn : p.nameVi;

export const inLanguageOf = (names: { vi: string; en: string }) =>
  currentLanguage() === 'en' && names.en ? names.en : names.vi;

// The catalogue names an uploaded photo by its content hash under its own address, which the portal's pages may
// not load from (their CSP allows this origin only): the gateway serves the same file under /api/catalogue.
const PLATFORM_PHOTO = /\/photos\/([0-9a-f]{32})(?:-\d+)?\.webp$/;

/** The same-origin address of a platform photo at a served width, or undefined for a picture hosted elsewhere. */
export function photoSrc(url: string, width: 320 | 640 | 1280 = 640): string | undefined {
  const hash = PLATFORM_PHOTO.exec(url)?.[1];
  if (!hash) return undefined;
  return `/api/catalogue/photos/${width === 640 ? hash : `${hash}-${width}`}.webp`;
}

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
/** The catalogue's PHOTO_MAX_BYTES. */
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;

/** Sends a photo as the request body (the catalogue takes the image itself, not a form), with progress. */
export function uploadPhoto(
  productId: string,
  file: File,
  caption: string | undefined,
  onProgress: (percent: number) => void,
): Promise<Product> {
  const query = caption ? `?caption=${encodeURIComponent(caption)}` : '';
  return uploadFile<Product>(
    `/api/catalogue/products/${encodeURIComponent(productId)}/photos${query}`,
    file,
    onProgress,
  );
}
