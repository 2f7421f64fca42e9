import { foldVietnamese } from '../text/vietnamese-fold';
import { PRODUCT_SETS } from './product-sets';

/**
 * The product sets of each OCOP decision, by identity. Each decision has its own sets with their own names (and,
 * for QĐ 148, its own numbers): QĐ 148's set 7 is processed fruit and vegetables, the QĐ 1048 transcription's
 * set 7 is a tea sheet. A set is therefore named by its decision and a code, never by a number alone, and a
 * product (classified under QĐ 148 in the catalogue) reaches another decision's sheet only through the explicit
 * mapping below. See PROVENANCE.md for where names and codes come from.
 */
export type DecisionId = 'qd148-2023' | 'qd1048-2019';

export interface DecisionSet {
  decision: DecisionId;
  /** Stable within the decision: lower-case ASCII words of the set's name. */
  code: string;
  /** The decision's own number for the set, where it has one (QĐ 148's annex numbers its 26 sets). */
  no?: number;
  nameVi: string;
}

const QD148_CODES: readonly string[] = [
  'rau-cu-qua-hat-tuoi',
  'thit-thuy-san-trung-sua-tuoi',
  'gao-ngu-coc-hat-so-che',
  'mat-ong-mat-khac-nong-san-khac',
  'do-an-nhanh',
  'che-bien-gao-ngu-coc',
  'che-bien-rau-cu-qua-hat',
  'che-bien-thit-thuy-san-trung-sua-mat-ong',
  'tuong-nuoc-mam-gia-vi-long',
  'gia-vi-khac',
  'che-tuoi-che-che-bien',
  'tra-tu-thuc-vat-khac',
  'ca-phe-ca-cao',
  'ruou-trang',
  'do-uong-co-con-khac',
  'nuoc-khoang-nuoc-tinh-khiet',
  'do-uong-khong-con-khac',
  'thuc-pham-chuc-nang-thuoc-duoc-lieu',
  'my-pham-thao-duoc',
  'tinh-dau-thao-duoc-khac',
  'thu-cong-my-nghe',
  'vai-may-mac',
  'hoa',
  'cay-canh',
  'dong-vat-canh',
  'du-lich-cong-dong-diem-du-lich',
];

export const QD148_SETS: readonly DecisionSet[] = PRODUCT_SETS.map((s) => ({
  decision: 'qd148-2023',
  code: QD148_CODES[s.no - 1],
  no: s.no,
  nameVi: s.nameVi,
}));

/**
 * QĐ 1048 (2019) had 26 product sets too, named differently and unnumbered in the transcription we hold (its ids
 * are alphabetical). "Gạo, ngũ cốc" has no rows there: its name comes from the decision's classification.
 */
export const QD1048_SETS: readonly DecisionSet[] = (
  [
    ['che-tuoi-che-bien', 'Chè tươi, chế biến'],
    ['che-bien-gao-ngu-coc', 'Chế biến từ gạo, ngũ cốc'],
    ['che-bien-rau-cu-qua-hat', 'Chế biến từ rau, củ, quả, hạt'],
    ['che-bien-thit-trung-sua', 'Chế biến từ thịt, trứng, sữa'],
    ['che-bien-thuy-hai-san', 'Chế biến từ thủy, hải sản'],
    ['ca-phe-ca-cao', 'Cà phê, Ca cao'],
    ['san-pham-khac-tu-che-tra', 'Các sản phẩm khác từ chè, trà'],
    ['du-lich-cong-dong-diem-du-lich', 'Dịch vụ du lịch cộng đồng và điểm du lịch'],
    ['gia-vi-khac', 'Gia vị khác'],
    ['gao-ngu-coc', 'Gạo, ngũ cốc'],
    ['mat-ong-mat-khac', 'Mật ong, các sản phẩm từ mật ong, mật khác'],
    ['my-pham', 'Mỹ phẩm'],
    ['vai-may-mac', 'Ngành vải, may mặc'],
    ['nuoc-khoang-nuoc-tinh-khiet', 'Nước khoáng thiên nhiên, nước uống tinh khiết'],
    ['rau-cu-qua-hat-tuoi', 'Rau, củ, quả, hạt tươi'],
    ['ruou-trang', 'Rượu trắng'],
    ['thao-duoc-khac', 'Thảo dược khác'],
    ['thit-trung-sua-tuoi', 'Thịt, trứng, sữa tươi'],
    ['thu-cong-my-nghe-gia-dung', 'Thủ công mỹ nghệ gia dụng'],
    ['thu-cong-my-nghe-trang-tri', 'Thủ công mỹ nghệ, trang trí'],
    ['thuc-pham-chuc-nang-thuoc-duoc-lieu', 'Thực phẩm chức năng, thuốc từ dược liệu, thuốc Y học cổ truyền'],
    ['thiet-bi-dung-cu-y-te', 'Trang thiết bị, dụng cụ y tế'],
    ['tuong-nuoc-mam-gia-vi-long', 'Tương, nước mắm, gia vị dạng lỏng khác'],
    ['do-uong-co-con-khac', 'Đồ uống có cồn khác'],
    ['do-uong-khong-con', 'Đồ uống không cồn'],
    ['do-an-nhanh', 'Đồ ăn nhanh'],
  ] as const
).map(([code, nameVi]) => ({ decision: 'qd1048-2019', code, nameVi }));

const SETS: Record<DecisionId, readonly DecisionSet[]> = {
  'qd148-2023': QD148_SETS,
  'qd1048-2019': QD1048_SETS,
};

export function decisionSets(decision: DecisionId): readonly DecisionSet[] {
  return SETS[decision];
}

export function decisionSet(decision: DecisionId, code: string): DecisionSet | undefined {
  return SETS[decision].find((s) => s.code === code);
}

/** A set named by a sheet: its number (where the decision numbers its sets) or its name, diacritics aside. */
export function decisionSetByName(decision: DecisionId, name: string): DecisionSet | undefined {
  const key = foldVietnamese(name);
  return SETS[decision].find((s) => foldVietnamese(s.nameVi) === key);
}

export function decisionSetByNo(decision: DecisionId, no: number): DecisionSet | undefined {
  return SETS[decision].find((s) => s.no === no);
}

/**
 * Which QĐ 1048 sheets score a product of each QĐ 148 set. One candidate: that sheet. Several: the decision split
 * the products differently and the applicant names the one that fits (e.g. processed meat vs. processed seafood).
 * None: QĐ 1048 had no such set (ornamentals came with QĐ 148). Tested in decision-sets.spec.ts; the reasons are
 * in PROVENANCE.md.
 */
export const QD148_TO_QD1048: Readonly<Record<string, readonly string[]>> = {
  'rau-cu-qua-hat-tuoi': ['rau-cu-qua-hat-tuoi'],
  'thit-thuy-san-trung-sua-tuoi': ['thit-trung-sua-tuoi'],
  'gao-ngu-coc-hat-so-che': ['gao-ngu-coc'],
  'mat-ong-mat-khac-nong-san-khac': ['mat-ong-mat-khac'],
  'do-an-nhanh': ['do-an-nhanh'],
  'che-bien-gao-ngu-coc': ['che-bien-gao-ngu-coc'],
  'che-bien-rau-cu-qua-hat': ['che-bien-rau-cu-qua-hat'],
  'che-bien-thit-thuy-san-trung-sua-mat-ong': [
    'che-bien-thit-trung-sua',
    'che-bien-thuy-hai-san',
    'mat-ong-mat-khac',
  ],
  'tuong-nuoc-mam-gia-vi-long': ['tuong-nuoc-mam-gia-vi-long'],
  'gia-vi-khac': ['gia-vi-khac'],
  'che-tuoi-che-che-bien': ['che-tuoi-che-bien'],
  'tra-tu-thuc-vat-khac': ['san-pham-khac-tu-che-tra', 'thao-duoc-khac'],
  'ca-phe-ca-cao': ['ca-phe-ca-cao'],
  'ruou-trang': ['ruou-trang'],
  'do-uong-co-con-khac': ['do-uong-co-con-khac'],
  'nuoc-khoang-nuoc-tinh-khiet': ['nuoc-khoang-nuoc-tinh-khiet'],
  'do-uong-khong-con-khac': ['do-uong-khong-con'],
  'thuc-pham-chuc-nang-thuoc-duoc-lieu': ['thuc-pham-chuc-nang-thuoc-duoc-lieu'],
  'my-pham-thao-duoc': ['my-pham'],
  'tinh-dau-thao-duoc-khac': ['thao-duoc-khac'],
  'thu-cong-my-nghe': ['thu-cong-my-nghe-gia-dung', 'thu-cong-my-nghe-trang-tri'],
  'vai-may-mac': ['vai-may-mac'],
  hoa: [],
  'cay-canh': [],
  'dong-vat-canh': [],
  'du-lich-cong-dong-diem-du-lich': ['du-lich-cong-dong-diem-du-lich'],
};

export type SheetSetMatch =
  | { kind: 'set'; set: DecisionSet }
  | { kind: 'choose'; candidates: DecisionSet[] }
  | { kind: 'none'; productSet: DecisionSet | undefined };

/**
 * The set of `decision` whose sheet scores a product classified in QĐ 148 set `productSetNo`; `chosen` is the
 * applicant's pick where the mapping offers several (it must be one of them).
 */
export function sheetSetForProduct(
  decision: DecisionId,
  productSetNo: number,
  chosen?: string,
): SheetSetMatch {
  const productSet = decisionSetByNo('qd148-2023', productSetNo);
  if (!productSet) return { kind: 'none', productSet };
  const codes = decision === 'qd148-2023' ? [productSet.code] : (QD148_TO_QD1048[productSet.code] ?? []);
  const candidates = codes.map((code) => decisionSet(decision, code)).filter((s): s is DecisionSet => !!s);
  if (!candidates.length) return { kind: 'none', productSet };
  if (chosen !== undefined) {
    const set = candidates.find((s) => s.code === chosen);
    return set ? { kind: 'set', set } : { kind: 'choose', candidates };
  }
  return candidates.length === 1 ? { kind: 'set', set: candidates[0] } : { kind: 'choose', candidates };
}
