import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Every area keeps its words beside its pages (`<area>/locales/vi.json`, `en.json`, each under the area's own
 * top-level key); the shared ones are in src/locales and load with the app. An area's words load with its pages
 * (`page` in app/page.tsx), so the first page a phone opens carries none of the other areas' text.
 */
type Messages = { [key: string]: string | Messages };
type MessageFile = { default: Messages };
const merge = (files: MessageFile[]): Messages =>
  files.reduce<Messages>((all, file) => ({ ...all, ...file.default }), {});
const vi = merge(Object.values(import.meta.glob<MessageFile>('../../locales/vi.json', { eager: true })));
const en = merge(Object.values(import.meta.glob<MessageFile>('../../locales/en.json', { eager: true })));
const areaFiles = import.meta.glob<MessageFile>(['../../**/locales/*.json', '!../../locales/*.json']);

/** Adds the words of the area in `folder` (relative to src, e.g. 'producer/products') in both languages. */
export async function loadAreaMessages(folder: string): Promise<void> {
  // Safe to call before main.tsx has set up the words (a test rendering an area on its own): set them up if need be.
  initI18n();
  await Promise.all(
    LANGUAGES.map(async (language) => {
      const load = areaFiles[`../../${folder}/locales/${language}.json`];
      if (!load) throw new Error(`No ${language} words for ${folder}`);
      i18n.addResourceBundle(language, 'translation', (await load()).default, true, true);
    }),
  );
}

/** Every area's words at once: for component tests, which render an area without its route. */
export async function loadAllAreaMessages(): Promise<void> {
  const folders = Object.keys(areaFiles).map((path) =>
    path.replace(/^\.\.\/\.\.\/|\/locales\/\w+\.json$/g, ''),
  );
  await Promise.all([...new Set(folders)].map(loadAreaMessages));
}

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
