import { ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Grid,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/api-client';
import { useBankFirm } from '../../../api/bank-queue';
import type { BankFirmMatch, BankFirmView, FactConfirmation, FinancialYear } from '../../../api/types';
import { paths } from '../../../app/paths';
import { useLang } from '../../../i18n/i18n';
import { QueryState } from '../../../shared/components/query-state';
import { ScrollRegion } from '../../../shared/components/scroll-region';
import { MatchStatusTag, TierTag, WhitelistBadge } from '../../../shared/components/tags';
import { formatBps, formatCount, formatDate, formatMoney, formatRatio, formatScore, formatTerm } from '../../../shared/format';
import { regionName } from '../../../shared/regions';
import { FinancialsChart } from '../../firm/financials-chart';
import { checkText } from '../../firm/needs/check-words';
import { ScoreComponents } from '../../firm/needs/match-card';
import { ReviewDrawer } from '../queue/review-drawer';
import { reviewSteps } from '../queue/review-steps';

type FactKind = FactConfirmation['kind'];

function Confirmation({ of }: { of: FactConfirmation | undefined }) {
  const { t } = useTranslation();
  return of ? (
    <Typography.Text type="success" style={{ fontSize: 12 }}>
      {t('bankFirm.confirmedBy', { agency: of.decidedBy.agency, name: of.decidedBy.name, date: formatDate(of.decidedAt) })}
    </Typography.Text>
  ) : (
    <Typography.Text type="warning" style={{ fontSize: 12 }}>
      {t('bankFirm.notConfirmed')}
    </Typography.Text>
  );
}

function ProfileCard({ view }: { view: BankFirmView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { firm } = view;
  const confirmed = (kind: FactKind, chainId?: string) =>
    view.confirmations.find((c) => c.kind === kind && (chainId === undefined || c.chain?.id === chainId));
  const fact = (value: ReactNode, confirmation: ReactNode) => (
    <Space orientation="vertical" size={0}>
      <span>{value}</span>
      {confirmation}
    </Space>
  );
  return (
    <Card title={t('bankFirm.profile')} data-testid="bank-firm-profile">
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 8 }} data-testid="bank-firm-name">
        {firm.name}
      </Typography.Title>
      <Space size={[4, 8]} wrap style={{ marginBottom: 16 }}>
        <TierTag tier={firm.tier} />
        {firm.tierYear && <Typography.Text type="secondary">{t('firm.tierYear', { year: firm.tierYear })}</Typography.Text>}
        {firm.tierExpiringSoon && <Tag color="warning">{t('claims.expiringSoon', { date: firm.tierExpiresOn })}</Tag>}
        {firm.tierExpired && <Tag color="error">{t('claims.expired', { date: firm.tierExpiresOn })}</Tag>}
        {firm.whitelisted && <WhitelistBadge />}
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 2, xxl: 3 }}>
        <Descriptions.Item label={t('firm.uscc')}>
          <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
            {firm.uscc}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('claims.kind.tier')}>
          {fact(
            firm.tier === 'none'
              ? t('enums.tier.none')
              : t('claims.tierValue', { tier: t(`enums.tier.${firm.tier}`), year: firm.tierYear }),
            <Confirmation of={confirmed('tier')} />,
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('firm.region')}>
          {fact(regionName(firm.regionCode, lang), <Confirmation of={confirmed('region')} />)}
        </Descriptions.Item>
        <Descriptions.Item label={t('firm.industry')}>
          {fact(firm.industryCode, <Confirmation of={confirmed('industry')} />)}
        </Descriptions.Item>
        <Descriptions.Item label={t('firm.yearsInNiche')}>
          {fact(t('firm.yearsValue', { count: firm.yearsInNiche }), <Confirmation of={confirmed('years_in_niche')} />)}
        </Descriptions.Item>
        <Descriptions.Item label={t('firm.chains')}>
          {firm.chains.length === 0 ? (
            '—'
          ) : (
            <Space orientation="vertical" size={2}>
              {firm.chains.map((c) => (
                <div key={c.id}>
                  {fact(
                    `${c.name}${firm.chainRole ? ` · ${t(`enums.chainRole.${firm.chainRole}`)}` : ''}`,
                    <Confirmation of={confirmed('chain', c.id)} />,
                  )}
                </div>
              ))}
            </Space>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text strong style={{ display: 'block', margin: '12px 0 4px' }}>
        {t('bankFirm.supplyLinks')}
      </Typography.Text>
      {view.supplyLinks.length === 0 ? (
        <Typography.Text type="secondary">{t('bankFirm.noSupplyLinks')}</Typography.Text>
      ) : (
        <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="bank-firm-supply-links">
          {view.supplyLinks.map((l) => (
            <li key={l.coreFirm.id}>
              {t('bankFirm.supplyLinkValue', { core: l.coreFirm.name, amount: formatMoney(l.annualSales, lang) })}
              {l.confirmedAt && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {' '}
                  · {t('bankFirm.supplyLinkConfirmed', { date: formatDate(l.confirmedAt) })}
                </Typography.Text>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

interface MetricRow {
  key: string;
  label: string;
  values: string[];
}

/** Every reported year, newest first, metrics down — the way Chinese statements read. */
function FinancialsCard({ view }: { view: BankFirmView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const years: FinancialYear[] = view.firm.financials;
  const money = (pick: (y: FinancialYear) => number) => years.map((y) => formatMoney(pick(y), lang));
  const rows: MetricRow[] = [
    { key: 'revenue', label: t('bankFirm.metrics.revenue'), values: money((y) => y.revenue) },
    { key: 'netProfit', label: t('bankFirm.metrics.netProfit'), values: money((y) => y.netProfit) },
    { key: 'rdExpense', label: t('bankFirm.metrics.rdExpense'), values: money((y) => y.rdExpense) },
    { key: 'totalAssets', label: t('bankFirm.metrics.totalAssets'), values: money((y) => y.totalAssets) },
    { key: 'totalLiabilities', label: t('bankFirm.metrics.totalLiabilities'), values: money((y) => y.totalLiabilities) },
    { key: 'rdIntensity', label: t('bankFirm.metrics.rdIntensity'), values: years.map((y) => formatRatio(y.rdIntensity)) },
    { key: 'debtRatio', label: t('bankFirm.metrics.debtRatio'), values: years.map((y) => formatRatio(y.debtRatio)) },
    { key: 'netMargin', label: t('bankFirm.metrics.netMargin'), values: years.map((y) => formatRatio(y.netMargin)) },
    { key: 'revenueGrowth', label: t('bankFirm.metrics.revenueGrowth'), values: years.map((y) => formatRatio(y.revenueGrowth)) },
    { key: 'inventionPatents', label: t('bankFirm.metrics.inventionPatents'), values: years.map((y) => formatCount(y.inventionPatents)) },
    { key: 'employees', label: t('bankFirm.metrics.employees'), values: years.map((y) => formatCount(y.employees)) },
  ];
  const columns: TableColumnsType<MetricRow> = [
    { title: t('bankFirm.metric'), dataIndex: 'label', fixed: 'left', onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
    ...years.map((y, i) => ({
      title: t('firm.yearValue', { year: y.year }),
      key: String(y.year),
      align: 'right' as const,
      onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
      render: (_: unknown, row: MetricRow) => row.values[i],
    })),
  ];
  return (
    <Card title={t('bankFirm.financials')} data-testid="bank-firm-financials">
      {view.financialsStale && view.latestYear !== null && (
        <Alert type="warning" showIcon title={t('bankFirm.stale', { year: view.latestYear })} style={{ marginBottom: 16 }} data-testid="financials-stale" />
      )}
      {years.length === 0 ? (
        <Empty description={t('bankFirm.noFinancials')} />
      ) : (
        <Row gutter={[24, 16]}>
          <Col xs={24} xl={14}>
            {/* More years than fit: the box that scrolls is a named, focusable region (WCAG 2.1.1). */}
            <ScrollRegion label={t('bankFirm.financials')}>
              <Table
                data-testid="bank-firm-financials-table"
                rowKey="key"
                size="small"
                pagination={false}
                columns={columns}
                dataSource={rows}
              />
            </ScrollRegion>
          </Col>
          <Col xs={24} xl={10}>
            <Typography.Text type="secondary">{t('firm.chartTitle')}</Typography.Text>
            <FinancialsChart years={years} />
          </Col>
        </Row>
      )}
    </Card>
  );
}

function EstimateCard({ view }: { view: BankFirmView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const isPhone = Grid.useBreakpoint().sm === false;
  const est = view.estimate;
  return (
    <Card title={t('bankFirm.estimate')} data-testid="bank-firm-estimate">
      {!est ? (
        <Empty description={t('bankFirm.noEstimate')} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('bankFirm.estimateYear', { year: est.year })}</Typography.Text>
          <Statistic title={t('bankFirm.newLine')} value={formatMoney(est.newLoanLimit, lang)} data-testid="bank-firm-new-line" />
          <Descriptions
            size="small"
            column={1}
            // Long labels over their figures on a phone, so a figure never breaks digit by digit.
            layout={isPhone ? 'vertical' : 'horizontal'}
            items={[
              { key: 'wc', label: t('bankFirm.workingCapital'), children: formatMoney(est.workingCapital, lang) },
              {
                key: 'turnover',
                label: t('bankFirm.turnover'),
                children: est.turnoverCount === null ? t('bankFirm.turnoverNone') : (Math.round(est.turnoverCount * 100) / 100).toFixed(2),
              },
              {
                key: 'growth',
                label: t('bankFirm.growth'),
                children: `${formatRatio(est.growth.value)}（${t(`bankFirm.growthSource.${est.growth.source}`)}）`,
              },
              {
                key: 'deductions',
                label: t('bankFirm.deductions'),
                children: (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {formatMoney(est.deductions.ownWorkingCapital + est.deductions.existingWorkingCapitalLoans, lang)}
                  </span>
                ),
              },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('financials.disclaimer')}
          </Typography.Text>
        </Space>
      )}
    </Card>
  );
}

function MatchCard({ match, firmName }: { match: BankFirmMatch; firmName: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [acting, setActing] = useState(false);
  const steps = reviewSteps(match.status, match.allowedMoves);
  return (
    <Card
      title={t('bankFirm.match')}
      data-testid="bank-firm-match"
      extra={
        steps.length > 0 && (
          <Button type="primary" size="small" onClick={() => setActing(true)} data-testid="bank-firm-handle">
            {t('bankQueue.handle')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Space size={8} wrap>
          <strong>{t('bankFirm.matchTitle', { product: match.product.name, amount: formatMoney(match.need.amount, lang) })}</strong>
          <MatchStatusTag status={match.status} />
          {match.ineligible && <Tag color="warning">{t('bankQueue.ineligible')}</Tag>}
        </Space>
        <Typography.Text type="secondary">
          {t('bankFirm.needValue', {
            term: formatTerm(match.need.termMonths, lang),
            purpose: t(`enums.purpose.${match.need.purpose}`),
            collateral: t(`enums.collateral.${match.need.collateral}`),
            rate: formatBps(match.need.maxRateBps),
          })}
        </Typography.Text>
        {match.score !== null && (
          <div>
            <Typography.Text type="secondary">{t('bankFirm.score')}</Typography.Text>
            <Progress aria-label={t('bankFirm.score')} percent={match.score} format={() => formatScore(match.score)} />
            <ScoreComponents components={match.components} />
          </div>
        )}
        <div>
          <Typography.Text strong>{t('bankFirm.rules')}</Typography.Text>
          <ul style={{ listStyle: 'none', padding: 0, margin: '4px 0 0' }} data-testid="bank-firm-checks">
            {match.checks.map((c, i) => (
              <li key={`${c.rule}-${i}`} style={{ display: 'flex', gap: 6, alignItems: 'baseline' }}>
                {c.passed ? (
                  <CheckCircleFilled style={{ color: '#389e0d' }} aria-hidden />
                ) : (
                  <CloseCircleFilled style={{ color: '#cf1322' }} aria-hidden />
                )}
                <span style={{ overflowWrap: 'anywhere' }}>{checkText(t, lang, c)}</span>
              </li>
            ))}
          </ul>
        </div>
      </Space>
      <ReviewDrawer
        target={
          acting
            ? {
                id: match.id,
                version: match.version,
                status: match.status,
                allowedMoves: match.allowedMoves,
                firmName,
                productName: match.product.name,
                needAmount: match.need.amount,
                needTermMonths: match.need.termMonths,
              }
            : null
        }
        onClose={() => setActing(false)}
      />
    </Card>
  );
}

/** /bank/firms/:firmId?matchId= — a firm in the bank's queue, as the officer reviewing it reads it. */
export function BankFirmPage() {
  const { t } = useTranslation();
  const { firmId = '' } = useParams<{ firmId: string }>();
  const [search] = useSearchParams();
  const matchId = search.get('matchId') ?? undefined;
  const view = useBankFirm(firmId, matchId);
  const notFound = isApiError(view.error) && (view.error.statusCode === 404 || view.error.statusCode === 400);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Link to={paths.bank.queue} data-testid="back-to-queue">
        <ArrowLeftOutlined /> {t('bankFirm.back')}
      </Link>
      {notFound ? (
        <Alert type="info" showIcon title={t('bankFirm.notFound')} data-testid="bank-firm-not-found" />
      ) : (
        <QueryState query={view} rows={8}>
          {(v) => (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={v.match ? 14 : 24}>
                <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                  <ProfileCard view={v} />
                  <FinancialsCard view={v} />
                </Space>
              </Col>
              <Col xs={24} xl={v.match ? 10 : 24}>
                <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                  {v.match && <MatchCard match={v.match} firmName={v.firm.name} />}
                  <EstimateCard view={v} />
                </Space>
              </Col>
            </Row>
          )}
        </QueryState>
      )}
    </div>
  );
}
