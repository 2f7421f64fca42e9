import type { ProducerType } from '@ocop/contracts';

/**
 * The kinds of OCOP producer ("chủ thể OCOP") the programme recognises. The rubric scores them differently
 * (a cooperative's organisation scores higher than a household's), so the type is data the rating reads.
 */
export const PRODUCER_TYPES: readonly {
  code: ProducerType;
  nameVi: string;
  nameEn: string;
  aliasesVi: string[];
}[] = [
  {
    code: 'household',
    nameVi: 'Hộ sản xuất, kinh doanh',
    nameEn: 'Household business',
    aliasesVi: ['Hộ gia đình', 'Hộ kinh doanh', 'Hộ sản xuất', 'Cơ sở sản xuất'],
  },
  { code: 'cooperative-group', nameVi: 'Tổ hợp tác', nameEn: 'Cooperative group', aliasesVi: ['THT'] },
  {
    code: 'cooperative',
    nameVi: 'Hợp tác xã',
    nameEn: 'Cooperative',
    aliasesVi: ['HTX', 'Liên hiệp hợp tác xã'],
  },
  {
    code: 'enterprise',
    nameVi: 'Doanh nghiệp',
    nameEn: 'Enterprise',
    aliasesVi: ['Công ty', 'Công ty TNHH', 'Công ty cổ phần', 'Doanh nghiệp tư nhân', 'DN'],
  },
] as const;

export const PRODUCER_TYPE_CODES: readonly ProducerType[] = PRODUCER_TYPES.map((t) => t.code);

/** Reads a producer type from a code or a Vietnamese/English label as spreadsheets write it. */
export function producerTypeFromLabel(
  label: string,
  fold: (text: string) => string,
): ProducerType | undefined {
  const key = fold(label);
  if (!key) return undefined;
  const found = PRODUCER_TYPES.find(
    (t) => fold(t.code) === key || [t.nameVi, t.nameEn, ...t.aliasesVi].some((name) => fold(name) === key),
  );
  return found?.code;
}
