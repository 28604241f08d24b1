import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Lang } from '../shared/format';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

// Chinese first: the platform's users are Hunan firms, banks and 工信厅 staff; the
// English toggle is for foreign investors and reviewers. The choice is remembered.
const LANG_KEY = 'lianrong.lang';
export const DEFAULT_LANG: Lang = 'zh-CN';

function storedLang(): Lang {
  try {
    return window.localStorage.getItem(LANG_KEY) === 'en' ? 'en' : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

function applyToDocument(lang: Lang): void {
  document.documentElement.lang = lang;
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
}

export function initI18n(): typeof i18n {
  const lng = storedLang();
  void i18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng,
    fallbackLng: DEFAULT_LANG,
    interpolation: { escapeValue: false }, // React escapes already
    initAsync: false, // resources are bundled; render translated on the first paint
  });
  applyToDocument(lng);
  return i18n;
}

export function setLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Not persisted in private modes; the toggle still works for this tab.
  }
  applyToDocument(lang);
  void i18n.changeLanguage(lang);
}

export function useLang(): Lang {
  const { i18n: instance } = useTranslation();
  return instance.language === 'en' ? 'en' : 'zh-CN';
}
