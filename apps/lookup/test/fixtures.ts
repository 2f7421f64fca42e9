import {
  BatchSnapshotV1,
  CertificateV1,
  GrowingAreaSnapshotV1,
  ProducerSnapshotV1,
  ProductSnapshotV1,
  TraceEventSummaryV1,
} from '@ocop/contracts';
import { gtinCheckDigit, productCodeOf } from '@ocop/ocop-domain';
import { randomInt, randomUUID } from 'node:crypto';

/** A valid GTIN-14 under Viet Nam's prefix, random enough that parallel files never share one. */
export function randomGtin(): string {
  const body = `0893${String(randomInt(0, 1e9)).padStart(9, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

export function producerSnapshot(overrides: Partial<ProducerSnapshotV1> = {}): ProducerSnapshotV1 {
  return {
    producerId: randomUUID(),
    type: 'enterprise',
    name: 'Công ty TNHH XNK Trái cây Chánh Thu',
    taxCode: '1300000001',
    legalRepresentative: { fullName: 'Nguyễn Văn Bí Mật', woman: false, ethnicMinority: false },
    address: {
      street: 'Ấp Tân Qui',
      unitMap: 'bt-2022',
      communeCode: '28807',
      places: {
        'bt-2022': { provinceCode: '83', districtCode: '831', communeCode: '28807' },
        'vl-2025-07': { provinceCode: '86', communeCode: '28807' },
      },
    },
    contact: { phone: '0275 3800 000', email: 'secret-owner@example.com' },
    status: 'verified',
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}

export function productSnapshot(
  producerId: string,
  overrides: Partial<ProductSnapshotV1> = {},
): ProductSnapshotV1 {
  return {
    productId: randomUUID(),
    producerId,
    nameVi: 'Sầu riêng Ri6 đông lạnh',
    nameEn: 'Frozen Ri6 durian',
    productSet: 1,
    productGroup: 'food',
    images: [{ url: 'https://img.example.vn/sau-rieng.jpg', caption: 'Múi sầu riêng' }],
    gtins: [randomGtin()],
    packageSizes: [],
    allergens: [],
    shelfLifeDays: 365,
    certifications: [],
    salesLinks: [{ channel: 'Shopee', url: 'https://shopee.vn/chanh-thu' }],
    status: 'active',
    ocop: null,
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}

export function batchSnapshot(
  product: ProductSnapshotV1,
  overrides: Partial<BatchSnapshotV1> = {},
): BatchSnapshotV1 {
  const lot = overrides.lot ?? `L${randomInt(100000, 999999)}`;
  // A product without GTIN has batches named by its code (/t/ labels, decision 0048).
  const code = product.gtins.length ? undefined : productCodeOf(product.productId);
  return {
    batchId: randomUUID(),
    producerId: product.producerId,
    productId: product.productId,
    ...(code ? { productCode: code } : { gtin: product.gtins[0] }),
    lot,
    quantity: 500,
    unit: 'KGM',
    harvestDate: '2026-05-01',
    packingDate: '2026-05-03',
    expiryDate: '2027-05-03',
    growingAreas: [{ growingAreaId: randomUUID(), code: 'VN-83-831-28807-01-26' }],
    inputs: [],
    status: 'released',
    digitalLink: code
      ? `http://127.0.0.1:3006/t/${code}/${lot}`
      : `http://127.0.0.1:3006/01/${product.gtins[0]}/10/${lot}`,
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}

export function growingArea(producerId: string, id: string, code: string): GrowingAreaSnapshotV1 {
  return {
    growingAreaId: id,
    producerId,
    name: 'Vườn sầu riêng Hòa Nghĩa',
    crop: 'sầu riêng',
    variety: 'Ri6',
    cropCycle: 'perennial',
    areaHa: 5,
    standard: 'vietgap',
    expectedYieldTonnesPerYear: 50,
    facilityName: 'Vườn 1',
    place: { provinceCode: '83', districtCode: '831', communeCode: '28807' },
    status: 'issued',
    code,
    exportCodes: [],
    updatedAt: new Date().toISOString(),
  };
}

export function certificate(
  product: ProductSnapshotV1,
  overrides: Partial<CertificateV1> = {},
): CertificateV1 {
  const issued = new Date(Date.now() - 30 * 86_400_000);
  return {
    certificateId: randomUUID(),
    certificateNumber: `OCOP-BT-${randomInt(1000, 9999)}`,
    productId: product.productId,
    producerId: product.producerId,
    stars: 4,
    issuedAt: issued.toISOString(),
    expiresAt: new Date(issued.getTime() + 3 * 365 * 86_400_000).toISOString(),
    decisionRef: '1234/QĐ-UBND ngày 15/03/2026',
    ...overrides,
  };
}

export function traceEvent(
  batchId: string,
  overrides: Partial<TraceEventSummaryV1> = {},
): TraceEventSummaryV1 {
  return {
    traceEventId: randomUUID(),
    eventID: `urn:uuid:${randomUUID()}`,
    type: 'ObjectEvent',
    eventTime: '2026-05-01T02:00:00.000Z',
    eventTimeZoneOffset: '+07:00',
    action: 'ADD',
    bizStep: 'commissioning',
    disposition: 'active',
    batchIds: [batchId],
    errorDeclaration: false,
    ...overrides,
  };
}

export function serials(n: number): string[] {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return Array.from({ length: n }, () =>
    Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join(''),
  );
}
