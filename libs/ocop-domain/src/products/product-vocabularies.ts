/**
 * Closed lists a product record draws from, so that the rubric, the lookup page and exports can count and
 * translate them. `other` exists where the world is bigger than the list; it then needs a name.
 */
export interface Term<C extends string> {
  code: C;
  nameVi: string;
  nameEn: string;
}

export type CertificationScheme =
  | 'vietgap'
  | 'globalgap'
  | 'organic'
  | 'haccp'
  | 'iso-22000'
  | 'fssc-22000'
  | 'iso-9001'
  | 'gmp'
  | 'halal'
  | 'food-safety-facility'
  | 'other';

export const CERTIFICATION_SCHEMES: readonly Term<CertificationScheme>[] = [
  { code: 'vietgap', nameVi: 'VietGAP', nameEn: 'VietGAP' },
  { code: 'globalgap', nameVi: 'GlobalG.A.P.', nameEn: 'GlobalG.A.P.' },
  { code: 'organic', nameVi: 'Hữu cơ (TCVN 11041, USDA, EU…)', nameEn: 'Organic (TCVN 11041, USDA, EU…)' },
  { code: 'haccp', nameVi: 'HACCP', nameEn: 'HACCP' },
  { code: 'iso-22000', nameVi: 'ISO 22000', nameEn: 'ISO 22000' },
  { code: 'fssc-22000', nameVi: 'FSSC 22000', nameEn: 'FSSC 22000' },
  { code: 'iso-9001', nameVi: 'ISO 9001', nameEn: 'ISO 9001' },
  { code: 'gmp', nameVi: 'GMP', nameEn: 'GMP' },
  { code: 'halal', nameVi: 'Halal', nameEn: 'Halal' },
  {
    code: 'food-safety-facility',
    nameVi: 'Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
    nameEn: 'Food safety facility certificate',
  },
  { code: 'other', nameVi: 'Khác', nameEn: 'Other' },
] as const;

/** The allergens that Codex (CXS 1-1985) and EU food law require labels to declare. */
export type Allergen =
  | 'gluten'
  | 'crustaceans'
  | 'eggs'
  | 'fish'
  | 'peanuts'
  | 'soybeans'
  | 'milk'
  | 'tree-nuts'
  | 'celery'
  | 'mustard'
  | 'sesame'
  | 'sulphites'
  | 'lupin'
  | 'molluscs';

export const ALLERGENS: readonly Term<Allergen>[] = [
  { code: 'gluten', nameVi: 'Ngũ cốc chứa gluten', nameEn: 'Cereals containing gluten' },
  { code: 'crustaceans', nameVi: 'Giáp xác (tôm, cua…)', nameEn: 'Crustaceans' },
  { code: 'eggs', nameVi: 'Trứng', nameEn: 'Eggs' },
  { code: 'fish', nameVi: 'Cá', nameEn: 'Fish' },
  { code: 'peanuts', nameVi: 'Đậu phộng (lạc)', nameEn: 'Peanuts' },
  { code: 'soybeans', nameVi: 'Đậu nành', nameEn: 'Soybeans' },
  { code: 'milk', nameVi: 'Sữa', nameEn: 'Milk' },
  { code: 'tree-nuts', nameVi: 'Các loại hạt cây (điều, hạnh nhân…)', nameEn: 'Tree nuts' },
  { code: 'celery', nameVi: 'Cần tây', nameEn: 'Celery' },
  { code: 'mustard', nameVi: 'Mù tạt', nameEn: 'Mustard' },
  { code: 'sesame', nameVi: 'Vừng (mè)', nameEn: 'Sesame' },
  { code: 'sulphites', nameVi: 'Sulfit (≥ 10 mg/kg)', nameEn: 'Sulphites (≥ 10 mg/kg)' },
  { code: 'lupin', nameVi: 'Đậu lupin', nameEn: 'Lupin' },
  { code: 'molluscs', nameVi: 'Động vật thân mềm (nghêu, sò…)', nameEn: 'Molluscs' },
] as const;

export type SalesChannel =
  | 'shopee'
  | 'lazada'
  | 'tiki'
  | 'tiktok-shop'
  | 'sendo'
  | 'postmart'
  | 'voso'
  | 'own-shop'
  | 'other';

export const SALES_CHANNELS: readonly Term<SalesChannel>[] = [
  { code: 'shopee', nameVi: 'Shopee', nameEn: 'Shopee' },
  { code: 'lazada', nameVi: 'Lazada', nameEn: 'Lazada' },
  { code: 'tiki', nameVi: 'Tiki', nameEn: 'Tiki' },
  { code: 'tiktok-shop', nameVi: 'TikTok Shop', nameEn: 'TikTok Shop' },
  { code: 'sendo', nameVi: 'Sendo', nameEn: 'Sendo' },
  { code: 'postmart', nameVi: 'Postmart (Bưu điện Việt Nam)', nameEn: 'Postmart (Vietnam Post)' },
  { code: 'voso', nameVi: 'Voso (Viettel Post)', nameEn: 'Voso (Viettel Post)' },
  { code: 'own-shop', nameVi: 'Cửa hàng trực tuyến của chủ thể', nameEn: "Producer's own online shop" },
  { code: 'other', nameVi: 'Khác', nameEn: 'Other' },
] as const;

export type PackageUnit = 'g' | 'kg' | 'ml' | 'l' | 'piece';

export const PACKAGE_UNITS: readonly Term<PackageUnit>[] = [
  { code: 'g', nameVi: 'gam', nameEn: 'gram' },
  { code: 'kg', nameVi: 'ki-lô-gam', nameEn: 'kilogram' },
  { code: 'ml', nameVi: 'mi-li-lít', nameEn: 'millilitre' },
  { code: 'l', nameVi: 'lít', nameEn: 'litre' },
  { code: 'piece', nameVi: 'cái / quả', nameEn: 'piece' },
] as const;

export const codesOf = <C extends string>(terms: readonly Term<C>[]): C[] => terms.map((t) => t.code);
