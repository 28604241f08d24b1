import {
  Button,
  Card,
  Flex,
  Checkbox,
  Grid,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { MATCH_STATUSES, TIERS, type MatchStatus } from '@lianrong/matching/vocabulary';
import {
  type QueueFilters,
  downloadQueueExport,
  queueSearch,
  useBankChains,
  useBankQueue,
} from '../../../api/bank-queue';
import { useProducts } from '../../../api/products';
import type { QueueCounts, QueueItem } from '../../../api/types';
import { paths } from '../../../app/paths';
import { useLang } from '../../../i18n/i18n';
import { MatchStatusTag, TierTag, WhitelistBadge } from '../../../shared/components/tags';
import { QueryState } from '../../../shared/components/query-state';
import { formatMoney, formatScore } from '../../../shared/format';
import { regionChoices, regionName } from '../../../shared/regions';
import { activeFilterCount, filtersFromSearch } from './queue-filters';
import { ONE_CLICK_STEPS, type ReviewStep, reviewSteps } from './review-steps';
import { ReviewDrawer, type ReviewTarget, useReviewStep } from './review-drawer';
import { ExportButton, PageHeader } from '../../../shared/components/page-header';

// The region filter offers the province the demo banks serve and its cities.
const PROVINCE = '430000';

const NO_WRAP = {
  onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
  onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
};

export function toReviewTarget(item: QueueItem): ReviewTarget {
  return {
    id: item.id,
    version: item.version,
    status: item.status,
    allowedMoves: item.allowedMoves,
    firmName: item.firm.name,
    productName: item.product.name,
    needAmount: item.need.amount,
    needTermMonths: item.need.termMonths,
    proposedAmount: item.proposedAmount,
    proposedRateBps: item.proposedRateBps,
    proposedTermMonths: item.proposedTermMonths,
    approvedAmount: item.approvedAmount,
    disbursedAmount: item.disbursedAmount,
  };
}

function FilterBar({ filters, onChange }: { filters: QueueFilters; onChange: (next: QueueFilters) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const products = useProducts();
  const chains = useBankChains();
  const set = (patch: Partial<QueueFilters>) => onChange({ ...filters, ...patch });
  // Each select takes a share of the row and wraps below 180 px, so a phone shows one per line.
  const select = { allowClear: true, style: { flex: '1 1 180px', minWidth: 0, maxWidth: 320 }, popupMatchSelectWidth: false } as const;
  const active = activeFilterCount(filters);
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }} data-testid="queue-filters">
      <Select
        {...select}
        aria-label={t('bankQueue.filters.product')}
        placeholder={t('bankQueue.filters.productAll')}
        value={filters.productId}
        loading={products.isPending}
        options={(products.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        onChange={(v?: string) => set({ productId: v })}
        data-testid="filter-product"
      />
      <Select
        {...select}
        aria-label={t('bankQueue.filters.chain')}
        placeholder={t('bankQueue.filters.chainAll')}
        value={filters.chainId}
        loading={chains.isPending}
        options={(chains.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        onChange={(v?: string) => set({ chainId: v })}
        data-testid="filter-chain"
      />
      <Select
        {...select}
        mode="multiple"
        maxTagCount="responsive"
        style={{ ...select.style, flexBasis: 220 }}
        aria-label={t('bankQueue.filters.tier')}
        placeholder={t('bankQueue.filters.tierAll')}
        value={filters.tier ?? []}
        options={TIERS.map((tier) => ({ value: tier, label: t(`enums.tier.${tier}`) }))}
        onChange={(v: QueueFilters['tier']) => set({ tier: v?.length ? v : undefined })}
        data-testid="filter-tier"
      />
      <Select
        {...select}
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t('bankQueue.filters.region')}
        placeholder={t('bankQueue.filters.regionAll')}
        value={filters.regionCode}
        options={regionChoices(PROVINCE, lang)}
        onChange={(v?: string) => set({ regionCode: v })}
        data-testid="filter-region"
      />
      <Checkbox checked={!!filters.appliedOnly} onChange={(e) => set({ appliedOnly: e.target.checked || undefined })} data-testid="filter-applied">
        {t('bankQueue.filters.appliedOnly')}
      </Checkbox>
      <Checkbox checked={!!filters.overdue} onChange={(e) => set({ overdue: e.target.checked || undefined })} data-testid="filter-overdue">
        {t('bankQueue.filters.overdue')}
      </Checkbox>
      <Checkbox
        checked={!!filters.whitelisted}
        onChange={(e) => set({ whitelisted: e.target.checked || undefined })}
        data-testid="filter-whitelisted"
      >
        {t('bankQueue.filters.whitelisted')}
      </Checkbox>
      {active > 0 && (
        <Button type="link" onClick={() => onChange({ sort: filters.sort, status: filters.status })} data-testid="filter-reset">
          {t('bankQueue.filters.reset')}
        </Button>
      )}
    </div>
  );
}

function StatusTabs({
  counts,
  status,
  onChange,
}: {
  counts: QueueCounts | undefined;
  status: MatchStatus | undefined;
  onChange: (s: MatchStatus | undefined) => void;
}) {
  const { t } = useTranslation();
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : undefined;
  const label = (text: string, count: number | undefined) =>
    count === undefined ? text : t('bankQueue.tabValue', { label: text, count });
  // Statuses with nothing in them stay out of the way, unless one is the tab in use.
  const shown = MATCH_STATUSES.filter((s) => !counts || counts[s] > 0 || s === status);
  // A wrapping row of toggle buttons rather than tabs: with every status in use the tabs
  // overflowed into a "more" menu, which hid statuses and broke the tab list's semantics.
  const items = [
    { key: 'all', label: label(t('bankQueue.statusAll'), total) },
    ...shown.map((s) => ({ key: s, label: label(t(`enums.matchStatus.${s}`), counts?.[s]) })),
  ];
  const active = status ?? 'all';
  return (
    <Flex wrap gap={8} role="group" aria-label={t('bankQueue.statusTabs')} data-testid="queue-status-tabs">
      {items.map((item) => (
        <Button
          key={item.key}
          size="small"
          type={item.key === active ? 'primary' : 'default'}
          aria-pressed={item.key === active}
          onClick={() => onChange(item.key === 'all' ? undefined : (item.key as MatchStatus))}
        >
          {item.label}
        </Button>
      ))}
    </Flex>
  );
}

function RowActions({ item, onOpen }: { item: QueueItem; onOpen: (item: QueueItem, step?: ReviewStep) => void }) {
  const { t } = useTranslation();
  const steps = reviewSteps(item.status, item.allowedMoves);
  const { run, pending } = useReviewStep();
  const quick = steps.filter((s) => ONE_CLICK_STEPS.includes(s));
  const more = steps.filter((s) => !ONE_CLICK_STEPS.includes(s));
  if (steps.length === 0) return null;
  return (
    <Space size={4} wrap>
      {quick.map((s) => (
        <Button
          key={s}
          size="small"
          type="primary"
          loading={pending}
          onClick={() => run(toReviewTarget(item), s, {})}
          data-testid={`row-step-${s}`}
        >
          {t(`bankQueue.steps.${s}`)}
        </Button>
      ))}
      {more.length > 0 && (
        <Button size="small" onClick={() => onOpen(item, more[0])} data-testid="row-handle">
          {t('bankQueue.handle')}
        </Button>
      )}
    </Space>
  );
}

function QueueTable({
  items,
  loading,
  onOpen,
}: {
  items: QueueItem[];
  /** The rows are the previous filter's, shown while the new ones load. */
  loading: boolean;
  onOpen: (item: QueueItem, step?: ReviewStep) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const isPhone = Grid.useBreakpoint().sm === false;
  const need = (m: QueueItem) => (
    <Space orientation="vertical" size={0}>
      <Typography.Text>{m.product.name}</Typography.Text>
      <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
        {t('bankQueue.asked', { amount: formatMoney(m.need.amount, lang) })}
      </Typography.Text>
      {m.suggestedLine === undefined ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('bankQueue.noLine')}
        </Typography.Text>
      ) : (
        <Space size={4} wrap>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }} data-testid="row-line">
            {t('bankQueue.suggestedLine', { amount: formatMoney(m.suggestedLine, lang) })}
          </Typography.Text>
          {m.need.amount > m.suggestedLine && <Tag color="warning">{t('bankQueue.aboveLine')}</Tag>}
        </Space>
      )}
    </Space>
  );
  const status = (m: QueueItem) => (
    <Space orientation="vertical" size={2}>
      <MatchStatusTag status={m.status} />
      {m.waitingWorkingDays !== null && (
        <Space size={4} wrap>
          <Typography.Text type={m.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {t('bankQueue.waiting', { count: m.waitingWorkingDays })}
          </Typography.Text>
          {m.overdue && (
            <Tag color="error" data-testid="row-overdue">
              {t('bankQueue.overdue')}
            </Tag>
          )}
        </Space>
      )}
      {m.approvedAmount !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('bankQueue.approvedValue', { amount: formatMoney(m.approvedAmount, lang) })}
        </Typography.Text>
      )}
      {m.disbursedAmount !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('bankQueue.disbursedValue', { amount: formatMoney(m.disbursedAmount, lang) })}
        </Typography.Text>
      )}
    </Space>
  );
  // On a phone the row is two columns: everything about the match stacked under the firm, and the score.
  const columns: TableColumnsType<QueueItem> = [
    {
      title: t('bankQueue.columns.firm'),
      key: 'firm',
      render: (_: unknown, m) => (
        <Space orientation="vertical" size={2}>
          <Link to={paths.bank.firm(m.firm.id, m.id)} data-testid="queue-firm-name">
            <strong>{m.firm.name}</strong>
          </Link>
          <Space size={[4, 4]} wrap>
            <TierTag tier={m.firm.tier} />
            {m.firm.whitelisted && <WhitelistBadge />}
            {m.ineligible && <Tag color="warning">{t('bankQueue.ineligible')}</Tag>}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[regionName(m.firm.regionCode, lang), ...m.firm.chains.map((c) => c.name)].join(' · ')}
          </Typography.Text>
          {isPhone && need(m)}
          {isPhone && status(m)}
          {isPhone && <RowActions item={m} onOpen={onOpen} />}
        </Space>
      ),
    },
    { title: t('bankQueue.columns.need'), key: 'need', responsive: ['sm'], render: (_: unknown, m) => need(m) },
    {
      title: t('bankQueue.columns.score'),
      dataIndex: 'score',
      align: 'right',
      ...NO_WRAP,
      render: (v: number | null) => <Typography.Text strong>{formatScore(v)}</Typography.Text>,
    },
    { title: t('bankQueue.columns.status'), key: 'status', responsive: ['sm'], render: (_: unknown, m) => status(m) },
    {
      title: t('bankQueue.columns.actions'),
      key: 'actions',
      responsive: ['sm'],
      render: (_: unknown, m) => <RowActions item={m} onOpen={onOpen} />,
    },
  ];
  return (
    <Table
      data-testid="queue-table"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      pagination={false}
      loading={loading}
      scroll={isPhone ? undefined : { x: 760 }}
      locale={{ emptyText: t('bankQueue.empty') }}
    />
  );
}

/** /bank/queue — 待办队列: the bank's ranked firms and applications across all its products. */
export function QueuePage() {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().sm === false;
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const queue = useBankQueue(filters);
  const [open, setOpen] = useState<{ id: string; step?: ReviewStep } | null>(null);
  const items = useMemo(() => queue.data?.pages.flatMap((p) => p.items) ?? [], [queue.data]);
  const counts = queue.data?.pages[0]?.counts ?? undefined;
  const total = counts ? (filters.status ? counts[filters.status] : Object.values(counts).reduce((a, b) => a + b, 0)) : undefined;
  // The drawer follows the row as it is refreshed (a new version after each move).
  const openItem = open ? items.find((i) => i.id === open.id) : undefined;

  const change = (next: QueueFilters) => setSearch(new URLSearchParams(queueSearch(next)), { replace: true });

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <PageHeader
        title={t('bankQueue.title')}
        intro={t('bankQueue.intro')}
        action={
          <ExportButton
            download={() => {
              const date = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
              return downloadQueueExport(filters, t('bankQueue.exportFile', { date }));
            }}
            failed={(cause) => t('bankQueue.exportFailed', { message: cause })}
            testId="queue-export"
          >
            {t('bankQueue.export')}
          </ExportButton>
        }
      />
      <Card size={isPhone ? 'small' : 'medium'}>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <FilterBar filters={filters} onChange={change} />
          <Space size={8} wrap>
            <Typography.Text id="queue-sort-label" type="secondary">
              {t('bankQueue.sort.label')}
            </Typography.Text>
            <Segmented
              aria-labelledby="queue-sort-label"
              value={filters.sort}
              onChange={(v) => change({ ...filters, sort: v as QueueFilters['sort'] })}
              options={[
                { value: 'score', label: t('bankQueue.sort.score') },
                { value: 'waiting', label: t('bankQueue.sort.waiting') },
              ]}
              data-testid="queue-sort"
            />
          </Space>
          <StatusTabs counts={counts} status={filters.status} onChange={(status) => change({ ...filters, status })} />
          <div data-testid="queue-rows" data-fetching={queue.isFetching && !queue.isFetchingNextPage}>
            <QueryState query={queue}>
              {() => (
                <QueueTable
                  items={items}
                  loading={queue.isPlaceholderData}
                  onOpen={(item, step) => setOpen({ id: item.id, step })}
                />
              )}
            </QueryState>
          </div>
          {queue.data && (
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'center' }}>
              <Typography.Text type="secondary" data-testid="queue-shown">
                {queue.hasNextPage
                  ? t('bankQueue.shown', { shown: items.length, total: total ?? items.length })
                  : t('bankQueue.allLoaded', { total: items.length })}
              </Typography.Text>
              {queue.hasNextPage && (
                <Button loading={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()} data-testid="queue-more">
                  {t('bankQueue.loadMore')}
                </Button>
              )}
            </div>
          )}
        </Space>
      </Card>
      <ReviewDrawer
        target={openItem ? toReviewTarget(openItem) : null}
        initialStep={open?.step}
        onClose={() => setOpen(null)}
      />
    </div>
  );
}
