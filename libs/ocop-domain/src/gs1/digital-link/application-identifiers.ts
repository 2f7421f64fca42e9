/**
 * The GS1 Application Identifiers OCOP labels use, with their formats (GS1 General Specifications 3.2). Path AIs
 * identify the item; data attributes travel in the query string of a Digital Link.
 */
export type PathAi = '01' | '22' | '10' | '21';
export type DataAttributeAi = '11' | '13' | '15' | '17' | '7007' | '422' | '426' | '8030';

/** Key qualifiers of a GTIN, in the only order GS1 Digital Link allows: /01/…/22/…/10/…/21/…. */
export const GTIN_QUALIFIERS: readonly PathAi[] = ['22', '10', '21'];

export const DATA_ATTRIBUTE_AIS: readonly DataAttributeAi[] = [
  '11',
  '13',
  '15',
  '17',
  '7007',
  '422',
  '426',
  '8030',
];

export const DATE_AIS: readonly DataAttributeAi[] = ['11', '13', '15', '17'];

export const AI_TITLES: Record<PathAi | DataAttributeAi, { vi: string; en: string }> = {
  '01': { vi: 'mã GTIN', en: 'GTIN' },
  '22': { vi: 'biến thể sản phẩm (CPV)', en: 'consumer product variant' },
  '10': { vi: 'số lô', en: 'batch/lot number' },
  '21': { vi: 'số sê-ri', en: 'serial number' },
  '11': { vi: 'ngày sản xuất', en: 'production date' },
  '13': { vi: 'ngày đóng gói', en: 'packaging date' },
  '15': { vi: 'hạn sử dụng tốt nhất', en: 'best before date' },
  '17': { vi: 'hạn sử dụng', en: 'expiration date' },
  '7007': { vi: 'ngày thu hoạch', en: 'harvest date' },
  '422': { vi: 'nước xuất xứ', en: 'country of origin' },
  '426': { vi: 'nước của toàn bộ quá trình chế biến', en: 'country of full process' },
  '8030': { vi: 'chữ ký số', en: 'digital signature' },
};

/** Longest value of the set-82 path AIs. */
export const MAX_QUALIFIER_LENGTH = 20;
/** AI 8030: up to 90 characters of set 64. */
export const MAX_SIGNATURE_LENGTH = 90;

/**
 * AIs of predefined length (General Specifications figure 7.8.5-2): in an element string they need no FNC1
 * separator after them. Every other AI here is followed by a separator unless it comes last.
 */
export const PREDEFINED_LENGTH_AIS: ReadonlySet<string> = new Set(['01', '11', '13', '15', '17']);
