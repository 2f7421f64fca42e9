import { OcopCertificationV1 } from '@ocop/contracts';
import { CERTIFICATION_SCHEMES, productSet } from '@ocop/ocop-domain';
import { Producer } from '../producers/producer.entity';
import { addressNames } from '../producers/producer-views';
import { Product } from '../products/product.entity';

/**
 * schema.org descriptions of a public product and producer, for search engines and for partners that read
 * JSON-LD. Only public facts go in: no personal flags of the legal representative.
 */
type JsonLd = Record<string, unknown>;

const compact = (o: JsonLd): JsonLd =>
  Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0),
    ),
  );

function postalAddress(p: Producer): JsonLd {
  const names = addressNames(p);
  return compact({
    '@type': 'PostalAddress',
    streetAddress: p.street,
    addressLocality: names.communeName,
    addressRegion: names.districtName,
    addressCountry: 'VN',
  });
}

function organization(p: Producer): JsonLd {
  return compact({
    '@type': 'Organization',
    identifier: p.id,
    name: p.name,
    alternateName: [p.tradingName, p.nameEn].filter(Boolean),
    taxID: p.taxCode,
    address: postalAddress(p),
    telephone: p.phone,
    email: p.email,
    url: p.website,
  });
}

export const organizationJsonLd = (p: Producer): JsonLd => ({
  '@context': 'https://schema.org',
  ...organization(p),
});

/** One value, or the list when there are several (JSON-LD allows both). */
const oneOrMany = <T>(values: T[]): T | T[] | undefined => (values.length > 1 ? values : values[0]);

export function productJsonLd(
  product: Product,
  producer: Producer,
  ocop: OcopCertificationV1 | null,
): JsonLd {
  const set = productSet(product.productSet);
  const certifications: JsonLd[] = product.certifications.map((c) =>
    compact({
      '@type': 'Certification',
      name: c.name ?? CERTIFICATION_SCHEMES.find((s) => s.code === c.scheme)?.nameVi,
      certificationIdentification: c.certificateNumber,
      issuedBy: c.issuer ? { '@type': 'Organization', name: c.issuer } : undefined,
      expires: c.validUntil,
    }),
  );
  if (ocop) {
    certifications.unshift({
      '@type': 'Certification',
      name: `OCOP ${ocop.stars} sao`,
      certificationIdentification: ocop.certificateNumber,
      certificationRating: { '@type': 'Rating', ratingValue: ocop.stars, bestRating: 5, worstRating: 1 },
      validFrom: ocop.issuedAt,
      expires: ocop.expiresAt,
      description: ocop.decisionRef,
    });
  }
  return compact({
    '@context': 'https://schema.org',
    '@type': 'Product',
    identifier: product.id,
    name: product.nameVi,
    alternateName: product.nameEn,
    description: product.descriptionVi,
    image: oneOrMany(product.images.map((i) => i.url)),
    gtin14: oneOrMany(product.gtins),
    category: set?.nameVi,
    brand: { '@type': 'Brand', name: product.trademark ?? producer.tradingName ?? producer.name },
    manufacturer: organization(producer),
    countryOfOrigin: { '@type': 'Country', name: 'VN' },
    award: ocop ? `Sản phẩm OCOP ${ocop.stars} sao` : undefined,
    hasCertification: certifications,
    sameAs: product.salesLinks.map((l) => l.url),
  });
}
