import { gtinUsesCompanyPrefix } from '@ocop/ocop-domain';

export interface ListedGtin {
  /** Position in the product's list, for the error's field (`gtins[i]`). */
  index: number;
  gtin: string;
}

/**
 * The GTINs that the producer's declared GS1 Company Prefix does not cover. A producer that declared one sells
 * under it, so a GTIN outside it is refused: usually a typing mistake, at worst someone else's number. None when
 * the producer declared no prefix; never a GTIN-8, which GS1 allocates one by one rather than under a prefix.
 */
export function gtinsOutsideCompanyPrefix(
  gtins: readonly string[],
  companyPrefix: string | null | undefined,
): ListedGtin[] {
  if (!companyPrefix) return [];
  return gtins.flatMap((gtin, index) =>
    gtinUsesCompanyPrefix(gtin, companyPrefix) === false ? [{ index, gtin }] : [],
  );
}
