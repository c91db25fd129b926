import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en.ts';
import { vi } from './vi.ts';

export type Language = 'vi' | 'en';
export const LANGUAGES: Language[] = ['vi', 'en'];
const STORAGE_KEY = 'epi.lang';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'vi' ? v : 'vi';
  } catch {
    return 'vi';
  }
}

function applySideEffects(lang: Language) {
  dayjs.locale(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

const initial = storedLanguage();
void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'vi',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});
applySideEffects(initial);

/** Switches the UI language and remembers it for the next visit. */
export function setLanguage(lang: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  applySideEffects(lang);
  void i18n.changeLanguage(lang);
}

/** The current language, re-rendering the caller when it changes. */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  return instance.language === 'en' ? 'en' : 'vi';
}

export { i18n };
