import { Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FirmProfile } from '../../api/types';
import { TierTag, WhitelistBadge } from '../../shared/components/tags';
import { regionName } from '../../shared/regions';
import { useLang } from '../../i18n/i18n';

export function FirmProfileCard({ firm }: { firm: FirmProfile }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 8 }} data-testid="firm-name">
        {firm.name}
      </Typography.Title>
      <Space size={[4, 8]} wrap style={{ marginBottom: 16 }}>
        <TierTag tier={firm.tier} />
        {firm.tierYear && <Typography.Text type="secondary">{t('firm.tierYear', { year: firm.tierYear })}</Typography.Text>}
        {firm.whitelisted && <WhitelistBadge />}
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t('firm.uscc')}>
          <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
            {firm.uscc}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('firm.region')}>{regionName(firm.regionCode, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('firm.industry')}>{firm.industryCode}</Descriptions.Item>
        {firm.yearsInNiche !== null && (
          <Descriptions.Item label={t('firm.yearsInNiche')}>
            {t('firm.yearsValue', { count: firm.yearsInNiche })}
          </Descriptions.Item>
        )}
        {firm.chainRole && (
          <Descriptions.Item label={t('firm.chainRole')}>{t(`enums.chainRole.${firm.chainRole}`)}</Descriptions.Item>
        )}
        {firm.chains.length > 0 && (
          <Descriptions.Item label={t('firm.chains')}>{firm.chains.map((c) => c.name).join('、')}</Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
