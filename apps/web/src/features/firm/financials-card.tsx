import { Card, Col, Empty, Row, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FinancialYear } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { formatMoney, formatRatio } from '../../shared/format';
import { FinancialsChart } from './financials-chart';

// Banks judge on the latest two years (growth needs both), so that is what we show.
const YEARS_SHOWN = 2;

export function FinancialsCard({ financials }: { financials: FinancialYear[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const years = [...financials].sort((a, b) => b.year - a.year).slice(0, YEARS_SHOWN);

  const columns: TableColumnsType<FinancialYear> = [
    { title: t('firm.year'), dataIndex: 'year', render: (year: number) => t('firm.yearValue', { year }) },
    { title: t('firm.revenue'), dataIndex: 'revenue', align: 'right', render: (v: number) => formatMoney(v, lang) },
    { title: t('firm.netProfit'), dataIndex: 'netProfit', align: 'right', render: (v: number) => formatMoney(v, lang) },
    { title: t('firm.rdIntensity'), dataIndex: 'rdIntensity', align: 'right', render: (v: number | null) => formatRatio(v) },
    { title: t('firm.debtRatio'), dataIndex: 'debtRatio', align: 'right', render: (v: number | null) => formatRatio(v) },
  ];

  return (
    <Card title={t('firm.financials')}>
      {years.length === 0 ? (
        <Empty description={t('firm.noFinancials')} />
      ) : (
        <Row gutter={[24, 16]}>
          <Col xs={24} xl={13}>
            <Table
              data-testid="financials-table"
              rowKey="year"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={years}
              scroll={{ x: 'max-content' }}
            />
          </Col>
          <Col xs={24} xl={11}>
            <Typography.Text type="secondary">{t('firm.chartTitle')}</Typography.Text>
            <FinancialsChart years={years} />
          </Col>
        </Row>
      )}
    </Card>
  );
}
