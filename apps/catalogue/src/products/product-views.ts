import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OcopCertificationV1, ProductSnapshotV1, ProductStatus } from '@ocop/contracts';
import { GtinWarningCode, gtinWarnings, productGroup, productSet } from '@ocop/ocop-domain';
import { bilingual } from '../common/validation';
import { Product } from './product.entity';

const optional = <K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> =>
  value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>);

/** The certificate in force at `at`, or null: an expired certificate stops showing even before its event arrives. */
export type OcopColumns = Pick<
  Product,
  | 'ocopStars'
  | 'ocopCertificateId'
  | 'ocopCertificateNumber'
  | 'ocopIssuedAt'
  | 'ocopExpiresAt'
  | 'ocopDecisionRef'
>;

export function ocopOf(p: OcopColumns, at: Date = new Date()): OcopCertificationV1 | null {
  if (!p.ocopStars || !p.ocopCertificateId || !p.ocopIssuedAt || !p.ocopExpiresAt) return null;
  if (p.ocopExpiresAt.getTime() <= at.getTime()) return null;
  return {
    stars: p.ocopStars,
    certificateId: p.ocopCertificateId,
    certificateNumber: p.ocopCertificateNumber ?? '',
    issuedAt: p.ocopIssuedAt.toISOString(),
    expiresAt: p.ocopExpiresAt.toISOString(),
    decisionRef: p.ocopDecisionRef ?? '',
  };
}

export function productSnapshot(p: Product): ProductSnapshotV1 {
  return {
    productId: p.id,
    producerId: p.producerId,
    nameVi: p.nameVi,
    ...optional('nameEn', p.nameEn),
    productSet: p.productSet,
    productGroup: p.productGroup,
    ...optional('descriptionVi', p.descriptionVi),
    ...optional('descriptionEn', p.descriptionEn),
    images: p.images,
    gtins: p.gtins,
    packageSizes: p.packageSizes,
    ...optional('ingredients', p.ingredients),
    allergens: p.allergens,
    ...optional('shelfLifeDays', p.shelfLifeDays),
    certifications: p.certifications,
    ...optional('geographicalIndication', p.geographicalIndication),
    ...optional('trademark', p.trademark),
    salesLinks: p.salesLinks,
    status: p.status,
    ocop: ocopOf(p),
    updatedAt: p.updatedAt.toISOString(),
  };
}

const WARNING_TEXT: Record<GtinWarningCode, [string, string]> = {
  'gtin-outside-company-prefix': [
    'không thuộc mã doanh nghiệp GS1 của chủ thể',
    'is not under the producer’s GS1 company prefix',
  ],
  'gtin-restricted-circulation': [
    'là mã lưu hành nội bộ, không dùng cho thương mại',
    'is a restricted-circulation number, not for trade',
  ],
  'gtin-not-a-trade-item': ['là mã xuất bản phẩm hoặc phiếu giảm giá', 'is a publication or coupon number'],
  'gtin-registered-abroad': [
    'có mã quốc gia GS1 khác 893 (Việt Nam)',
    'has a GS1 prefix other than 893 (Viet Nam)',
  ],
};

export class ProductWarning {
  @ApiProperty({ example: 'gtins[0]' }) field!: string;
  @ApiProperty({ example: 'gtin-outside-company-prefix' }) code!: string;
  @ApiProperty() message!: string;
}

/**
 * GS1 prefix consistency, shown to whoever maintains the product. A GTIN outside the producer's company prefix is
 * refused when it is added (decision 0023), so that warning only shows for GTINs listed before the prefix was
 * declared; the others are never a reason to refuse.
 */
export function productWarnings(p: Pick<Product, 'gtins'>, companyPrefix: string | null): ProductWarning[] {
  return p.gtins.flatMap((gtin, i) =>
    gtinWarnings(gtin, companyPrefix).map((code) => ({
      field: `gtins[${i}]`,
      code,
      message: bilingual(`${gtin} ${WARNING_TEXT[code][0]}`, `${gtin} ${WARNING_TEXT[code][1]}`),
    })),
  );
}

export class OcopView {
  @ApiProperty({ enum: [3, 4, 5] }) stars!: 3 | 4 | 5;
  @ApiProperty() certificateId!: string;
  @ApiProperty() certificateNumber!: string;
  @ApiProperty() issuedAt!: string;
  @ApiProperty() expiresAt!: string;
  @ApiProperty() decisionRef!: string;
}

export class ProductView {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty() producerName!: string;
  @ApiProperty() nameVi!: string;
  @ApiPropertyOptional() nameEn?: string;
  @ApiProperty() productSet!: number;
  @ApiProperty() productSetName!: { vi: string; en: string };
  @ApiProperty() productGroup!: string;
  @ApiProperty() productGroupName!: { vi: string; en: string };
  @ApiPropertyOptional() descriptionVi?: string;
  @ApiPropertyOptional() descriptionEn?: string;
  @ApiProperty() images!: ProductSnapshotV1['images'];
  @ApiProperty({ type: String, isArray: true, description: 'GTIN-14' }) gtins!: string[];
  @ApiProperty() packageSizes!: ProductSnapshotV1['packageSizes'];
  @ApiPropertyOptional() ingredients?: string;
  @ApiProperty({ type: String, isArray: true }) allergens!: string[];
  @ApiPropertyOptional() shelfLifeDays?: number;
  @ApiProperty() certifications!: ProductSnapshotV1['certifications'];
  @ApiPropertyOptional() geographicalIndication?: string;
  @ApiPropertyOptional() trademark?: string;
  @ApiProperty() salesLinks!: ProductSnapshotV1['salesLinks'];
  @ApiProperty({ enum: ['draft', 'active', 'discontinued'] }) status!: ProductStatus;
  @ApiProperty({
    type: OcopView,
    nullable: true,
    description: 'Chỉ từ dịch vụ đánh giá / from the rating service only',
  })
  ocop!: OcopView | null;
  @ApiProperty({ type: ProductWarning, isArray: true }) warnings!: ProductWarning[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ProductPage {
  @ApiProperty({ type: ProductView, isArray: true }) items!: ProductView[];
  @ApiPropertyOptional() nextCursor?: string;
}

export function setNames(p: Pick<Product, 'productSet' | 'productGroup'>) {
  const set = productSet(p.productSet);
  const group = productGroup(p.productGroup);
  return {
    productSetName: { vi: set?.nameVi ?? '', en: set?.nameEn ?? '' },
    productGroupName: { vi: group.nameVi, en: group.nameEn },
  };
}

export function productView(
  p: Product,
  producer: { name: string; gs1CompanyPrefix: string | null },
): ProductView {
  return {
    ...productSnapshot(p),
    producerName: producer.name,
    ...setNames(p),
    warnings: productWarnings(p, producer.gs1CompanyPrefix),
    createdAt: p.createdAt.toISOString(),
  };
}
