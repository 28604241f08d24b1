import { Card, Col, Empty, Row, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { paths } from '../../app/paths';
import {
  type DashboardFilters,
  dashboardSearch,
  filtersFromSearch,
  useGovBanks,
  useGovOverview,
} from '../../api/dashboard';
import type { BankResponsiveness } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { QueryState } from '../../shared/components/query-state';
import { ScrollRegion } from '../../shared/components/scroll-region';
import { formatCount, formatMoney } from '../../shared/format';
import { formatMonth } from '../roadshows/roadshow-month';
import { FigureCards } from './chain-figures';
import { formatDays, formatShareBps } from './dashboard-choices';
import { ChainsTable, CitiesTable } from './chains-table';
import { BankResponsivenessChart, CreditByChainChart, TierMixChart, TrendChart } from './dashboard-charts';
import { DashboardFiltersBar, ExportButtons, FreshnessNote } from './dashboard-filters';

export const withSearch = (path: string, search: string) => (search ? `${path}?${search}` : path);

/** The filters live in the address bar, so a view can be bookmarked, shared and reloaded. */
export function useDashboardFilters(): [DashboardFilters, (next: DashboardFilters) => void, string] {
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const change = (next: DashboardFilters) => setSearch(new URLSearchParams(dashboardSearch(next)), { replace: true });
  return [filters, change, dashboardSearch(filters)];
}

function BanksTable({ banks }: { banks: BankResponsiveness[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const columns: TableColumnsType<BankResponsiveness> = [
    { key: 'bank', title: t('gov.col.bank'), render: (_, b) => b.bank.name },
    { key: 'applications', title: t('gov.col.applications'), align: 'right', render: (_, b) => formatCount(b.applications) },
    { key: 'answered', title: t('gov.col.answered'), align: 'right', render: (_, b) => formatCount(b.answered), responsive: ['md'] },
    { key: 'median', title: t('gov.col.medianResponseDays'), align: 'right', render: (_, b) => formatDays(b.medianResponseDays) },
    {
      key: 'overdue',
      title: t('gov.col.overdue'),
      align: 'right',
      render: (_, b) => (b.overdue > 0 ? <Typography.Text type="danger">{formatCount(b.overdue)}</Typography.Text> : '0'),
    },
    { key: 'limit', title: t('gov.col.responseDays'), align: 'right', render: (_, b) => b.responseDays, responsive: ['lg'] },
    { key: 'rate', title: t('gov.col.approvalRate'), align: 'right', render: (_, b) => formatShareBps(b.approvalRateBps) },
    { key: 'approved', title: t('gov.col.approvedAmount'), align: 'right', render: (_, b) => formatMoney(b.approvedAmount, lang), responsive: ['md'] },
    { key: 'disbursed', title: t('gov.col.disbursedAmount'), align: 'right', render: (_, b) => formatMoney(b.disbursedAmount, lang), responsive: ['lg'] },
  ];
  return (
    <ScrollRegion label={t('gov.banks')}>
      <Table<BankResponsiveness>
        data-testid="banks-table"
        rowKey={(b) => b.bank.id}
        size="small"
        style={{ whiteSpace: 'nowrap' }}
        columns={columns}
        dataSource={banks}
        pagination={false}
        locale={{ emptyText: t('gov.noBanks') }}
      />
    </ScrollRegion>
  );
}

/** 产业链融资监测: the agency's region chain by chain (一链一行). */
export function GovHomePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [filters, setFilters, search] = useDashboardFilters();
  const overview = useGovOverview(filters);
  const banks = useGovBanks(filters);
  const data = overview.data;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-start', justifyContent: 'space-between' }}>
        <div style={{ maxWidth: 760 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('gov.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
            {t('gov.intro')}
          </Typography.Paragraph>
          <Space size={[8, 4]} wrap>
            {data && <Typography.Text strong>{t('gov.region', { name: data.region.name })}</Typography.Text>}
            {data && (
              <Typography.Text type="secondary" data-testid="dashboard-period">
                {formatMonth(data.filters.period.from, lang)} – {formatMonth(data.filters.period.to, lang)}
              </Typography.Text>
            )}
            <FreshnessNote freshness={data?.freshness} />
          </Space>
        </div>
        <ExportButtons filters={filters} />
      </div>
      <DashboardFiltersBar filters={filters} onChange={setFilters} />
      <QueryState query={overview} rows={8}>
        {(o) => (
          <>
            <FigureCards figures={o.totals} />
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <Card title={t('gov.chart.credit')} size="small">
                  {o.items.length ? <CreditByChainChart chains={o.items} /> : <Empty description={t('gov.noChains')} />}
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card title={t('gov.chart.trend')} size="small">
                  <TrendChart points={o.trend} label={t('gov.chart.trend')} />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card title={t('gov.chart.tiers')} size="small">
                  {o.items.length ? <TierMixChart chains={o.items} /> : <Empty description={t('gov.noChains')} />}
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card title={t('gov.chart.banks')} size="small">
                  {banks.data?.items.length ? (
                    <BankResponsivenessChart banks={banks.data.items} />
                  ) : (
                    <Empty description={t('gov.noBanks')} />
                  )}
                </Card>
              </Col>
            </Row>
            <Card
              title={t('gov.chains')}
              extra={<Link to={withSearch(paths.gov.blockers, dashboardSearch({ tier: filters.tier, city: filters.city }))}>{t('gov.blockersLink')}</Link>}
            >
              <ChainsTable items={o.items} totals={o.totals} regionCities={o.cities} search={search} />
            </Card>
            <Card title={t('gov.cities')}>
              <CitiesTable cities={o.cities} label={t('gov.cities')} />
            </Card>
          </>
        )}
      </QueryState>
      <Card title={t('gov.banks')}>
        <Typography.Paragraph type="secondary">{t('gov.banksIntro')}</Typography.Paragraph>
        <QueryState query={banks}>{(b) => <BanksTable banks={b.items} />}</QueryState>
      </Card>
    </div>
  );
}
