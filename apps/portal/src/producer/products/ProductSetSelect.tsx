import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useVocabularies } from './product-api';

/** "banh keo" finds "Bánh, mứt, kẹo": people type without diacritics on a phone. */
export const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

interface Props {
  id?: string;
  value?: number;
  onChange?: (no: number) => void;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
}

/**
 * An OCOP product set chosen by its name, under its group, searched in either language: nobody should need to
 * know that candy is set 7. The value is the set's number, which is what the catalogue takes.
 */
export function ProductSetSelect({ id, value, onChange, ...aria }: Props) {
  const { t, i18n } = useTranslation();
  const vocabularies = useVocabularies();
  const en = i18n.language === 'en';
  const sets = vocabularies.data?.productSets ?? [];
  const options = (vocabularies.data?.productGroups ?? []).map((g) => ({
    label: en ? g.nameEn : g.nameVi,
    title: en ? g.nameEn : g.nameVi,
    options: sets
      .filter((s) => s.group === g.code)
      .map((s) => ({
        value: s.no,
        label: en ? s.nameEn : s.nameVi,
        search: fold(`${s.nameVi} ${s.nameEn} ${g.nameVi} ${g.nameEn}`),
      })),
  }));
  return (
    <Select
      id={id}
      {...aria}
      value={value}
      onChange={(no: number) => onChange?.(no)}
      options={options}
      loading={vocabularies.isPending}
      showSearch={{
        // Every word typed, in any order: "banh keo" finds "Bánh, mứt, kẹo".
        filterOption: (input, option) =>
          !!option &&
          'search' in option &&
          fold(input)
            .split(/[\s,]+/)
            .every((word) => (option.search as string).includes(word)),
      }}
      placeholder={t('products.form.productSetPlaceholder')}
      notFoundContent={t('products.form.noProductSet')}
    />
  );
}
