import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLang, useLang } from '../../i18n/i18n';

/**
 * Switches between Chinese and English. The visible label is the other language's own
 * name, spoken in that language; the tooltip says what it does.
 */
export function LanguageToggle({ ghost = false }: { ghost?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Button
      size="small"
      ghost={ghost}
      data-testid="language-toggle"
      lang={lang === 'en' ? 'zh-CN' : 'en'}
      title={t('app.languageToggleAria')}
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
    >
      {t('app.languageToggle')}
    </Button>
  );
}
