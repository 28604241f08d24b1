import { Alert, App, Button, Card, Collapse, Descriptions, Empty, Grid, List, Space, Steps, Tag, Timeline, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { MatchEventKind, MatchStatus } from '@lianrong/matching/vocabulary';
import {
  type FirmApplication,
  type MatchEvent,
  type Referral,
  useFirmMove,
  useMatchEvents,
  useMatchReferrals,
  useMyApplications,
} from '../../../api/applications';
import { isApiError } from '../../../api/api-client';
import { paths } from '../../../app/paths';
import { useLang } from '../../../i18n/i18n';
import { QueryState } from '../../../shared/components/query-state';
import { MatchStatusTag } from '../../../shared/components/tags';
import { formatBpsRange, formatDateTime, formatMoney, formatScore, formatTermRange } from '../../../shared/format';
import { buildPipeline, type Pipeline } from './application-pipeline';
import { eventActor, eventText, stepDescription, stepTitle } from './application-words';
import { ApplyModal, type ApplyTarget } from './apply-modal';

const ENDED: readonly MatchStatus[] = ['declined', 'withdrawn'];

function eventColor(kind: MatchEventKind, to: MatchStatus): string {
  if (kind === 'documents_requested') return 'orange';
  if (to === 'declined') return 'red';
  if (to === 'approved' || to === 'disbursed') return 'green';
  if (to === 'withdrawn') return 'gray';
  return 'blue';
}

/** 已申请 → 审批中 → 已授信 → 已放款, or where it ended and why. */
function PipelineSteps({ pipeline }: { pipeline: Pipeline }) {
  const { t } = useTranslation();
  const lang = useLang();
  const screens = Grid.useBreakpoint();
  return (
    <Steps
      size="small"
      // Four steps with terms under them do not fit a phone's width side by side.
      orientation={screens.md ? 'horizontal' : 'vertical'}
      current={pipeline.current}
      data-testid="application-steps"
      items={pipeline.steps.map((step) => ({
        key: step.kind,
        title: stepTitle(t, step),
        content: stepDescription(t, lang, step),
        status: step.state,
      }))}
    />
  );
}

function History({ events }: { events: MatchEvent[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (events.length === 0) return <Typography.Text type="secondary">{t('firmApplications.noHistory')}</Typography.Text>;
  return (
    <Timeline
      data-testid="application-history"
      items={events.map((e) => ({
        key: e.id,
        color: eventColor(e.kind, e.to),
        content: (
          <div data-testid="application-event">
            <div style={{ overflowWrap: 'anywhere' }}>{eventText(t, lang, e)}</div>
            <Typography.Text type="secondary">
              {formatDateTime(e.at)} · {eventActor(t, e)}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

/** 其他银行的推荐产品: where a declined firm can turn next (the UK's bank-referral idea). */
function Referrals({ app, onApply }: { app: FirmApplication; onApply: (target: ApplyTarget) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const referrals = useMatchReferrals(app.id, true);
  const target = (r: Referral): ApplyTarget => ({
    needId: app.need.id,
    productId: r.productId,
    productName: r.productName,
    bankName: r.bankName,
    kind: r.kind,
    rateMinBps: r.rateMinBps,
    rateMaxBps: r.rateMaxBps,
    amountMax: r.amountMax,
    termMin: r.termMin,
    termMax: r.termMax,
    need: { amount: app.need.amount, purpose: app.need.purpose },
    referredFromMatchId: app.id,
  });
  return (
    <Card size="small" type="inner" title={t('firmApplications.referrals')} data-testid="application-referrals">
      <QueryState query={referrals} rows={2}>
        {(items) =>
          items.length === 0 ? (
            <Typography.Text type="secondary">{t('firmApplications.noReferrals')}</Typography.Text>
          ) : (
            <>
              <Typography.Paragraph type="secondary">{t('firmApplications.referralsIntro')}</Typography.Paragraph>
              <List
                size="small"
                dataSource={items}
                renderItem={(r) => (
                  <List.Item
                    style={{ paddingInline: 0 }}
                    data-testid="referral"
                    actions={[
                      <Button key="apply" size="small" type="primary" onClick={() => onApply(target(r))} data-testid="referral-apply">
                        {t('firmApplications.applyReferral')}
                      </Button>,
                    ]}
                  >
                    <Space orientation="vertical" size={2}>
                      <Space size={8} wrap>
                        <strong>{r.productName}</strong>
                        <Typography.Text type="secondary">{r.bankName}</Typography.Text>
                        <Tag color="blue">{t(`enums.productKind.${r.kind}`)}</Tag>
                        <Typography.Text type="secondary">
                          {t('needsWorkspace.score')} {formatScore(r.score)}
                        </Typography.Text>
                      </Space>
                      <Typography.Text>
                        {t('firmApplications.referralTerms', {
                          amount: formatMoney(r.amountMax, lang),
                          rate: formatBpsRange(r.rateMinBps, r.rateMaxBps),
                          term: formatTermRange(r.termMin, r.termMax, lang),
                        })}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </>
          )
        }
      </QueryState>
    </Card>
  );
}

function WithdrawButton({ app }: { app: FirmApplication }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const move = useFirmMove();
  const confirm = () =>
    modal.confirm({
      title: t('firmApplications.withdrawTitle'),
      content: t('firmApplications.withdrawBody', { bank: app.bankName, product: app.product.name }),
      okText: t('firmApplications.withdrawOk'),
      cancelText: t('firmApplications.cancel'),
      okButtonProps: { danger: true, ...{ 'data-testid': 'application-withdraw-confirm' } },
      onOk: async () => {
        try {
          await move.mutateAsync({ matchId: app.id, input: { to: 'withdrawn', version: app.version } });
          void message.success(t('firmApplications.withdrawn'));
        } catch (error) {
          // 409: the bank moved it meanwhile (stale version) or the move is no longer open; the list refetches.
          if (isApiError(error) && error.statusCode === 409) void message.warning(t('firmApplications.stale'));
          else void message.error(t('firmApplications.moveFailed', { message: error instanceof Error ? error.message : String(error) }));
        }
      },
    });
  return (
    <Button danger size="small" onClick={confirm} loading={move.isPending} data-testid="application-withdraw">
      {t('firmApplications.withdraw')}
    </Button>
  );
}

function ApplicationCard({
  app,
  focused,
  onApply,
}: {
  app: FirmApplication;
  focused: boolean;
  onApply: (target: ApplyTarget) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const events = useMatchEvents(app.id);
  const pipeline = buildPipeline(app, events.data ?? []);
  const ended = ENDED.includes(app.status);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'start' });
  }, [focused]);

  return (
    <div ref={ref} style={{ scrollMarginTop: 80 }}>
      <Card
        size="small"
        data-testid="application"
        data-match-id={app.id}
        title={
          <Space size={8} wrap>
            <strong data-testid="application-product">{app.product.name}</strong>
            <Typography.Text type="secondary">{app.bankName}</Typography.Text>
            <span data-testid="application-status">
              <MatchStatusTag status={app.status} />
            </span>
          </Space>
        }
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              {
                key: 'need',
                label: t('firmApplications.need'),
                children: (
                  <Link to={paths.firm.need(app.need.id)}>
                    {t('firmApplications.needValue', {
                      amount: formatMoney(app.need.amount, lang),
                      purpose: t(`enums.purpose.${app.need.purpose}`),
                    })}
                  </Link>
                ),
              },
              { key: 'applied', label: t('firmApplications.appliedAt'), children: formatDateTime(app.appliedAt) },
              {
                key: 'latest',
                label: t('firmApplications.latestActivity'),
                children: formatDateTime(app.latestEventAt ?? app.appliedAt),
              },
            ]}
          />
          {(app.referredFromMatchId || (app.ineligible && !ended)) && (
            <Space size={8} wrap>
              {app.referredFromMatchId && <Tag color="purple">{t('firmApplications.referredFrom')}</Tag>}
              {app.ineligible && !ended && <Tag color="warning">{t('firmApplications.ineligible')}</Tag>}
            </Space>
          )}
          <PipelineSteps pipeline={pipeline} />
          {!ended && app.status !== 'disbursed' && pipeline.documentRequests.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="application-documents"
              title={t('firmApplications.documentsRequested')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {pipeline.documentRequests.map((d) => (
                    <li key={d.at}>
                      {d.note
                        ? t('firmApplications.documentNote', { note: d.note, time: formatDateTime(d.at) })
                        : t('firmApplications.documentsRequestedAt', { time: formatDateTime(d.at) })}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          {app.status === 'declined' && <Referrals app={app} onApply={onApply} />}
          <Collapse
            size="small"
            defaultActiveKey={focused ? ['history'] : []}
            items={[
              {
                key: 'history',
                label: t('firmApplications.history'),
                children: <QueryState query={events} rows={2}>{(data) => <History events={data} />}</QueryState>,
              },
            ]}
          />
          {app.allowedMoves.includes('withdrawn') && (
            <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
              <WithdrawButton app={app} />
            </div>
          )}
        </Space>
      </Card>
    </div>
  );
}

/** 我的申请: each application to a bank, where it stands, its history, and what to do next. */
export function ApplicationsPage() {
  const { t } = useTranslation();
  const applications = useMyApplications();
  const [params] = useSearchParams();
  const focus = params.get('match');
  const [applying, setApplying] = useState<ApplyTarget | null>(null);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="applications-title">
          {t('firmApplications.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('firmApplications.intro')}
        </Typography.Paragraph>
      </div>
      <QueryState query={applications} rows={4}>
        {(items) =>
          items.length === 0 ? (
            <Card>
              <Empty description={t('firmApplications.empty')} data-testid="applications-empty">
                <Link to={paths.firm.home}>{t('firmApplications.toNeeds')}</Link>
              </Empty>
            </Card>
          ) : (
            <>
              <Typography.Text type="secondary">{t('firmApplications.count', { count: items.length })}</Typography.Text>
              <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }} data-testid="applications">
                {items.map((app) => (
                  <ApplicationCard key={app.id} app={app} focused={app.id === focus} onApply={setApplying} />
                ))}
              </div>
            </>
          )
        }
      </QueryState>
      <ApplyModal target={applying} onClose={() => setApplying(null)} />
    </div>
  );
}
