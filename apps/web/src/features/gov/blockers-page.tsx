import { Alert, Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Tier } from '@lianrong/matching/vocabulary';
import { dashboardSearch, useGovBlockers, useGovOverview } from '../../api/dashboard';
import type { BlockerFigures, BlockersView } from '../../api/types';
import { EChart, type ChartOption } from '../../shared/components/echart';
import { QueryState } from '../../shared/components/query-state';
import { ScrollRegion } from '../../shared/components/scroll-region';
import { formatCount } from '../../shared/format';
import { formatShareBps } from './dashboard-choices';
import { DashboardFiltersBar, FreshnessNote } from './dashboard-filters';

type Code = BlockerFigures['codes'][number];

/** Share of the blocked needs per failure code, the largest on top: "63% 无可接受的担保方式". */
function CodesChart({ codes, label }: { codes: Code[]; label: string }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const ordered = [...codes].sort((a, b) => a.shareBps - b.shareBps);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 48, bottom: 8, top: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: ordered.map((c) => t(`govBlockers.code.${c.code}`)) },
      series: [
        {
          name: t('govBlockers.chart'),
          type: 'bar',
          barMaxWidth: 20,
          itemStyle: { color: '#c4561d' },
          data: ordered.map((c) => c.shareBps / 100),
          label: { show: true, position: 'right', formatter: ({ value }) => `${Number(value).toFixed(0)}%` },
        },
      ],
    };
  }, [codes, t]);
  return <EChart option={option} height={Math.max(160, codes.length * 40 + 40)} ariaLabel={label} />;
}

function CodeTags({ codes }: { codes: Code[] }) {
  const { t } = useTranslation();
  if (codes.length === 0) return <>—</>;
  return (
    <Space size={[4, 4]} wrap>
      {codes.slice(0, 4).map((c) => (
        <Tag key={c.code}>
          {formatShareBps(c.shareBps)} {t(`govBlockers.code.${c.code}`)}
        </Tag>
      ))}
    </Space>
  );
}

function GroupTable<T extends BlockerFigures>({
  rows,
  first,
  label,
  rowKey,
}: {
  rows: T[];
  first: TableColumnsType<T>[number];
  label: string;
  rowKey: (row: T) => string;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<T> = [
    first,
    { key: 'open', title: t('govBlockers.openNeeds'), align: 'right', render: (_, r) => formatCount(r.openNeeds) },
    { key: 'blocked', title: t('govBlockers.blockedNeeds'), align: 'right', render: (_, r) => formatCount(r.blockedNeeds) },
    { key: 'one', title: t('govBlockers.oneRuleAway'), align: 'right', render: (_, r) => formatCount(r.oneRuleAway), responsive: ['md'] },
    { key: 'codes', title: t('govBlockers.codes'), render: (_, r) => <CodeTags codes={r.codes} /> },
  ];
  return (
    <ScrollRegion label={label}>
      <Table<T> rowKey={rowKey} size="small" style={{ whiteSpace: 'nowrap' }} columns={columns} dataSource={rows} pagination={false} />
    </ScrollRegion>
  );
}

function Blockers({ view }: { view: BlockersView }) {
  const { t } = useTranslation();
  const totals = view.totals;
  if (!view.freshness) return <Alert type="info" showIcon title={t('govBlockers.notYet')} />;
  return (
    <>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('govBlockers.openNeeds')} value={formatCount(totals.openNeeds)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" data-testid="blocked-needs">
            <Statistic title={t('govBlockers.blockedNeeds')} value={formatCount(totals.blockedNeeds)} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('govBlockers.blockedShare', { share: formatShareBps(totals.openNeeds ? Math.round((totals.blockedNeeds * 10_000) / totals.openNeeds) : null) })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" data-testid="one-rule-away">
            <Statistic title={t('govBlockers.oneRuleAway')} value={formatCount(totals.oneRuleAway)} />
          </Card>
        </Col>
      </Row>
      <Card title={t('govBlockers.chart')} size="small" data-testid="blocker-codes">
        {totals.codes.length ? (
          <CodesChart codes={totals.codes} label={t('govBlockers.chart')} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('govBlockers.none')} />
        )}
        <ul style={{ margin: '8px 0 0', paddingInlineStart: 20 }} data-testid="blocker-code-list">
          {totals.codes.map((c) => (
            <li key={c.code}>
              {formatShareBps(c.shareBps)} {t(`govBlockers.code.${c.code}`)}（{formatCount(c.needs)}）
            </li>
          ))}
        </ul>
      </Card>
      {view.byChain.length > 1 && (
        <Card title={t('govBlockers.byChain')}>
          <GroupTable
            rows={view.byChain}
            label={t('govBlockers.byChain')}
            rowKey={(r) => r.chain.id}
            first={{ key: 'chain', title: t('gov.chainName'), render: (_, r) => r.chain.name }}
          />
        </Card>
      )}
      <Card title={t('govBlockers.byTier')}>
        <GroupTable
          rows={view.byTier}
          label={t('govBlockers.byTier')}
          rowKey={(r) => r.tier}
          first={{ key: 'tier', title: t('gov.tier'), render: (_, r) => t(`enums.tier.${r.tier}`) }}
        />
      </Card>
    </>
  );
}

/** 融资阻碍: why the open needs no product takes are stuck, in the matching rules' own terms. */
export function BlockersPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const filters = { chain: search.get('chain') ?? undefined, tier: (search.get('tier') as Tier | null) ?? undefined, city: search.get('city') ?? undefined };
  const blockers = useGovBlockers(filters);
  const overview = useGovOverview({});
  const change = (next: typeof filters) => setSearch(new URLSearchParams(dashboardSearch(next)), { replace: true });
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div style={{ maxWidth: 760 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('govBlockers.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
          {t('govBlockers.intro')}
        </Typography.Paragraph>
        <FreshnessNote freshness={blockers.data?.freshness} />
      </div>
      <Space size={[12, 8]} wrap>
        <Select
          aria-label={t('gov.filters.chain')}
          data-testid="filter-chain"
          allowClear
          placeholder={t('gov.filters.chainAll')}
          style={{ width: 180 }}
          value={filters.chain}
          options={(overview.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          onChange={(chain?: string) => change({ ...filters, chain })}
        />
        <DashboardFiltersBar filters={filters} onChange={(next) => change({ chain: filters.chain, tier: next.tier, city: next.city })} loanFilters={false} />
      </Space>
      <QueryState query={blockers} rows={6}>
        {(view) => <Blockers view={view} />}
      </QueryState>
    </div>
  );
}
