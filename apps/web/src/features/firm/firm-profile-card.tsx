import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { lazy, type ReactNode, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMyClaims } from '../../api/claims';
import type { FirmClaimKind, FirmProfile } from '../../api/types';
import { factStates } from '../claims/fact-states';
import { FactStatus } from '../claims/fact-status';
import { TierTag, WhitelistBadge } from '../../shared/components/tags';
import { regionName } from '../../shared/regions';
import { useLang } from '../../i18n/i18n';

// The form carries the industry and division tables: loaded when a claim is filed.
const ClaimModal = lazy(() => import('../claims/claim-modal').then((m) => ({ default: m.ClaimModal })));

export function FirmProfileCard({ firm }: { firm: FirmProfile }) {
  const { t } = useTranslation();
  const lang = useLang();
  const claims = useMyClaims();
  const states = useMemo(() => factStates(claims.data ?? []), [claims.data]);
  const [claiming, setClaiming] = useState<FirmClaimKind | null>(null);
  const status = (kind: FirmClaimKind) => <FactStatus kind={kind} state={states[kind]} onClaim={setClaiming} />;
  const fact = (value: ReactNode, kind: FirmClaimKind) => (
    <Space orientation="vertical" size={0}>
      <span>{value}</span>
      {status(kind)}
    </Space>
  );
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 8 }} data-testid="firm-name">
        {firm.name}
      </Typography.Title>
      <Space size={[4, 8]} wrap style={{ marginBottom: 16 }}>
        <TierTag tier={firm.tier} />
        {firm.tierYear && <Typography.Text type="secondary">{t('firm.tierYear', { year: firm.tierYear })}</Typography.Text>}
        {firm.tierExpiringSoon && (
          <Tag color="warning" data-testid="tier-expiring">
            {t('claims.expiringSoon', { date: firm.tierExpiresOn })}
          </Tag>
        )}
        {firm.tierExpired && (
          <Tag color="error" data-testid="tier-expired">
            {t('claims.expired', { date: firm.tierExpiresOn })}
          </Tag>
        )}
        {firm.whitelisted && <WhitelistBadge />}
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t('firm.uscc')}>
          <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
            {firm.uscc}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('claims.kind.tier')}>
          {fact(
            firm.tier === 'none' ? t('enums.tier.none') : t('claims.tierValue', { tier: t(`enums.tier.${firm.tier}`), year: firm.tierYear }),
            'tier',
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('firm.region')}>{fact(regionName(firm.regionCode, lang), 'region')}</Descriptions.Item>
        <Descriptions.Item label={t('firm.industry')}>{fact(firm.industryCode, 'industry')}</Descriptions.Item>
        <Descriptions.Item label={t('firm.yearsInNiche')}>
          {fact(t('firm.yearsValue', { count: firm.yearsInNiche }), 'years_in_niche')}
        </Descriptions.Item>
        <Descriptions.Item label={t('firm.chains')}>
          {fact(
            firm.chains.length > 0
              ? `${firm.chains.map((c) => c.name).join('、')}${firm.chainRole ? ` · ${t(`enums.chainRole.${firm.chainRole}`)}` : ''}`
              : '—',
            'chain',
          )}
        </Descriptions.Item>
      </Descriptions>
      {claiming && (
        <Suspense fallback={null}>
          <ClaimModal kind={claiming} onClose={() => setClaiming(null)} />
        </Suspense>
      )}
    </Card>
  );
}
