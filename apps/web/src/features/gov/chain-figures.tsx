import { Card, Col, Row, Statistic, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ChainFigures } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { EMPTY, formatBps, formatCount, formatMoney, type Lang } from '../../shared/format';
import { formatDays, formatShareBps } from './dashboard-choices';

/** The headline figures of a chain (or the whole region) as cards. */
export function FigureCards({ figures }: { figures: ChainFigures }) {
  const { t } = useTranslation();
  const lang = useLang();
  const f = figures;
  const cards: { key: string; title: string; value: string; note?: string; hint?: string }[] = [
    { key: 'firmsWithOpenNeeds', title: t('gov.kpi.firmsWithOpenNeeds'), value: formatCount(f.firmsWithOpenNeeds), note: t('gov.kpi.ofNeeds', { count: f.openNeeds }) },
    { key: 'amountAsked', title: t('gov.kpi.amountAsked'), value: formatMoney(f.amountAsked, lang), note: `${t('gov.kpi.matchedNeeds')} ${formatCount(f.matchedNeeds)}` },
    { key: 'approved', title: t('gov.kpi.approved'), value: formatMoney(f.approvedAmount, lang), note: t('gov.kpi.count', { count: f.approvedCount }) },
    { key: 'disbursed', title: t('gov.kpi.disbursed'), value: formatMoney(f.disbursedAmount, lang), note: t('gov.kpi.count', { count: f.disbursedCount }) },
    { key: 'firstTimeBorrowers', title: t('gov.kpi.firstTimeBorrowers'), value: formatCount(f.firstTimeBorrowers) },
    { key: 'coverage', title: t('gov.kpi.coverage'), value: formatShareBps(f.coverageBps), hint: t('gov.kpi.coverageHint') },
    { key: 'approvalRate', title: t('gov.kpi.approvalRate'), value: formatShareBps(f.approvalRateBps), hint: t('gov.kpi.approvalHint') },
    {
      key: 'medianResponseDays',
      title: t('gov.kpi.medianResponseDays'),
      value: f.medianResponseDays === null ? EMPTY : t('gov.kpi.days', { days: formatDays(f.medianResponseDays) }),
      note: `${t('gov.kpi.overdue')} ${formatCount(f.overdue)}`,
    },
    { key: 'averageRate', title: t('gov.kpi.averageRate'), value: formatBps(f.averageRateBps) },
    { key: 'creditLoanShare', title: t('gov.kpi.creditLoanShare'), value: formatShareBps(f.creditLoanShareBps) },
  ];
  return (
    <Row gutter={[12, 12]} data-testid="figure-cards">
      {cards.map((c) => (
        <Col key={c.key} xs={12} sm={8} lg={6} xl={4} data-testid={`kpi-${c.key}`}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title={c.hint ? <Tooltip title={c.hint}>{c.title}</Tooltip> : c.title}
              value={c.value}
              styles={{ content: { fontSize: 20 } }}
            />
            {c.note && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.note}
              </Typography.Text>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** The figure columns every table of the dashboard shows, after its own first columns. */
export function figureColumns<T>(figuresOf: (row: T) => ChainFigures, t: TFunction, lang: Lang): TableColumnsType<T> {
  const count = (key: keyof ChainFigures, title: string, responsive?: ('md' | 'lg' | 'xl')[]) => ({
    key,
    title,
    align: 'right' as const,
    render: (_: unknown, row: T) => formatCount(figuresOf(row)[key] as number),
    sorter: (a: T, b: T) => (figuresOf(a)[key] as number) - (figuresOf(b)[key] as number),
    ...(responsive ? { responsive } : {}),
  });
  return [
    count('firms', t('gov.col.firms')),
    count('firmsWithOpenNeeds', t('gov.col.firmsWithOpenNeeds'), ['md']),
    {
      key: 'amountAsked',
      title: t('gov.col.amountAsked'),
      align: 'right',
      render: (_, row) => formatMoney(figuresOf(row).amountAsked, lang),
      sorter: (a, b) => figuresOf(a).amountAsked - figuresOf(b).amountAsked,
    },
    {
      key: 'matchedNeeds',
      title: t('gov.col.matchedNeeds'),
      align: 'right',
      responsive: ['lg'],
      render: (_, row) => `${formatCount(figuresOf(row).matchedNeeds)} / ${formatCount(figuresOf(row).openNeeds)}`,
    },
    count('applications', t('gov.col.applications'), ['md']),
    {
      key: 'approvedAmount',
      title: t('gov.col.approvedAmount'),
      align: 'right',
      render: (_, row) => (
        <span data-testid="cell-approved">
          {formatMoney(figuresOf(row).approvedAmount, lang)}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            ({formatCount(figuresOf(row).approvedCount)})
          </Typography.Text>
        </span>
      ),
      sorter: (a, b) => figuresOf(a).approvedAmount - figuresOf(b).approvedAmount,
    },
    {
      key: 'disbursedAmount',
      title: t('gov.col.disbursedAmount'),
      align: 'right',
      render: (_, row) => (
        <span data-testid="cell-disbursed">
          {formatMoney(figuresOf(row).disbursedAmount, lang)}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            ({formatCount(figuresOf(row).disbursedCount)})
          </Typography.Text>
        </span>
      ),
      sorter: (a, b) => figuresOf(a).disbursedAmount - figuresOf(b).disbursedAmount,
    },
    count('firstTimeBorrowers', t('gov.col.firstTimeBorrowers'), ['lg']),
    {
      key: 'coverage',
      title: t('gov.col.coverage'),
      align: 'right',
      responsive: ['md'],
      render: (_, row) => formatShareBps(figuresOf(row).coverageBps),
    },
    {
      key: 'approvalRate',
      title: t('gov.col.approvalRate'),
      align: 'right',
      responsive: ['lg'],
      render: (_, row) => formatShareBps(figuresOf(row).approvalRateBps),
    },
    {
      key: 'medianResponseDays',
      title: t('gov.col.medianResponseDays'),
      align: 'right',
      responsive: ['xl'],
      render: (_, row) => formatDays(figuresOf(row).medianResponseDays),
    },
    {
      key: 'averageRate',
      title: t('gov.col.averageRate'),
      align: 'right',
      responsive: ['xl'],
      render: (_, row) => formatBps(figuresOf(row).averageRateBps),
    },
    {
      key: 'creditLoanShare',
      title: t('gov.col.creditLoanShare'),
      align: 'right',
      responsive: ['xl'],
      render: (_, row) => formatShareBps(figuresOf(row).creditLoanShareBps),
    },
  ];
}
