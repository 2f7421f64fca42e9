import {
  BatchRecalledV1,
  CertificateExpiringV1,
  CertificateV1,
  DossierAcceptedV1,
  DossierDecidedV1,
  DossierReturnedV1,
  DossierSubmittedV1,
  GrowingAreaChangedV1,
  ProductCertifiedV1,
  ReportFiledV1,
  RoundScoringStartedV1,
  ScanSuspiciousV1,
  TerritoryScope,
} from '@ocop/contracts';
import { randomUUID } from 'node:crypto';

/** Payloads as the producing services write them, with what a test cares about overridable. */
export const certificate = (producerId: string, over: Partial<CertificateV1> = {}): CertificateV1 => ({
  certificateId: randomUUID(),
  certificateNumber: 'OCOP-BT-2026-0042',
  productId: randomUUID(),
  producerId,
  stars: 4,
  issuedAt: '2026-03-15T03:00:00.000Z',
  expiresAt: '2029-03-15T03:00:00.000Z',
  decisionRef: '1234/QĐ-UBND ngày 15/03/2026',
  ...over,
});

export const dossierReturned = (
  producerId: string,
  over: Partial<DossierReturnedV1> = {},
): DossierReturnedV1 => ({
  dossierId: randomUUID(),
  roundId: randomUUID(),
  roundName: 'Đánh giá cấp tỉnh 2026',
  productId: randomUUID(),
  producerId,
  productName: 'Kẹo dừa Bến Tre',
  comment: 'Thiếu giấy kiểm nghiệm <b>an toàn thực phẩm</b>',
  items: [{ code: 'food-safety-test', comment: 'Bản gốc', supplementDueOn: '2026-04-01' }],
  returnedAt: '2026-03-10T03:00:00.000Z',
  actorId: randomUUID(),
  ...over,
});

export const dossierAccepted = (producerId: string): DossierAcceptedV1 => ({
  dossierId: randomUUID(),
  roundId: randomUUID(),
  roundName: 'Đánh giá cấp tỉnh 2026',
  level: 'province',
  productId: randomUUID(),
  producerId,
  productName: 'Kẹo dừa Bến Tre',
  supplements: [{ code: 'test-results', supplementDueOn: '2026-04-01' }],
  acceptedAt: '2026-03-12T03:00:00.000Z',
  actorId: randomUUID(),
});

/** A province result of 2★: 46.5 points, and criterion C.6.3 short of the 3★ marker. */
export const dossierDecided = (
  producerId: string,
  over: Partial<DossierDecidedV1> = {},
): DossierDecidedV1 => ({
  dossierId: randomUUID(),
  roundId: randomUUID(),
  roundName: 'Đánh giá cấp tỉnh 2026',
  level: 'province',
  productId: randomUUID(),
  producerId,
  productName: 'Kẹo dừa Bến Tre',
  score: 46.5,
  bandStars: 2,
  stars: 2,
  reasons: [
    {
      vi: 'Tiêu chí C.6.3 "c) Màu sắc": cần đạt 1 điểm để được 3 sao; điểm trung bình của hội đồng là 0',
      en: 'Criterion C.6.3 "c) Colour" needs 1 points for 3★; the council\'s average is 0',
    },
  ],
  decisionRef: '2001/QĐ-UBND',
  decisionDate: '2026-05-20',
  decidedAt: '2026-05-20T03:00:00.000Z',
  ...over,
});

export const dossierSubmitted = (
  producerId: string,
  territory: TerritoryScope | undefined,
): DossierSubmittedV1 => ({
  dossierId: randomUUID(),
  roundId: randomUUID(),
  roundName: 'Đánh giá cấp huyện Châu Thành 2026',
  level: 'district',
  productId: randomUUID(),
  producerId,
  productName: 'Bưởi da xanh',
  resubmission: false,
  submittedAt: '2026-03-10T03:00:00.000Z',
  ...(territory ? { territory } : {}),
  actorId: randomUUID(),
});

export const scoringStarted = (members: string[]): RoundScoringStartedV1 => ({
  roundId: randomUUID(),
  roundName: 'Đánh giá cấp tỉnh 2026',
  level: 'province',
  territory: { provinceCode: '83' },
  council: members.map((accountId, i) => ({ accountId, role: i === 0 ? 'chair' : 'member' })),
  dossierCount: 12,
  startedAt: '2026-03-10T03:00:00.000Z',
  actorId: randomUUID(),
});

export const productCertified = (producerId: string): ProductCertifiedV1 => ({
  certificate: certificate(producerId),
  productName: 'Kẹo dừa Bến Tre',
  producerName: 'HTX Kẹo dừa Mỏ Cày',
  level: 'province',
  roundId: randomUUID(),
  dossierId: randomUUID(),
  score: 78.5,
});

export const certificateExpiring = (producerId: string, daysBefore: 90 | 30 | 7): CertificateExpiringV1 => ({
  ...certificate(producerId),
  daysBefore,
});

export const batchRecalled = (producerId: string): BatchRecalledV1 => ({
  batch: {
    batchId: randomUUID(),
    producerId,
    productId: randomUUID(),
    gtin: '08938500000017',
    lot: 'L2026-031',
    quantity: 500,
    unit: 'H87',
    growingAreas: [],
    inputs: [],
    status: 'recalled',
    digitalLink: 'https://id.ocop.local/01/08938500000017/10/L2026-031',
    recalledAt: '2026-03-10T03:00:00.000Z',
    recallReason: 'Nhiễm khuẩn',
    updatedAt: '2026-03-10T03:00:00.000Z',
  },
  reason: 'Phát hiện nhiễm khuẩn Salmonella',
  recalledAt: '2026-03-10T03:00:00.000Z',
  unitCount: 500,
  actorId: randomUUID(),
});

export const scanSuspicious = (producerId: string, serial: string): ScanSuspiciousV1 => ({
  gtin: '08938500000017',
  serial,
  lot: 'L2026-031',
  batchId: randomUUID(),
  productId: randomUUID(),
  producerId,
  productName: 'Kẹo dừa Bến Tre',
  reason: 'too-many-clients',
  scans: 40,
  distinctClients: 25,
  windowSeconds: 3600,
  firstScannedAt: '2026-03-10T01:00:00.000Z',
  detectedAt: '2026-03-10T02:00:00.000Z',
});

export const growingAreaIssued = (producerId: string): GrowingAreaChangedV1 => ({
  growingArea: {
    growingAreaId: randomUUID(),
    producerId,
    name: 'Vườn dừa Tân Thành Bình',
    crop: 'Dừa xiêm xanh',
    variety: 'Xiêm xanh',
    cropCycle: 'perennial',
    areaHa: 12.5,
    standard: 'vietgap',
    expectedYieldTonnesPerYear: 80,
    facilityName: 'HTX Dừa Mỏ Cày',
    place: { provinceCode: '83', districtCode: '835', communeCode: '28792' },
    status: 'issued',
    code: 'VN-83-835-28792-01-26',
    exportCodes: [],
    updatedAt: '2026-03-10T03:00:00.000Z',
  },
  reason: 'Đủ điều kiện',
  actorId: randomUUID(),
});

/**
 * A report about a product of Quới Sơn (commune 28807, district Châu Thành 831, Ben Tre 83 on the 2022 map; Giao
 * Long, 28807, Vĩnh Long 86 since July 2025).
 */
export const reportFiled = (producerId: string, over: Partial<ReportFiledV1> = {}): ReportFiledV1 => ({
  reportId: randomUUID(),
  category: 'counterfeit',
  messageExcerpt: 'Tem chống giả bị bong, <b>vị lạ</b>',
  hasContact: true,
  gtin: '08938500000017',
  lot: 'L2026-031',
  serial: 'S0042',
  outcome: 'genuine',
  product: { productId: randomUUID(), nameVi: 'Kẹo dừa Bến Tre', nameEn: 'Ben Tre coconut candy' },
  producerId,
  places: {
    'bt-2022': { provinceCode: '83', districtCode: '831', communeCode: '28807' },
    'vl-2025-07': { provinceCode: '86', communeCode: '28807' },
  },
  filedAt: '2026-03-10T17:30:00.000Z',
  ...over,
});
