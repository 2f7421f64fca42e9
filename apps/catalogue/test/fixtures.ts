import { Json } from './catalogue-harness';
import { gtinCheckDigit } from '@ocop/ocop-domain';

/** A valid producer registration; tests change one thing at a time. */
export function producerInput(overrides: Record<string, unknown> = {}): Json {
  return {
    type: 'enterprise',
    name: 'Công ty TNHH XNK Trái cây Chánh Thu',
    tradingName: 'Chánh Thu',
    taxCode: uniqueTaxCode(),
    gs1CompanyPrefix: '8936047',
    legalRepresentative: {
      fullName: 'Trần Văn Thu',
      position: 'Giám đốc',
      woman: false,
      ethnicMinority: false,
    },
    address: { street: 'Ấp Hòa Khánh', unitMap: 'bt-2022', communeCode: '28882' },
    contact: { phone: '0275 3822 123', email: 'lienhe@chanhthu.vn', website: 'https://chanhthu.vn' },
    ...overrides,
  };
}

export function productInput(producerId: string, overrides: Record<string, unknown> = {}): Json {
  return {
    producerId,
    nameVi: 'Trái sầu riêng cấp đông',
    nameEn: 'Frozen durian',
    productSet: 1,
    descriptionVi: 'Sầu riêng Ri6 cấp đông nhanh',
    images: [{ url: 'https://cdn.example.vn/sau-rieng.jpg', caption: 'Hộp 1 kg' }],
    gtins: [gtin('8936047', 1)],
    packageSizes: [{ quantity: 1, unit: 'kg', label: 'Hộp 1 kg' }],
    ingredients: 'Sầu riêng Ri6',
    allergens: [],
    shelfLifeDays: 365,
    certifications: [{ scheme: 'vietgap', certificateNumber: 'VG-83-0012', validUntil: '2027-06-30' }],
    geographicalIndication: 'Chợ Lách',
    trademark: 'Chánh Thu',
    salesLinks: [{ channel: 'shopee', url: 'https://shopee.vn/chanh-thu' }],
    ...overrides,
  };
}

let taxSeq = 0;
/** A 10-digit tax code no other test in this process uses. */
export function uniqueTaxCode(): string {
  taxSeq += 1;
  return `13${String(process.pid % 10000).padStart(4, '0')}${String(taxSeq).padStart(4, '0')}`;
}

/** A valid GTIN-13 under a company prefix: item reference padded, check digit computed. */
export function gtin(companyPrefix: string, item: number): string {
  const body = `${companyPrefix}${String(item).padStart(12 - companyPrefix.length, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}
