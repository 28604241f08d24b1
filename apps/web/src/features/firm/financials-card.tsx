import { Card, Col, Empty, Row, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FinancialYear } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { formatMoney, formatRatio } from '../../shared/format';
import { FinancialsChart } from './financials-chart';

// Banks judge on the latest two years (growth needs both), so that is what we show.
const YEARS_SHOWN = 2;

interface MetricRow {
  key: string;
  label: string;
  values: string[];
}

/**
 * Metrics down, years across (指标 | 2020年 | 2019年), the way Chinese financial
 * statements read; it also keeps the table three columns wide, which fits a phone.
 */
export function FinancialsCard({ financials }: { financials: FinancialYear[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const years = [...financials].sort((a, b) => b.year - a.year).slice(0, YEARS_SHOWN);

  const rows: MetricRow[] = [
    { key: 'revenue', label: t('firm.revenue'), values: years.map((y) => formatMoney(y.revenue, lang)) },
    { key: 'netProfit', label: t('firm.netProfit'), values: years.map((y) => formatMoney(y.netProfit, lang)) },
    { key: 'rdIntensity', label: t('firm.rdIntensity'), values: years.map((y) => formatRatio(y.rdIntensity)) },
    { key: 'debtRatio', label: t('firm.debtRatio'), values: years.map((y) => formatRatio(y.debtRatio)) },
  ];
  const columns: TableColumnsType<MetricRow> = [
    { title: t('firm.metric'), dataIndex: 'label' },
    ...years.map((y, i) => ({
      title: t('firm.yearValue', { year: y.year }),
      key: String(y.year),
      align: 'right' as const,
      render: (_: unknown, row: MetricRow) => row.values[i],
    })),
  ];

  return (
    <Card title={t('firm.financials')}>
      {years.length === 0 ? (
        <Empty description={t('firm.noFinancials')} />
      ) : (
        <Row gutter={[24, 16]}>
          <Col xs={24} lg={12}>
            <Table
              data-testid="financials-table"
              rowKey="key"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={rows}
            />
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Text type="secondary">{t('firm.chartTitle')}</Typography.Text>
            <FinancialsChart years={years} />
          </Col>
        </Row>
      )}
    </Card>
  );
}
