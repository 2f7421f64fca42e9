import { ParsedDigitalLink, ParsedProductCodeLink, productCodePath } from '@ocop/ocop-domain';
import { keyPath } from './links';

/**
 * What a scan names: a GS1 Digital Link, or the /t/ identifier of a product without GTIN (decision 0048). Both go
 * through the same read model, verdicts, pages and counts; they differ in their key and in what their signature
 * signs.
 */
export type ScannedLink = ParsedDigitalLink | ParsedProductCodeLink;

export const isProductCodeLink = (link: ScannedLink): link is ParsedProductCodeLink => 'code' in link;

/**
 * The item's key in the read model (the `gtin` columns of rm_batches, rm_units and the scan tables): the GTIN-14,
 * or the product code of a /t/ label. The two never meet: a GTIN is 14 digits, a product code 26 characters.
 */
export const itemKeyOf = (link: ScannedLink): string => (isProductCodeLink(link) ? link.code : link.gtin);

/** The item's identifying path, canonical: /01/… or /t/{code}/{lot}[/{serial}]. */
export const scannedKeyPath = (link: ScannedLink): string =>
  isProductCodeLink(link) ? productCodePath(link) : keyPath(link);

/** How the answer names the item's key: {gtin} or {productCode}. */
export const keyJson = (link: ScannedLink): { gtin: string } | { productCode: string } =>
  isProductCodeLink(link) ? { productCode: link.code } : { gtin: link.gtin };
