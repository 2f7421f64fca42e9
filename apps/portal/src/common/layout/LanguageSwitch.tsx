import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language } from '../i18n/i18n';

/** Tiếng Việt first; the choice is kept on this device. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('language.choose')}
      value={i18n.language === 'en' ? 'en' : 'vi'}
      onChange={(value) => void changeLanguage(value)}
      options={[
        { value: 'vi', label: <span lang="vi">VI</span>, title: 'Tiếng Việt' },
        { value: 'en', label: <span lang="en">EN</span>, title: 'English' },
      ]}
    />
  );
}
