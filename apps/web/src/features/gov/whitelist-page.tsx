import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tier } from '@lianrong/matching/vocabulary';
import { isApiError } from '../../api/api-client';
import {
  useChangeWhitelist,
  useGovFirmMatches,
  useGovFirmSearch,
  useWhitelist,
  type WhitelistMove,
} from '../../api/gov-operations';
import type { GovFirmMatches, WhitelistChange, WhitelistEntry } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { QueryState } from '../../shared/components/query-state';
import { ScrollRegion } from '../../shared/components/scroll-region';
import { MatchStatusTag, TierTag } from '../../shared/components/tags';
import { formatDate, formatDateTime, formatMoney, formatScore, formatTerm } from '../../shared/format';
import { regionName } from '../../shared/regions';

/** The worker re-matches a firm within seconds; the matches drawer polls at most this long. */
const WATCH_MS = 60_000;

interface Target {
  id: string;
  name: string;
}

/** Products a change opened are present, and those it closed gone, in what the firm sees. */
function landed(matches: GovFirmMatches | undefined, change: WhitelistChange | null): boolean {
  if (!matches || !change) return true;
  const seen = new Set(matches.needs.flatMap((n) => n.matches.map((m) => m.product.id)));
  return (
    matches.whitelisted === change.whitelisted &&
    change.effect.opened.every((p) => seen.has(p.id)) &&
    change.effect.closed.every((p) => !seen.has(p.id))
  );
}

function EffectPanel({ change, onShowMatches }: { change: WhitelistChange; onShowMatches: () => void }) {
  const { t } = useTranslation();
  const { effect } = change;
  const products = (list: WhitelistChange['effect']['opened']) =>
    list.map((p) => (
      <Tag key={p.id} color={change.whitelisted ? 'green' : 'default'}>
        {p.name} · {p.bankName}
      </Tag>
    ));
  return (
    <Alert
      type={change.whitelisted ? 'success' : 'info'}
      showIcon
      data-testid="whitelist-effect"
      title={t(change.whitelisted ? 'whitelist.added' : 'whitelist.removed', { firm: change.firm.name })}
      description={
        <Space orientation="vertical" size={4}>
          <span data-testid="whitelist-effect-counts">
            {t('whitelist.effectLine', {
              needs: effect.openNeeds,
              before: effect.eligibleBefore,
              after: effect.eligibleAfter,
            })}
          </span>
          {effect.opened.length > 0 && (
            <span>
              {t('whitelist.opened')} {products(effect.opened)}
            </span>
          )}
          {effect.closed.length > 0 && (
            <span>
              {t('whitelist.closed')} {products(effect.closed)}
            </span>
          )}
          {effect.opened.length === 0 && effect.closed.length === 0 && <span>{t('whitelist.noChange')}</span>}
        </Space>
      }
      action={
        <Button size="small" onClick={onShowMatches} data-testid="whitelist-effect-matches">
          {t('whitelist.viewMatches')}
        </Button>
      }
    />
  );
}

/** What the firm sees for its open needs; polls while a change is on its way through the worker. */
function FirmMatchesDrawer({
  firm,
  change,
  onClose,
}: {
  firm: Target | null;
  change: WhitelistChange | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [watchUntil, setWatchUntil] = useState(0);
  useEffect(() => setWatchUntil(Date.now() + WATCH_MS), [change]);
  const relevant = change && firm && change.firm.id === firm.id ? change : null;
  const [polling, setPolling] = useState(false);
  const matches = useGovFirmMatches(firm?.id ?? null, polling);
  useEffect(() => {
    setPolling(Boolean(relevant) && !landed(matches.data, relevant) && Date.now() < watchUntil);
  }, [matches.data, relevant, watchUntil]);
  return (
    <Drawer
      open={firm !== null}
      onClose={onClose}
      title={firm ? t('whitelist.matchesTitle', { firm: firm.name }) : ''}
      size="large"
      destroyOnHidden
      data-testid="firm-matches-drawer"
    >
      <Typography.Paragraph type="secondary">{t('whitelist.matchesIntro')}</Typography.Paragraph>
      {polling && (
        <Space style={{ marginBottom: 12 }} data-testid="firm-matches-rematching">
          <Spin size="small" />
          <Typography.Text>{t('whitelist.rematching')}</Typography.Text>
        </Space>
      )}
      <QueryState query={matches}>
        {(data) =>
          data.needs.length === 0 ? (
            <Empty description={t('whitelist.noNeeds')} />
          ) : (
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              {data.needs.map((need) => (
                <Card
                  key={need.id}
                  size="small"
                  title={`${formatMoney(need.amount, lang)} · ${formatTerm(need.termMonths, lang)} · ${t(`enums.purpose.${need.purpose}`)}`}
                >
                  <List
                    size="small"
                    data-testid="firm-matches"
                    dataSource={need.matches}
                    locale={{ emptyText: t('whitelist.noMatches') }}
                    renderItem={(m) => (
                      <List.Item data-testid="firm-match">
                        <Space size={[8, 4]} wrap>
                          <Typography.Text strong>{m.product.name}</Typography.Text>
                          <Typography.Text type="secondary">{m.product.bankName}</Typography.Text>
                          {m.product.requiresWhitelist && <Tag color="green">{t('whitelist.whitelistOnly')}</Tag>}
                          <MatchStatusTag status={m.status} />
                          <Typography.Text>{t('whitelist.score', { score: formatScore(m.score) })}</Typography.Text>
                        </Space>
                      </List.Item>
                    )}
                  />
                </Card>
              ))}
            </Space>
          )
        }
      </QueryState>
    </Drawer>
  );
}

function RemoveModal({
  firm,
  onClose,
  onDone,
}: {
  firm: Target | null;
  onClose: () => void;
  onDone: (change: WhitelistChange) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const move = useChangeWhitelist();
  const submit = async () => {
    if (!firm) return;
    const { reason } = await form.validateFields();
    try {
      const change = await move.mutateAsync({ action: 'remove', firmId: firm.id, reason: reason.trim() });
      onDone(change);
      onClose();
    } catch (error) {
      if (isApiError(error)) message.error(error.message);
    }
  };
  return (
    <Modal
      open={firm !== null}
      title={firm ? t('whitelist.removeTitle', { firm: firm.name }) : ''}
      okText={t('whitelist.remove')}
      okButtonProps={{ danger: true, ...{ 'data-testid': 'whitelist-remove-submit' } }}
      cancelText={t('whitelist.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <Form form={form} name="whitelist-remove" layout="vertical" requiredMark={false}>
        <Form.Item
          name="reason"
          label={t('whitelist.reason')}
          rules={[
            { required: true, whitespace: true, message: t('whitelist.reasonRequired') },
            { min: 2, max: 500, message: t('whitelist.reasonRequired') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('whitelist.removeReasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AddCard({ onDone }: { onDone: (change: WhitelistChange) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ firmId: string; reason: string }>();
  const [q, setQ] = useState('');
  const search = useGovFirmSearch(q.trim(), q.trim().length > 0);
  const move = useChangeWhitelist();
  const submit = async (values: { firmId: string; reason: string }) => {
    const input: WhitelistMove = { action: 'add', firmId: values.firmId, reason: values.reason.trim() };
    try {
      onDone(await move.mutateAsync(input));
      form.resetFields();
      setQ('');
    } catch (error) {
      if (isApiError(error) && error.details.some((d) => d.field === 'reason'))
        form.setFields([{ name: 'reason', errors: error.details.map((d) => d.problem) }]);
      else if (isApiError(error)) message.error(error.message);
    }
  };
  return (
    <Card title={t('whitelist.addTitle')}>
      <Form form={form} name="whitelist-add" layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} data-testid="whitelist-add">
        <Form.Item name="firmId" label={t('whitelist.search')} rules={[{ required: true, message: t('whitelist.firmRequired') }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            data-testid="whitelist-firm-search"
            placeholder={t('whitelist.searchPlaceholder')}
            notFoundContent={
              q.trim() ? (search.isFetching ? <Spin size="small" /> : t('whitelist.noFirm')) : null
            }
            options={(search.data ?? []).map((f) => ({ value: f.id, label: f.name, disabled: f.whitelisted, firm: f }))}
            optionRender={({ data: { firm: f } }) => (
              <div style={{ whiteSpace: 'normal' }}>
                <Space size={6} wrap>
                  <span>{f.name}</span>
                  {f.whitelisted && <Tag color="green">{t('whitelist.alreadyListed')}</Tag>}
                </Space>
                <div style={{ fontSize: 12, opacity: 0.65 }}>
                  {regionName(f.regionCode, lang)} · {t(`enums.tier.${f.tier}`)} ·{' '}
                  {t('whitelist.openNeeds', { count: f.openNeeds })}
                </div>
              </div>
            )}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('whitelist.reason')}
          rules={[
            { required: true, whitespace: true, message: t('whitelist.reasonRequired') },
            { min: 2, max: 500, message: t('whitelist.reasonRequired') },
          ]}
        >
          <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('whitelist.reasonPlaceholder')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={move.isPending} data-testid="whitelist-add-submit">
          {t('whitelist.add')}
        </Button>
      </Form>
    </Card>
  );
}

/** 白名单: the agency's recommended firms of its region, each change with a reason and its effect. */
export function WhitelistPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const list = useWhitelist();
  const phone = !Grid.useBreakpoint().md;
  const [change, setChange] = useState<WhitelistChange | null>(null);
  const [removing, setRemoving] = useState<Target | null>(null);
  const [viewing, setViewing] = useState<Target | null>(null);

  const actions = (e: WhitelistEntry) => (
    <Space size="small" wrap>
      <Button size="small" onClick={() => setViewing(e.firm)} data-testid="whitelist-view">
        {t('whitelist.viewMatches')}
      </Button>
      <Button size="small" danger onClick={() => setRemoving(e.firm)} data-testid="whitelist-remove">
        {t('whitelist.remove')}
      </Button>
    </Space>
  );
  const listedBy = (e: WhitelistEntry) => [e.agency?.name, e.by].filter(Boolean).join(' ') || '—';
  const columns: TableColumnsType<WhitelistEntry> = [
    {
      title: t('whitelist.firm'),
      key: 'firm',
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{e.firm.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {regionName(e.regionCode, lang)}
            {e.chains.length > 0 && ` · ${e.chains.join('、')}`}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('whitelist.tier'), key: 'tier', render: (_, e) => <TierTag tier={e.tier as Tier} /> },
    { title: t('whitelist.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
    {
      title: t('whitelist.listedBy'),
      key: 'by',
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <span>{listedBy(e)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDate(e.whitelistedAt)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('whitelist.actions'), key: 'actions', render: (_, e) => actions(e) },
  ];

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('whitelist.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('whitelist.intro')}
      </Typography.Paragraph>
      <AddCard onDone={setChange} />
      {change && <EffectPanel change={change} onShowMatches={() => setViewing(change.firm)} />}
      <QueryState query={list} rows={6}>
        {(data) => (
          <>
            <Card title={t('whitelist.listTitle', { count: data.total })}>
              {phone ? (
                <List<WhitelistEntry>
                  dataSource={data.items}
                  data-testid="whitelist-table"
                  locale={{ emptyText: t('whitelist.empty') }}
                  renderItem={(e) => (
                    <List.Item style={{ display: 'block' }}>
                      <Space size={6} wrap>
                        <Typography.Text strong>{e.firm.name}</Typography.Text>
                        <TierTag tier={e.tier as Tier} />
                      </Space>
                      <div>{e.reason}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {listedBy(e)} · {formatDate(e.whitelistedAt)}
                      </Typography.Text>
                      <div style={{ marginTop: 8 }}>{actions(e)}</div>
                    </List.Item>
                  )}
                />
              ) : (
                <ScrollRegion label={t('whitelist.listTitle', { count: data.total })}>
                  <Table<WhitelistEntry>
                    rowKey={(e) => e.firm.id}
                    size="small"
                    columns={columns}
                    dataSource={data.items}
                    pagination={data.items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                    style={{ minWidth: 720 }}
                    locale={{ emptyText: t('whitelist.empty') }}
                    data-testid="whitelist-table"
                  />
                </ScrollRegion>
              )}
            </Card>
            <Card title={t('whitelist.changesTitle')}>
              <List
                size="small"
                data-testid="whitelist-changes"
                dataSource={data.changes}
                locale={{ emptyText: t('whitelist.noChanges') }}
                renderItem={(c) => (
                  <List.Item>
                    <Space size={[8, 2]} wrap>
                      <Tag color={c.action === 'added' ? 'green' : 'default'}>
                        {t(c.action === 'added' ? 'whitelist.actionAdded' : 'whitelist.actionRemoved')}
                      </Tag>
                      <Typography.Text strong>{c.firm.name}</Typography.Text>
                      <span>{c.reason}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {c.by ?? '—'} · {formatDateTime(c.at)}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </>
        )}
      </QueryState>
      <RemoveModal firm={removing} onClose={() => setRemoving(null)} onDone={setChange} />
      <FirmMatchesDrawer firm={viewing} change={change} onClose={() => setViewing(null)} />
    </div>
  );
}
