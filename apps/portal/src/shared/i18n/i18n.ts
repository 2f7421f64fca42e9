import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Every area keeps its words beside its pages (`<area>/locales/vi.json`, `en.json`, each under the area's own
 * top-level key); the shared ones are in src/locales. All are merged into one resource per language.
 */
type Messages = { [key: string]: string | Messages };
const merge = (files: Record<string, { default: Messages }>): Messages =>
  Object.values(files).reduce<Messages>((all, file) => ({ ...all, ...file.default }), {});
const vi = merge(import.meta.glob<{ default: Messages }>('../../**/locales/vi.json', { eager: true }));
const en = merge(import.meta.glob<{ default: Messages }>('../../**/locales/en.json', { eager: true }));

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

// The chosen language is a preference, not a secret: it may live in localStorage (tokens never do).
const STORAGE_KEY = 'ocop.language';

export function storedLanguage(): Language {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    return saved === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing without storage: the choice lasts for this page.
  }
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

/** Vietnamese first: every string exists in vi.json; en.json follows key for key (locales.spec.ts checks). */
export function initI18n(language: Language = storedLanguage()): typeof i18n {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources: { vi: { translation: vi }, en: { translation: en } },
      lng: language,
      fallbackLng: 'vi',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  return i18n;
}

export const currentLanguage = (): Language => (i18n.language === 'en' ? 'en' : 'vi');
