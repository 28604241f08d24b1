import type zhCN from './locales/zh-CN.json';

// Typed keys: `t('firm.revenue')` is checked against the Chinese catalogue, which is
// the source of truth (the labels spec checks English has the same keys).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
