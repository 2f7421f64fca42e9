import { UnitMapId } from '@ocop/contracts';
import {
  codesOf,
  foldVietnamese,
  PACKAGE_UNITS,
  producerTypeFromLabel,
  productSetFromLabel,
} from '@ocop/ocop-domain';
import { bilingual } from '../common/validation';

/**
 * How office spreadsheets name their columns. Headers are matched after folding (diacritics, case, "_" and
 * spaces do not matter), in Vietnamese or English, so "Tên chủ thể", "ten chu the" and "producer_name" are one.
 */
export interface ColumnSpec<F extends string> {
  field: F;
  /** Where validation errors of this column are reported (DTO property path). */
  paths: string[];
  headers: string[];
}

export const PRODUCER_COLUMNS: ColumnSpec<string>[] = [
  { field: 'type', paths: ['type'], headers: ['type', 'producer type', 'loại chủ thể', 'loại hình'] },
  { field: 'name', paths: ['name'], headers: ['name', 'producer', 'tên chủ thể', 'chủ thể'] },
  { field: 'tradingName', paths: ['tradingName'], headers: ['trading name', 'tên giao dịch'] },
  { field: 'nameEn', paths: ['nameEn'], headers: ['name en', 'english name', 'tên tiếng anh'] },
  { field: 'taxCode', paths: ['taxCode'], headers: ['tax code', 'mã số thuế', 'mst', 'mã số doanh nghiệp'] },
  {
    field: 'gs1CompanyPrefix',
    paths: ['gs1CompanyPrefix'],
    headers: ['gs1 company prefix', 'mã doanh nghiệp gs1', 'mã gs1'],
  },
  {
    field: 'legalRepName',
    paths: ['legalRepresentative', 'legalRepresentative.fullName'],
    headers: ['legal representative', 'người đại diện', 'người đại diện pháp luật'],
  },
  { field: 'legalRepPosition', paths: ['legalRepresentative.position'], headers: ['position', 'chức vụ'] },
  {
    field: 'legalRepWoman',
    paths: ['legalRepresentative.woman'],
    headers: ['woman', 'nữ', 'người đại diện là nữ'],
  },
  {
    field: 'legalRepEthnicMinority',
    paths: ['legalRepresentative.ethnicMinority'],
    headers: ['ethnic minority', 'dân tộc thiểu số', 'dtts'],
  },
  { field: 'street', paths: ['address.street'], headers: ['address', 'street', 'địa chỉ'] },
  { field: 'unitMap', paths: ['address', 'address.unitMap'], headers: ['unit map', 'bản đồ hành chính'] },
  { field: 'communeCode', paths: ['address.communeCode'], headers: ['commune code', 'mã xã'] },
  { field: 'phone', paths: ['contact', 'contact.phone'], headers: ['phone', 'điện thoại', 'số điện thoại'] },
  { field: 'email', paths: ['contact.email'], headers: ['email', 'e-mail', 'thư điện tử'] },
  { field: 'website', paths: ['contact.website'], headers: ['website', 'trang web'] },
];

export const PRODUCT_COLUMNS: ColumnSpec<string>[] = [
  { field: 'producerId', paths: ['producerId'], headers: ['producer id', 'mã chủ thể'] },
  {
    field: 'producerTaxCode',
    paths: [],
    headers: ['producer tax code', 'mã số thuế chủ thể', 'mst chủ thể'],
  },
  { field: 'producerName', paths: [], headers: ['producer', 'producer name', 'chủ thể', 'tên chủ thể'] },
  { field: 'nameVi', paths: ['nameVi'], headers: ['product name', 'name vi', 'tên sản phẩm', 'sản phẩm'] },
  { field: 'nameEn', paths: ['nameEn'], headers: ['name en', 'english name', 'tên tiếng anh'] },
  {
    field: 'productSet',
    paths: ['productSet'],
    headers: ['product set', 'bộ sản phẩm', 'suggested product set qd148', 'bộ sản phẩm qđ 148'],
  },
  { field: 'descriptionVi', paths: ['descriptionVi'], headers: ['description', 'description vi', 'mô tả'] },
  { field: 'descriptionEn', paths: ['descriptionEn'], headers: ['description en', 'mô tả tiếng anh'] },
  { field: 'gtins', paths: ['gtins'], headers: ['gtin', 'gtins', 'mã vạch', 'mã gtin'] },
  {
    field: 'packageSizes',
    paths: ['packageSizes'],
    headers: ['package sizes', 'quy cách', 'quy cách đóng gói'],
  },
  { field: 'ingredients', paths: ['ingredients'], headers: ['ingredients', 'thành phần'] },
  { field: 'allergens', paths: ['allergens'], headers: ['allergens', 'chất gây dị ứng'] },
  {
    field: 'shelfLifeDays',
    paths: ['shelfLifeDays'],
    headers: ['shelf life days', 'hạn sử dụng ngày', 'hạn sử dụng (ngày)'],
  },
  {
    field: 'geographicalIndication',
    paths: ['geographicalIndication'],
    headers: ['geographical indication', 'chỉ dẫn địa lý'],
  },
  { field: 'trademark', paths: ['trademark'], headers: ['trademark', 'nhãn hiệu'] },
  { field: 'status', paths: [], headers: ['status', 'trạng thái'] },
];

/** Columns offices keep that the catalogue deliberately does not take, with the reason. */
const IGNORED_WITH_REASON: { headers: string[]; vi: string; en: string }[] = [
  {
    headers: ['stars', 'sao', 'số sao', 'hạng sao', 'stars as of'],
    vi: 'sao OCOP chỉ đến từ dịch vụ đánh giá, cột này bị bỏ qua',
    en: 'OCOP stars come only from the rating service; column ignored',
  },
];

export interface HeaderMatch {
  /** Field → column index. */
  columns: Map<string, number>;
  /** Field → the header as written in the file, for error messages. */
  headerOf: Map<string, string>;
  warnings: { column: string; message: string }[];
  duplicates: string[];
}

export function matchHeaders(header: string[], specs: ColumnSpec<string>[]): HeaderMatch {
  const columns = new Map<string, number>();
  const headerOf = new Map<string, string>();
  const warnings: HeaderMatch['warnings'] = [];
  const duplicates: string[] = [];
  header.forEach((raw, index) => {
    const key = foldVietnamese(raw);
    const spec = specs.find(
      (s) => s.headers.some((h) => foldVietnamese(h) === key) || foldVietnamese(s.field) === key,
    );
    if (spec) {
      if (columns.has(spec.field)) duplicates.push(raw);
      columns.set(spec.field, index);
      headerOf.set(spec.field, raw);
      return;
    }
    const ignored = IGNORED_WITH_REASON.find((i) => i.headers.some((h) => foldVietnamese(h) === key));
    warnings.push({
      column: raw,
      message: ignored
        ? bilingual(ignored.vi, ignored.en)
        : bilingual('cột không dùng, bị bỏ qua', 'unknown column, ignored'),
    });
  });
  return { columns, headerOf, warnings, duplicates };
}

const TRUE = ['x', 'có', 'yes', 'true', '1', 'đúng'].map(foldVietnamese);
const FALSE = ['không', 'no', 'false', '0', 'sai'].map(foldVietnamese);

/** Yes/no as offices write it ("x", "có", "không", blank = no); anything else stays text so validation names it. */
export function parseFlag(cell: string | undefined): boolean | string {
  const key = foldVietnamese(cell ?? '');
  if (key === '' || FALSE.includes(key)) return false;
  return TRUE.includes(key) ? true : (cell ?? '');
}

/** A list cell: items separated by ";", "|" or line breaks. */
export const parseList = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(/[;|\n]/)
    .map((item) => item.trim())
    .filter(Boolean);

export function parseUnitMap(cell: string | undefined): UnitMapId | string | undefined {
  const key = (cell ?? '').trim().toLowerCase();
  if (!key) return undefined;
  if (key === '2022' || key === 'bt-2022') return 'bt-2022';
  if (key === '2025' || key === '2025-07' || key === 'vl-2025-07') return 'vl-2025-07';
  return cell;
}

export const parseProducerType = (cell: string | undefined) =>
  cell ? (producerTypeFromLabel(cell, foldVietnamese) ?? cell) : undefined;

/** A set number or label; an unknown number stays a number, so validation says "not a set", not "not a number". */
export function parseProductSet(cell: string | undefined): number | string | undefined {
  if (!cell) return undefined;
  const numbered = /^\s*(\d+)/.exec(cell);
  return productSetFromLabel(cell, foldVietnamese)?.no ?? (numbered ? Number(numbered[1]) : cell);
}

/** "400 g; 1 kg; 12 cái" → package sizes; an item that is not "<number> <unit>" is returned as a problem. */
export function parsePackageSizes(cell: string | undefined): {
  sizes?: { quantity: number; unit: string }[];
  problem?: string;
} {
  const items = parseList(cell);
  if (!items.length) return {};
  const units: Record<string, string> = {
    cai: 'piece',
    qua: 'piece',
    chai: 'piece',
    hop: 'piece',
    lit: 'l',
    ...Object.fromEntries(codesOf(PACKAGE_UNITS).map((u) => [u, u])),
  };
  const sizes: { quantity: number; unit: string }[] = [];
  for (const item of items) {
    const match = /^(\d+(?:[.,]\d+)?)\s*(\S+)$/.exec(item);
    const unit = match ? units[foldVietnamese(match[2])] : undefined;
    if (!match || !unit) {
      return {
        problem: bilingual(
          `"${item}" không có dạng "số đơn vị" (vd. 400 g)`,
          `"${item}" is not "<number> <unit>" (e.g. 400 g)`,
        ),
      };
    }
    sizes.push({ quantity: Number(match[1].replace(',', '.')), unit });
  }
  return { sizes };
}

export function parseWholeNumber(cell: string | undefined): number | string | undefined {
  const value = (cell ?? '').trim();
  if (!value) return undefined;
  return /^\d+$/.test(value) ? Number(value) : value;
}

const STATUS_WORDS: Record<string, 'draft' | 'active'> = {
  draft: 'draft',
  nhap: 'draft',
  'ban nhap': 'draft',
  active: 'active',
  'dang ban': 'active',
  'mo ban': 'active',
};

export function parseImportStatus(cell: string | undefined): 'draft' | 'active' | undefined | null {
  const key = foldVietnamese(cell ?? '');
  if (!key) return undefined;
  return STATUS_WORDS[key] ?? null;
}
