import type { ProductGroupCode } from '@ocop/contracts';

/**
 * The OCOP product classification of Decision 148/QĐ-TTg (2023): 6 groups split into 26 product sets, each
 * scored with its own sheet. Set numbers and Vietnamese names are those of the decision's annex (see
 * PROVENANCE.md); English names are ours. Other services key on `no` (1–26) and `group` codes, never on names.
 */

export interface ProductGroup {
  code: ProductGroupCode;
  /** Order in the decision (1–6). */
  no: number;
  nameVi: string;
  nameEn: string;
}

export interface ProductSet {
  no: number;
  group: ProductGroupCode;
  nameVi: string;
  nameEn: string;
}

export const PRODUCT_GROUPS: readonly ProductGroup[] = [
  { code: 'food', no: 1, nameVi: 'Thực phẩm', nameEn: 'Food' },
  { code: 'beverages', no: 2, nameVi: 'Đồ uống', nameEn: 'Beverages' },
  { code: 'herbal', no: 3, nameVi: 'Thảo dược', nameEn: 'Medicinal herbs and herbal products' },
  { code: 'handicrafts', no: 4, nameVi: 'Thủ công mỹ nghệ', nameEn: 'Handicrafts' },
  { code: 'ornamentals', no: 5, nameVi: 'Sinh vật cảnh', nameEn: 'Ornamental flowers, plants and animals' },
  {
    code: 'tourism',
    no: 6,
    nameVi: 'Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch',
    nameEn: 'Community tourism, eco-tourism and tourist sites',
  },
] as const;

export const PRODUCT_SETS: readonly ProductSet[] = [
  {
    no: 1,
    group: 'food',
    nameVi: 'Rau, củ, quả, hạt tươi',
    nameEn: 'Fresh vegetables, tubers, fruits and nuts',
  },
  {
    no: 2,
    group: 'food',
    nameVi: 'Thịt, thủy sản, trứng, sữa tươi',
    nameEn: 'Fresh meat, seafood, eggs and milk',
  },
  {
    no: 3,
    group: 'food',
    nameVi: 'Gạo, ngũ cốc, hạt sơ chế khác',
    nameEn: 'Rice, cereals and other pre-processed grains',
  },
  {
    no: 4,
    group: 'food',
    nameVi: 'Mật ong, mật khác và nông sản thực phẩm khác',
    nameEn: 'Honey, other syrups and other farm food products',
  },
  { no: 5, group: 'food', nameVi: 'Đồ ăn nhanh', nameEn: 'Convenience food' },
  { no: 6, group: 'food', nameVi: 'Chế biến từ gạo, ngũ cốc', nameEn: 'Processed rice and cereal products' },
  {
    no: 7,
    group: 'food',
    nameVi: 'Chế biến từ rau, củ, quả, hạt',
    nameEn: 'Processed vegetable, tuber, fruit and nut products',
  },
  {
    no: 8,
    group: 'food',
    nameVi: 'Chế biến từ thịt, thủy sản, trứng, sữa, các sản phẩm từ mật ong',
    nameEn: 'Processed meat, seafood, egg, milk and honey products',
  },
  {
    no: 9,
    group: 'food',
    nameVi: 'Tương, nước mắm, gia vị dạng lỏng khác',
    nameEn: 'Soy sauce, fish sauce and other liquid condiments',
  },
  {
    no: 10,
    group: 'food',
    nameVi: 'Gia vị khác (muối, hành, tỏi, tiêu,...)',
    nameEn: 'Other seasonings (salt, shallot, garlic, pepper…)',
  },
  { no: 11, group: 'beverages', nameVi: 'Chè tươi, chè chế biến', nameEn: 'Fresh and processed tea' },
  {
    no: 12,
    group: 'beverages',
    nameVi: 'Sản phẩm trà từ thực vật khác',
    nameEn: 'Herbal and other plant teas',
  },
  { no: 13, group: 'beverages', nameVi: 'Sản phẩm cà phê, ca cao', nameEn: 'Coffee and cocoa products' },
  { no: 14, group: 'beverages', nameVi: 'Rượu trắng', nameEn: 'White spirits' },
  { no: 15, group: 'beverages', nameVi: 'Đồ uống có cồn khác', nameEn: 'Other alcoholic drinks' },
  {
    no: 16,
    group: 'beverages',
    nameVi: 'Nước khoáng thiên nhiên, nước uống tinh khiết đóng chai',
    nameEn: 'Natural mineral water and bottled drinking water',
  },
  { no: 17, group: 'beverages', nameVi: 'Đồ uống không cồn khác', nameEn: 'Other non-alcoholic drinks' },
  {
    no: 18,
    group: 'herbal',
    nameVi: 'Thực phẩm chức năng, thuốc dược liệu, thuốc y học cổ truyền',
    nameEn: 'Health supplements, herbal and traditional medicines',
  },
  {
    no: 19,
    group: 'herbal',
    nameVi: 'Mỹ phẩm có thành phần từ thảo dược',
    nameEn: 'Cosmetics with herbal ingredients',
  },
  {
    no: 20,
    group: 'herbal',
    nameVi: 'Tinh dầu và thảo dược khác',
    nameEn: 'Essential oils and other herbal products',
  },
  {
    no: 21,
    group: 'handicrafts',
    nameVi: 'Thủ công mỹ nghệ gia dụng, trang trí',
    nameEn: 'Household and decorative handicrafts',
  },
  { no: 22, group: 'handicrafts', nameVi: 'Vải, may mặc', nameEn: 'Textiles and garments' },
  { no: 23, group: 'ornamentals', nameVi: 'Hoa', nameEn: 'Flowers' },
  { no: 24, group: 'ornamentals', nameVi: 'Cây cảnh', nameEn: 'Ornamental plants' },
  { no: 25, group: 'ornamentals', nameVi: 'Động vật cảnh', nameEn: 'Ornamental animals' },
  {
    no: 26,
    group: 'tourism',
    nameVi: 'Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch',
    nameEn: 'Community tourism, eco-tourism and tourist site services',
  },
] as const;

export const PRODUCT_SET_NUMBERS: readonly number[] = PRODUCT_SETS.map((s) => s.no);
export const PRODUCT_GROUP_CODES: readonly ProductGroupCode[] = PRODUCT_GROUPS.map((g) => g.code);

export function productSet(no: number): ProductSet | undefined {
  return PRODUCT_SETS.find((s) => s.no === no);
}

export function productGroup(code: ProductGroupCode): ProductGroup {
  const group = PRODUCT_GROUPS.find((g) => g.code === code);
  if (!group) throw new Error(`Unknown OCOP product group ${code}`);
  return group;
}

/**
 * Reads a product set the way office spreadsheets write it: "7", "7. Chế biến từ rau củ quả hạt", or the set's
 * name alone. Returns undefined when it names no set of QĐ 148.
 */
export function productSetFromLabel(label: string, fold: (text: string) => string): ProductSet | undefined {
  const numbered = /^\s*(\d{1,2})\s*(?:[.)\-:]|$)/.exec(label);
  if (numbered) return productSet(Number(numbered[1]));
  const key = fold(label);
  return key ? PRODUCT_SETS.find((s) => fold(s.nameVi) === key || fold(s.nameEn) === key) : undefined;
}
