import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/api-client';
import { useGovChain } from '../../api/dashboard';
import type { ChainCoreEnterprise, ChainFirm } from '../../api/types';
import { paths } from '../../app/paths';
import { useLang } from '../../i18n/i18n';
import { QueryState } from '../../shared/components/query-state';
import { ScrollRegion } from '../../shared/components/scroll-region';
import { formatCount, formatDate, formatMoney } from '../../shared/format';
import { regionName } from '../../shared/regions';
import { FigureCards } from './chain-figures';
import { formatShareBps } from './dashboard-choices';
import { CitiesTable } from './chains-table';
import { TrendChart } from './dashboard-charts';
import { DashboardFiltersBar, FreshnessNote } from './dashboard-filters';
import { useDashboardFilters, withSearch } from './gov-home-page';

const PAGE = 20;

/** Stage colours run from done (green) to stuck (red); words carry the meaning, not colour alone. */
const STAGE_COLOR: Record<ChainFirm['stage'], string> = {
  disbursed: 'green',
  approved: 'cyan',
  in_progress: 'blue',
  matched: 'geekblue',
  blocked: 'red',
  no_open_need: 'default',
};

function FirmsTable({ firms, total, page, onPage }: { firms: ChainFirm[]; total: number; page: number; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const columns: TableColumnsType<ChainFirm> = [
    {
      key: 'name',
      title: t('gov.firm'),
     
      render: (_, f) => (
        <Space size={[4, 2]} wrap>
          <span>{f.name}</span>
          {f.core && <Tag color="gold">{t('gov.core')}</Tag>}
          {f.whitelisted && <Tag color="purple">{t('gov.whitelisted')}</Tag>}
        </Space>
      ),
    },
    { key: 'region', title: t('gov.firmRegion'), render: (_, f) => regionName(f.regionCode, lang), responsive: ['md'] },
    { key: 'tier', title: t('gov.tier'), render: (_, f) => t(`enums.tier.${f.tier}`), responsive: ['lg'] },
    {
      key: 'stage',
      title: t('gov.stageLabel'),
      render: (_, f) => (
        <Tag color={STAGE_COLOR[f.stage]} data-testid="firm-stage">
          {t(`gov.stage.${f.stage}`)}
        </Tag>
      ),
    },
    {
      key: 'needs',
      title: t('gov.openNeeds'),
      align: 'right',
      render: (_, f) => (f.openNeeds ? `${formatCount(f.openNeeds)} · ${formatMoney(f.openNeedAmount, lang)}` : '—'),
      responsive: ['md'],
    },
    { key: 'live', title: t('gov.liveApplications'), align: 'right', render: (_, f) => formatCount(f.liveApplications), responsive: ['lg'] },
    { key: 'approved', title: t('gov.col.approvedAmount'), align: 'right', render: (_, f) => formatMoney(f.approvedAmount, lang) },
    { key: 'disbursed', title: t('gov.col.disbursedAmount'), align: 'right', render: (_, f) => formatMoney(f.disbursedAmount, lang) },
  ];
  return (
    <ScrollRegion label={t('gov.firms')}>
      <Table<ChainFirm>
        data-testid="chain-firms"
        rowKey="id"
        size="small"
        style={{ whiteSpace: 'nowrap' }}
        columns={columns}
        dataSource={firms}
        pagination={{ current: page, pageSize: PAGE, total, onChange: onPage, showSizeChanger: false, hideOnSinglePage: true }}
      />
    </ScrollRegion>
  );
}

function CoreEnterprises({ cores }: { cores: ChainCoreEnterprise[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (cores.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('gov.noCore')} />;
  type Supplier = ChainCoreEnterprise['suppliers'][number];
  const columns: TableColumnsType<Supplier> = [
    { key: 'name', title: t('gov.firm'), dataIndex: 'name' },
    { key: 'region', title: t('gov.firmRegion'), render: (_, s) => regionName(s.regionCode, lang), responsive: ['md'] },
    { key: 'sales', title: t('gov.annualSales'), align: 'right', render: (_, s) => formatMoney(s.annualSales, lang) },
    { key: 'approved', title: t('gov.col.approvedAmount'), align: 'right', render: (_, s) => formatMoney(s.approvedAmount, lang) },
    { key: 'disbursed', title: t('gov.col.disbursedAmount'), align: 'right', render: (_, s) => formatMoney(s.disbursedAmount, lang) },
    { key: 'confirmed', title: t('gov.confirmedAt'), render: (_, s) => formatDate(s.confirmedAt), responsive: ['lg'] },
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {cores.map((c) => (
        <Card key={c.id} size="small" type="inner" title={c.name} extra={t('gov.suppliers', { count: c.supplierCount })} data-testid={`core-${c.name}`}>
          {c.suppliers.length ? (
            <ScrollRegion label={c.name}>
              <Table<Supplier> rowKey="id" size="small" style={{ whiteSpace: 'nowrap' }} columns={columns} dataSource={c.suppliers} pagination={false} />
            </ScrollRegion>
          ) : (
            <Typography.Text type="secondary">{t('gov.noSuppliers')}</Typography.Text>
          )}
        </Card>
      ))}
    </Space>
  );
}

/** One chain: its figures by city and month, its member firms and how far each got, its core enterprises' suppliers. */
export function ChainPage() {
  const { t } = useTranslation();
  const { chainId = '' } = useParams();
  const [filters, setFilters, search] = useDashboardFilters();
  const [page, setPage] = useState(1);
  const chain = useGovChain(chainId, filters, { limit: PAGE, offset: (page - 1) * PAGE });
  const notFound = isApiError(chain.error) && (chain.error.statusCode === 404 || chain.error.statusCode === 400);
  const c = chain.data;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Link to={withSearch(paths.gov.home, search)}>
        <ArrowLeftOutlined /> {t('gov.back')}
      </Link>
      {notFound ? (
        <Alert type="warning" showIcon title={t('gov.noChains')} />
      ) : (
        <>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {c ? t('gov.chainTitle', { chain: c.name }) : ' '}
            </Typography.Title>
            {c && (
              <Space size={[12, 4]} wrap style={{ marginTop: 4 }}>
                <Typography.Text>
                  {t('gov.leadBank')}：{c.leadBank?.name ?? t('gov.noLeadBank')}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('gov.leadShare')} {formatShareBps(c.leadBankShareBps)}
                </Typography.Text>
                <FreshnessNote freshness={c.freshness} />
              </Space>
            )}
          </div>
          <DashboardFiltersBar filters={filters} onChange={(next) => { setPage(1); setFilters(next); }} />
          <QueryState query={chain} rows={8}>
            {(d) => (
              <>
                <FigureCards figures={d.figures} />
                <Card title={t('gov.chainTrend')} size="small">
                  <TrendChart points={d.trend} label={t('gov.chainTrend')} />
                </Card>
                <Card title={t('gov.citiesOf', { chain: d.name })}>
                  <CitiesTable cities={d.cities} label={t('gov.citiesOf', { chain: d.name })} />
                </Card>
                <Card title={t('gov.firms')} extra={t('gov.firmsTotal', { count: d.firms.total })}>
                  <Typography.Paragraph type="secondary">{t('gov.firmsIntro')}</Typography.Paragraph>
                  <FirmsTable firms={d.firms.items} total={d.firms.total} page={page} onPage={setPage} />
                </Card>
                <Card title={t('gov.coreEnterprises')}>
                  <Typography.Paragraph type="secondary">{t('gov.coreIntro')}</Typography.Paragraph>
                  <CoreEnterprises cores={d.coreEnterprises} />
                </Card>
              </>
            )}
          </QueryState>
        </>
      )}
    </div>
  );
}
