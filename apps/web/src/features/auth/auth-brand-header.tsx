import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageToggle } from '../../shared/components/language-toggle';

/** The product's name and the language toggle above the login and register cards. */
export function AuthBrandHeader() {
  const { t } = useTranslation();
  return (
    <div
      style={{
        display: 'flex',
        justifyContent: 'space-between',
        alignItems: 'flex-start',
        marginBottom: 16,
      }}
    >
      <div style={{ color: '#fff' }}>
        <Typography.Title level={1} style={{ color: '#fff', margin: 0, letterSpacing: 4 }}>
          链融
        </Typography.Title>
        <div style={{ opacity: 0.9 }}>{t('app.tagline')}</div>
      </div>
      <LanguageToggle ghost />
    </div>
  );
}
