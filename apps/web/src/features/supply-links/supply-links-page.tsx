import { Badge, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSupplyLinks } from '../../api/supply-links';
import { QueryState } from '../../shared/components/query-state';
import { SupplyLinkClaimForm } from './supply-link-claim-form';
import { CoreLinksTable, SupplierLinksTable } from './supply-links-tables';

/** 供应链关系: a supplier claims its core enterprises; a core enterprise decides its suppliers' claims. */
export function SupplyLinksPage() {
  const { t } = useTranslation();
  const links = useSupplyLinks();
  const pending = links.data?.asCore.filter((l) => l.status === 'pending').length ?? 0;
  const coreFirst = (links.data?.asCore.length ?? 0) > 0;
  const coreCard = (
    <Card
      title={
        <span>
          {t('supplyLinks.asCoreTitle')} <Badge count={pending} style={{ marginLeft: 4 }} />
        </span>
      }
    >
      <Typography.Paragraph type="secondary">{t('supplyLinks.asCoreIntro')}</Typography.Paragraph>
      <QueryState query={links}>{(data) => <CoreLinksTable links={data.asCore} />}</QueryState>
    </Card>
  );
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="supply-links-title">
          {t('supplyLinks.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('supplyLinks.intro')}
        </Typography.Paragraph>
      </div>
      {/* A core enterprise has claims waiting: those come first. A plain supplier sees its own side first. */}
      {coreFirst && coreCard}
      <Card title={t('supplyLinks.claimTitle')}>
        <SupplyLinkClaimForm />
      </Card>
      <Card title={t('supplyLinks.asSupplierTitle')}>
        <QueryState query={links}>
          {(data) => <SupplierLinksTable links={data.asSupplier} />}
        </QueryState>
      </Card>
      {!coreFirst && coreCard}
    </div>
  );
}
