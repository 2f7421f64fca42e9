import { ProducerSnapshotV1, ProductSnapshotV1 } from '@ocop/contracts';
import { gtinCheckDigit } from '@ocop/ocop-domain';
import { randomUUID } from 'node:crypto';
import { EPCIS_CONTEXT_URL } from '../src/epcis/platform-trace-events';

/** A valid GTIN-14 under a company prefix: item reference padded, check digit computed. */
export function gtin14(companyPrefix: string, item: number): string {
  const body = `0${companyPrefix}${String(item).padStart(12 - companyPrefix.length, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

export function producerSnapshot(overrides: Partial<ProducerSnapshotV1> = {}): ProducerSnapshotV1 {
  return {
    producerId: randomUUID(),
    type: 'cooperative',
    name: 'Hợp tác xã Dừa Thạnh Phú',
    gs1CompanyPrefix: '8936047',
    legalRepresentative: { fullName: 'Nguyễn Văn Dừa', woman: false, ethnicMinority: false },
    address: {
      unitMap: 'bt-2022',
      communeCode: '28882',
      places: {
        'bt-2022': { provinceCode: '83', districtCode: '832', communeCode: '28882' },
        'vl-2025-07': { provinceCode: '86', communeCode: '28870' },
      },
    },
    contact: {},
    status: 'verified',
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}

let item = 0;
export function productSnapshot(
  producerId: string,
  overrides: Partial<ProductSnapshotV1> = {},
): ProductSnapshotV1 {
  item += 1;
  return {
    productId: randomUUID(),
    producerId,
    nameVi: 'Kẹo dừa sáp Thạnh Phú',
    nameEn: 'Coconut candy',
    productSet: 1,
    productGroup: 'food',
    images: [],
    gtins: [gtin14('8936047', item + (process.pid % 1000) * 100)],
    packageSizes: [{ quantity: 250, unit: 'g' }],
    allergens: [],
    shelfLifeDays: 180,
    certifications: [],
    salesLinks: [],
    status: 'active',
    ocop: null,
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** A square of `side` metres at Chợ Lách (Bến Tre) as GeoJSON, as a surveyor's GPS would close it. */
export function squareAt(
  side: number,
  lon = 106.126,
  lat = 10.26,
): { type: 'Polygon'; coordinates: number[][][] } {
  const dLat = side / 111_320;
  const dLon = side / (111_320 * Math.cos((lat * Math.PI) / 180));
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + dLon, lat],
        [lon + dLon, lat + dLat],
        [lon, lat + dLat],
        [lon, lat],
      ],
    ],
  };
}

/** A valid growing-area registration in Phú Phụng (Chợ Lách, Bến Tre); tests change one thing at a time. */
export function growingAreaInput(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Vườn sầu riêng ấp Hòa Khánh',
    crop: 'Sầu riêng',
    variety: 'Ri6',
    cropCycle: 'perennial',
    areaHa: 2.5,
    standard: 'vietgap',
    standardDetail: 'VietGAP VG-83-0012',
    expectedYieldTonnesPerYear: 40,
    facilityName: 'Tổ hợp tác sầu riêng Hòa Khánh',
    place: { provinceCode: '83', districtCode: '832', communeCode: '28882' },
    ...overrides,
  };
}

/** An EPCIS 2.0 document of `events`, as a capture client sends it. */
export function epcisDocument(events: unknown[], context: unknown[] = [EPCIS_CONTEXT_URL]) {
  return {
    '@context': context,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-11-01T00:00:00Z',
    epcisBody: { eventList: events },
  };
}
