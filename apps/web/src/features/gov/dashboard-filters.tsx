import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TIERS, type Tier } from '@lianrong/matching/vocabulary';
import { useSession } from '../../api/auth';
import { type DashboardFilters, type ExportTable, downloadDashboard } from '../../api/dashboard';
import { useLeadBanks } from '../../api/gov-operations';
import type { DashboardFreshness } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { cityChoices, recentMonths } from './dashboard-choices';
import { formatMonth } from '../roadshows/roadshow-month';

const EXPORT_TABLES: ExportTable[] = ['chains', 'cities', 'blockers', 'banks', 'roadshows'];

const chinaDate = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');

/** How fresh the figures are, said on every page of the dashboard. */
export function FreshnessNote({ freshness }: { freshness: DashboardFreshness | null | undefined }) {
  const { t } = useTranslation();
  if (!freshness) return null;
  return (
    <Space size={[8, 4]} wrap data-testid="dashboard-freshness">
      <Tag color="blue">{t('gov.freshness.asOf', { time: formatDateTime(freshness.asOf) })}</Tag>
      {freshness.source === 'live' ? (
        <Tag>{t('gov.freshness.live')}</Tag>
      ) : freshness.pendingChanges ? (
        <Tag color="processing">{t('gov.freshness.pending')}</Tag>
      ) : (
        <Tag color="success">{t('gov.freshness.current')}</Tag>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('gov.freshness.every', { minutes: freshness.refreshEveryMinutes })}
      </Typography.Text>
    </Space>
  );
}

interface FiltersBarProps {
  filters: DashboardFilters;
  onChange: (next: DashboardFilters) => void;
  /** Period and bank apply to the loan figures; the blockers page has neither. */
  loanFilters?: boolean;
}

/** Period, tier, city and bank: the filters the page, its charts and its exports share. */
export function DashboardFiltersBar({ filters, onChange, loanFilters = true }: FiltersBarProps) {
  const { t } = useTranslation();
  const agencyRegion = useSession().user?.organization.regionCode;
  const lang = useLang();
  const banks = useLeadBanks();
  const months = useMemo(() => recentMonths(), []);
  const monthOptions = months.map((m) => ({ value: m, label: formatMonth(m, lang) }));
  const set = (patch: Partial<DashboardFilters>) => onChange({ ...filters, ...patch });
  return (
    <Space size={[12, 8]} wrap align="center" data-testid="dashboard-filters">
      {loanFilters && (
        <>
          <Select
            aria-label={t('gov.filters.periodStart')}
            data-testid="filter-from"
            allowClear
            placeholder={t('gov.filters.periodStart')}
            style={{ width: 140 }}
            value={filters.from}
            options={monthOptions}
            onChange={(from?: string) => set({ from })}
          />
          <Select
            aria-label={t('gov.filters.periodEnd')}
            data-testid="filter-to"
            allowClear
            placeholder={t('gov.filters.periodEnd')}
            style={{ width: 140 }}
            value={filters.to}
            options={monthOptions}
            onChange={(to?: string) => set({ to })}
          />
        </>
      )}
      <Select
        aria-label={t('gov.filters.tier')}
        data-testid="filter-tier"
        allowClear
        placeholder={t('gov.filters.tierAll')}
        style={{ width: 180 }}
        value={filters.tier}
        options={TIERS.map((tier) => ({ value: tier, label: t(`enums.tier.${tier}`) }))}
        onChange={(tier?: Tier) => set({ tier })}
      />
      {agencyRegion && (
        <Select
          aria-label={t('gov.filters.city')}
          data-testid="filter-city"
          allowClear
          placeholder={t('gov.filters.cityAll')}
          style={{ width: 160 }}
          value={filters.city}
          options={cityChoices(agencyRegion, lang)}
          onChange={(city?: string) => set({ city })}
        />
      )}
      {loanFilters && (
        <Tooltip title={t('gov.filters.bankHint')}>
          <Select
            aria-label={t('gov.filters.bank')}
            data-testid="filter-bank"
            allowClear
            placeholder={t('gov.filters.bankAll')}
            style={{ width: 200 }}
            popupMatchSelectWidth={false}
            value={filters.bank}
            loading={banks.isPending}
            options={(banks.data?.banks ?? []).map((b) => ({ value: b.id, label: b.name }))}
            onChange={(bank?: string) => set({ bank })}
          />
        </Tooltip>
      )}
      <Button onClick={() => onChange({})} data-testid="filter-reset">
        {t('gov.filters.reset')}
      </Button>
    </Space>
  );
}

/** The XLSX of every table, and one table as CSV, under the page's filters. */
export function ExportButtons({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (format: Parameters<typeof downloadDashboard>[1]) => {
    setBusy(true);
    try {
      const fileName =
        format.kind === 'xlsx'
          ? t('gov.export.file', { date: chinaDate() })
          : t('gov.export.csvFile', { date: chinaDate(), table: t(`gov.export.table.${format.table}`) });
      await downloadDashboard(filters, format, fileName);
    } catch (error) {
      void message.error(t('gov.export.failed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space.Compact>
      <Button type="primary" icon={<DownloadOutlined />} loading={busy} onClick={() => void run({ kind: 'xlsx' })} data-testid="export-xlsx">
        {t('gov.export.xlsx')}
      </Button>
      <Dropdown
        menu={{
          items: EXPORT_TABLES.map((table) => ({ key: table, label: t(`gov.export.table.${table}`) })),
          onClick: ({ key }) => void run({ kind: 'csv', table: key as ExportTable }),
        }}
      >
        <Button loading={busy} data-testid="export-csv">
          {t('gov.export.csv')}
        </Button>
      </Dropdown>
    </Space.Compact>
  );
}
