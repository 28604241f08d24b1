import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Row, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Tier } from '@lianrong/matching/vocabulary';
import { useGovRoadshow } from '../../api/gov-operations';
import type { RoadshowDetail } from '../../api/types';
import { paths } from '../../app/paths';
import { useLang } from '../../i18n/i18n';
import { QueryState } from '../../shared/components/query-state';
import { ScrollRegion } from '../../shared/components/scroll-region';
import { TierTag } from '../../shared/components/tags';
import { formatCount, formatDateTime, formatMoney, formatRatio } from '../../shared/format';
import { RoadshowFiguresChart } from './roadshow-figures';
import { formatMonth } from './roadshow-month';

type BankRow = RoadshowDetail['banks'][number];
type FirmRow = RoadshowDetail['firms'][number];
type IntentRow = RoadshowDetail['intentList'][number];

function Detail({ roadshow }: { roadshow: RoadshowDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const money = (v: number) => formatMoney(v, lang);
  const figures = [
    { title: t('roadshows.invitedFirms'), value: formatCount(roadshow.invitedFirms), id: 'firms' },
    { title: t('roadshows.invitedBanks'), value: formatCount(roadshow.invitedBanks), id: 'banks' },
    { title: t('roadshows.intendedAmount'), value: money(roadshow.intendedAmount), id: 'intended' },
    { title: t('roadshows.approvedAmount'), value: money(roadshow.approvedAmount), id: 'approved' },
    { title: t('roadshows.disbursedAmount'), value: money(roadshow.disbursedAmount), id: 'disbursed' },
    {
      title: t('roadshows.conversion'),
      value: roadshow.intendedAmount > 0 ? formatRatio(roadshow.approvedAmount / roadshow.intendedAmount) : '—',
      id: 'conversion',
    },
  ];
  const figureColumns = [
    { title: t('roadshows.intendedAmount'), dataIndex: 'intendedAmount', align: 'right' as const, render: money },
    { title: t('roadshows.approvedAmount'), dataIndex: 'approvedAmount', align: 'right' as const, render: money },
    { title: t('roadshows.disbursedAmount'), dataIndex: 'disbursedAmount', align: 'right' as const, render: money },
  ];
  const bankColumns: TableColumnsType<BankRow> = [
    {
      title: t('roadshows.bank'),
      key: 'bank',
      render: (_, b) => (
        <Space size={6} wrap>
          <span>{b.bank.name}</span>
          {b.leadBank && <Tag color="blue">{t('roadshows.leadBank')}</Tag>}
        </Space>
      ),
    },
    { title: t('roadshows.matchedFirms'), dataIndex: 'matchedFirms', align: 'right', render: formatCount },
    { title: t('roadshows.intentCount'), dataIndex: 'intents', align: 'right', render: formatCount },
    ...figureColumns,
  ];
  const firmColumns: TableColumnsType<FirmRow> = [
    { title: t('roadshows.firm'), key: 'firm', render: (_, f) => f.firm.name },
    { title: t('roadshows.tier'), key: 'tier', render: (_, f) => <TierTag tier={f.tier as Tier} /> },
    {
      title: t('roadshows.asked'),
      key: 'asked',
      align: 'right',
      render: (_, f) => t('roadshows.askedValue', { count: f.openNeeds, amount: money(f.openNeedAmount) }),
    },
    ...figureColumns,
  ];
  const intentColumns: TableColumnsType<IntentRow> = [
    { title: t('roadshows.bank'), key: 'bank', render: (_, i) => i.bank.name },
    { title: t('roadshows.firm'), key: 'firm', render: (_, i) => i.firm.name },
    { title: t('roadshows.intendedAmount'), dataIndex: 'amount', align: 'right', render: money },
    { title: t('roadshows.intentNote'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
    { title: t('roadshows.recordedAt'), dataIndex: 'recordedAt', render: (v: string) => formatDateTime(v) },
  ];
  const table = <T extends object>(
    label: string,
    testId: string,
    rows: T[],
    columns: TableColumnsType<T>,
    rowKey: (row: T) => string,
  ) => (
    <Card title={label}>
      <ScrollRegion label={label}>
        <Table<T>
          rowKey={rowKey}
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          style={{ minWidth: 720 }}
          data-testid={testId}
          locale={{ emptyText: t('roadshows.none') }}
        />
      </ScrollRegion>
    </Card>
  );

  return (
    <>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="roadshow-title">
          {roadshow.title}
        </Typography.Title>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'chain', label: t('roadshows.chain'), children: roadshow.chain.name },
            { key: 'month', label: t('roadshows.month'), children: formatMonth(roadshow.month, lang) },
            { key: 'venue', label: t('roadshows.venue'), children: roadshow.venue ?? '—' },
            { key: 'organizer', label: t('roadshows.organizer'), children: roadshow.organizer.name },
            ...(roadshow.note ? [{ key: 'note', label: t('roadshows.note'), children: roadshow.note, span: 'filled' as const }] : []),
          ]}
        />
      </Card>
      <Row gutter={[16, 16]} data-testid="roadshow-figures">
        {figures.map((f) => (
          <Col key={f.id} xs={12} md={8} xl={4}>
            <Card size="small">
              <Statistic title={f.title} value={f.value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={t('roadshows.byBankChart')}>
        <RoadshowFiguresChart
          ariaLabel={t('roadshows.byBankChart')}
          rows={roadshow.banks.map((b) => ({ ...b, label: b.bank.name }))}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('roadshows.figuresNote')}
        </Typography.Text>
      </Card>
      {table(t('roadshows.banks'), 'roadshow-banks', roadshow.banks, bankColumns, (b) => b.bank.id)}
      {table(t('roadshows.firms'), 'roadshow-firms', roadshow.firms, firmColumns, (f) => f.firm.id)}
      {table(t('roadshows.intents'), 'roadshow-intents', roadshow.intentList, intentColumns, (i) => `${i.bank.id}:${i.firm.id}`)}
    </>
  );
}

/** One roadshow: who was invited and why, what each bank intended, and what came of it. */
export function RoadshowPage() {
  const { t } = useTranslation();
  const { roadshowId = '' } = useParams();
  const roadshow = useGovRoadshow(roadshowId);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Link to={paths.gov.roadshows}>
        <ArrowLeftOutlined /> {t('roadshows.back')}
      </Link>
      <QueryState query={roadshow} rows={8}>
        {(data) => <Detail roadshow={data} />}
      </QueryState>
    </div>
  );
}
