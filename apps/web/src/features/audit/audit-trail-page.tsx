import {
  Button,
  Card,
  DatePicker,
  Form,
  Grid,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type AuditEvent, type AuditFilters, downloadAuditExport, useAuditTrail } from '../../api/audit';
import { ExportButton, PageHeader } from '../../shared/components/page-header';
import { QueryState } from '../../shared/components/query-state';
import { useDebounced } from '../../shared/use-debounced';
import {
  ACTION_GROUPS,
  ACTION_LABELS,
  ENTITY_TYPES,
  actionLabelKey,
  auditFiltersFromSearch,
  auditFiltersToSearch,
  beijingTime,
  detailsText,
  isEntityType,
} from './audit-words';

/** Who reads: an agency its region's events, an admin all of them (and their addresses). */
export type AuditReader = 'gov' | 'admin';

const SMALL = { fontSize: 12 } as const;
const MONO = { fontSize: 12, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' } as const;

function ActionCell({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const key = actionLabelKey(event.action);
  const refused = event.action === 'session.login_failed' || event.action === 'session.refresh_reused';
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong type={refused ? 'danger' : undefined} data-testid="audit-action">
        {key ? t(`audit.actions.${key}`) : event.action}
      </Typography.Text>
      {key && (
        <Typography.Text type="secondary" style={MONO}>
          {event.action}
        </Typography.Text>
      )}
    </Space>
  );
}

function ActorCell({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  if (!event.actor) {
    const system = event.requestId === null;
    return <Tag color={system ? 'default' : 'warning'}>{t(system ? 'audit.system' : 'audit.unverified')}</Tag>;
  }
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>{event.actor.name ?? event.actor.userId}</Typography.Text>
      {event.actor.email && (
        <Typography.Text type="secondary" style={SMALL}>
          {event.actor.email}
        </Typography.Text>
      )}
      {event.actor.organization && (
        <Typography.Text type="secondary" style={SMALL}>
          {event.actor.organization.name}
        </Typography.Text>
      )}
    </Space>
  );
}

function EntityCell({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const type = isEntityType(event.entityType) ? t(`audit.entities.${event.entityType}`) : event.entityType;
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text>{type}</Typography.Text>
      {event.firm && <Typography.Text style={SMALL}>{event.firm.name}</Typography.Text>}
      {event.entityId && (
        <Typography.Text type="secondary" style={MONO} title={event.entityId}>
          {event.entityId.slice(0, 8)}
        </Typography.Text>
      )}
    </Space>
  );
}

function ChangeCell({ event }: { event: AuditEvent }) {
  const details = detailsText(event.data);
  return (
    <Space orientation="vertical" size={2}>
      {(event.fromStatus || event.toStatus) && (
        <Space size={4} wrap>
          {event.fromStatus && <Tag>{event.fromStatus}</Tag>}
          {event.fromStatus && event.toStatus && <span aria-hidden>→</span>}
          {event.toStatus && <Tag color="blue">{event.toStatus}</Tag>}
        </Space>
      )}
      {details && (
        <Typography.Text type="secondary" style={{ ...SMALL, wordBreak: 'break-word' }}>
          {details}
        </Typography.Text>
      )}
    </Space>
  );
}

function RequestCell({ event, reader }: { event: AuditEvent; reader: AuditReader }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={0}>
      {event.requestId && (
        <Typography.Text type="secondary" style={MONO} title={`${t('audit.requestId')}: ${event.requestId}`}>
          {event.requestId.slice(0, 13)}
        </Typography.Text>
      )}
      {reader === 'admin' && event.ip && (
        <Typography.Text style={MONO} title={t('audit.ip')} data-testid="audit-ip">
          {event.ip}
        </Typography.Text>
      )}
    </Space>
  );
}

function FilterBar({ filters, onChange }: { filters: AuditFilters; onChange: (next: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [actor, setActor] = useState(filters.actor ?? '');
  const settled = useDebounced(actor, 400);
  // Typing asks once per pause; a reset from outside (the clear button) empties the box.
  useEffect(() => {
    if ((settled.trim() || undefined) !== filters.actor) onChange({ ...filters, actor: settled.trim() || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);
  useEffect(() => {
    if (!filters.actor) setActor('');
  }, [filters.actor]);

  const set = (patch: Partial<AuditFilters>) => onChange({ ...filters, ...patch });
  const day = (value: string | undefined) => (value ? dayjs(value) : null);
  const control = { style: { width: '100%' } } as const;
  const item = { style: { flex: '1 1 200px', minWidth: 0, maxWidth: 320, marginBottom: 0 } } as const;
  const active = Object.values(filters).some(Boolean);
  return (
    <Form layout="vertical" component="div" data-testid="audit-filters">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-end' }}>
        <Form.Item {...item} label={t('audit.filters.actor')} htmlFor="audit-actor">
          <Input
            id="audit-actor"
            allowClear
            value={actor}
            placeholder={t('audit.filters.actorPlaceholder')}
            onChange={(e) => setActor(e.target.value)}
            data-testid="audit-filter-actor"
          />
        </Form.Item>
        <Form.Item {...item} label={t('audit.filters.action')} htmlFor="audit-action">
          <Select
            {...control}
            id="audit-action"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            popupMatchSelectWidth={false}
            placeholder={t('audit.filters.actionAll')}
            value={filters.action}
            onChange={(v?: string) => set({ action: v })}
            options={[
              {
                label: t('audit.filters.groupsLabel'),
                options: Object.entries(ACTION_GROUPS).map(([prefix, key]) => ({
                  value: prefix,
                  label: t(`audit.groups.${key}`),
                })),
              },
              {
                label: t('audit.filters.actionsLabel'),
                options: Object.entries(ACTION_LABELS).map(([action, key]) => ({
                  value: action,
                  label: t(`audit.actions.${key}`),
                })),
              },
            ]}
            data-testid="audit-filter-action"
          />
        </Form.Item>
        <Form.Item {...item} label={t('audit.filters.entityType')} htmlFor="audit-entity">
          <Select
            {...control}
            id="audit-entity"
            allowClear
            popupMatchSelectWidth={false}
            placeholder={t('audit.filters.entityAll')}
            value={filters.entityType}
            onChange={(v?: string) => set({ entityType: v })}
            options={ENTITY_TYPES.map((type) => ({ value: type, label: t(`audit.entities.${type}`) }))}
            data-testid="audit-filter-entity"
          />
        </Form.Item>
        <Form.Item {...item} label={t('audit.filters.from')} htmlFor="audit-from">
          <DatePicker
            {...control}
            id="audit-from"
            value={day(filters.from)}
            disabledDate={(d: Dayjs) => (filters.to ? d.isAfter(dayjs(filters.to), 'day') : false)}
            onChange={(d: Dayjs | null) => set({ from: d ? d.format('YYYY-MM-DD') : undefined })}
            data-testid="audit-filter-from"
          />
        </Form.Item>
        <Form.Item {...item} label={t('audit.filters.to')} htmlFor="audit-to">
          <DatePicker
            {...control}
            id="audit-to"
            value={day(filters.to)}
            disabledDate={(d: Dayjs) => (filters.from ? d.isBefore(dayjs(filters.from), 'day') : false)}
            onChange={(d: Dayjs | null) => set({ to: d ? d.format('YYYY-MM-DD') : undefined })}
            data-testid="audit-filter-to"
          />
        </Form.Item>
        {active && (
          <Button type="link" onClick={() => onChange({})} data-testid="audit-filter-reset">
            {t('audit.filters.reset')}
          </Button>
        )}
      </div>
    </Form>
  );
}

function AuditTable({ items, loading, reader }: { items: AuditEvent[]; loading: boolean; reader: AuditReader }) {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().sm === false;
  const time = (e: AuditEvent) => (
    <Typography.Text style={{ whiteSpace: 'nowrap' }} data-testid="audit-time">
      {beijingTime(e.at)}
    </Typography.Text>
  );
  // On a phone the row is one column: the event's parts stacked under its action.
  const columns: TableColumnsType<AuditEvent> = isPhone
    ? [
        {
          title: t('audit.columns.action'),
          key: 'all',
          render: (_: unknown, e) => (
            <Space orientation="vertical" size={4}>
              <ActionCell event={e} />
              {time(e)}
              <ActorCell event={e} />
              <EntityCell event={e} />
              <ChangeCell event={e} />
            </Space>
          ),
        },
      ]
    : [
        { title: t('audit.columns.at'), key: 'at', width: 170, render: (_: unknown, e) => time(e) },
        { title: t('audit.columns.actor'), key: 'actor', width: 200, render: (_: unknown, e) => <ActorCell event={e} /> },
        { title: t('audit.columns.action'), key: 'action', width: 200, render: (_: unknown, e) => <ActionCell event={e} /> },
        { title: t('audit.columns.entity'), key: 'entity', width: 200, render: (_: unknown, e) => <EntityCell event={e} /> },
        { title: t('audit.columns.change'), key: 'change', render: (_: unknown, e) => <ChangeCell event={e} /> },
        {
          title: t('audit.columns.request'),
          key: 'request',
          width: 150,
          render: (_: unknown, e) => <RequestCell event={e} reader={reader} />,
        },
      ];
  return (
    <Table
      data-testid="audit-table"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      pagination={false}
      loading={loading}
      scroll={isPhone ? undefined : { x: 1100 }}
      locale={{ emptyText: t('audit.empty') }}
    />
  );
}

/**
 * /gov/audit and /admin/audit — 审计日志: who did what, when, from which request; an
 * agency sees its region's firms, chains and roadshows, an admin everything.
 */
export function AuditTrailPage({ reader }: { reader: AuditReader }) {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().sm === false;
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => auditFiltersFromSearch(search), [search]);
  const trail = useAuditTrail(filters);
  const items = useMemo(() => trail.data?.pages.flatMap((p) => p.items) ?? [], [trail.data]);

  const change = (next: AuditFilters) => setSearch(auditFiltersToSearch(next), { replace: true });

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <PageHeader
        title={t('audit.title')}
        intro={t(reader === 'gov' ? 'audit.introGov' : 'audit.introAdmin')}
        action={
          <ExportButton
            download={() => {
              const date = beijingTime(new Date().toISOString()).slice(0, 10).replace(/-/g, '');
              return downloadAuditExport(filters, t('audit.exportFile', { date }));
            }}
            failed={(cause) => t('audit.exportFailed', { message: cause })}
            testId="audit-export"
          >
            {t('audit.export')}
          </ExportButton>
        }
      />
      <Card size={isPhone ? 'small' : 'medium'}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <FilterBar filters={filters} onChange={change} />
          <div data-testid="audit-rows" data-fetching={trail.isFetching && !trail.isFetchingNextPage}>
            <QueryState query={trail}>
              {() => <AuditTable items={items} loading={trail.isPlaceholderData} reader={reader} />}
            </QueryState>
          </div>
          {trail.data && (
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'center' }}>
              <Typography.Text type="secondary" data-testid="audit-shown">
                {trail.hasNextPage
                  ? t('audit.shown', { count: items.length })
                  : t('audit.allLoaded', { count: items.length })}
              </Typography.Text>
              {trail.hasNextPage && (
                <Button loading={trail.isFetchingNextPage} onClick={() => void trail.fetchNextPage()} data-testid="audit-more">
                  {t('audit.loadMore')}
                </Button>
              )}
            </div>
          )}
        </Space>
      </Card>
    </div>
  );
}
