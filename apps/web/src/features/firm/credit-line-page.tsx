import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  InputNumber,
  Row,
  Select,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useWorkingCapitalEstimate } from '../../api/financials';
import { useMyFirm } from '../../api/firms';
import type { FinancialYear, TurnoverItem, WorkingCapitalEstimate } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { EChart, type ChartOption } from '../../shared/components/echart';
import { QueryState } from '../../shared/components/query-state';
import { EMPTY, formatMoney, formatRatio, toChartMoney, wanToYuan } from '../../shared/format';
import { paths } from '../../app/paths';
import { ScrollRegion } from '../../shared/components/scroll-region';

const days = (d: number) => (Math.round(d * 100) / 100).toFixed(2);
const times = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

/** 授信测算: the suggested working-capital line, written out as a loan officer would. */
export function CreditLinePage() {
  const firm = useMyFirm();
  return (
    <QueryState query={firm} rows={8}>
      {(profile) => <CreditLine financials={profile.financials} />}
    </QueryState>
  );
}

function CreditLine({ financials }: { financials: FinancialYear[] }) {
  const { t } = useTranslation();
  const years = useMemo(() => financials.map((f) => f.year).sort((a, b) => b - a), [financials]);
  const [year, setYear] = useState<number | undefined>(years[0]);
  // null: not edited, so the API's default (last year's growth) applies.
  const [growthPercent, setGrowthPercent] = useState<number | null>(null);
  const [otherWan, setOtherWan] = useState<number | null>(null);
  const estimate = useWorkingCapitalEstimate(
    {
      year,
      growth: growthPercent === null ? undefined : growthPercent / 100,
      otherFunding: otherWan === null ? undefined : wanToYuan(otherWan),
    },
    years.length > 0,
  );

  if (years.length === 0)
    return (
      <Card title={t('financials.creditTitle')}>
        <Alert
          type="info"
          showIcon
          title={t('financials.noFinancials')}
          action={
            <Link to={paths.firm.financials}>
              <Button size="small">{t('financials.goFinancials')}</Button>
            </Link>
          }
        />
      </Card>
    );

  const shownGrowth =
    growthPercent ?? (estimate.data ? Math.round(estimate.data.growth.value * 10_000) / 100 : null);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Card title={t('financials.creditTitle')}>
        <Form layout="vertical">
          <Row gutter={16}>
            <Col xs={24} sm={8}>
              <Form.Item label={t('financials.year')} htmlFor="estimate-year">
                <Select
                  id="estimate-year"
                  data-testid="estimate-year"
                  value={year}
                  onChange={(y) => {
                    setYear(y);
                    setGrowthPercent(null);
                  }}
                  options={years.map((y) => ({
                    value: y,
                    label: t('financials.yearOption', { year: y }),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item
                label={t('financials.expectedGrowth')}
                htmlFor="estimate-growth"
                extra={
                  growthPercent === null && estimate.data
                    ? estimate.data.growth.source === 'last_year'
                      ? t('financials.growthDefault')
                      : t('financials.growthNone')
                    : undefined
                }
              >
                <InputNumber
                  id="estimate-growth"
                  data-testid="estimate-growth"
                  style={{ width: '100%' }}
                  value={shownGrowth}
                  onChange={(v) => setGrowthPercent(typeof v === 'number' ? v : null)}
                  min={-100}
                  max={1000}
                  step={1}
                  suffix="%"
                  inputMode="decimal"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item label={t('financials.otherFunding')} htmlFor="estimate-other">
                <InputNumber
                  id="estimate-other"
                  data-testid="estimate-other"
                  style={{ width: '100%' }}
                  value={otherWan}
                  placeholder="0"
                  onChange={(v) => setOtherWan(typeof v === 'number' ? v : null)}
                  min={0}
                  step={100}
                  suffix={t('financials.unitWan')}
                  inputMode="decimal"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        {estimate.error && <Alert type="error" showIcon title={estimate.error.message} />}
        {estimate.data && <Steps est={estimate.data} />}
      </Card>
      {estimate.data && <EstimateChart est={estimate.data} />}
    </div>
  );
}

function Steps({ est }: { est: WorkingCapitalEstimate }) {
  const { t } = useTranslation();
  const lang = useLang();
  const money = (yuan: number | null) => formatMoney(yuan, lang);
  const columns: ColumnsType<TurnoverItem> = [
    {
      title: t('financials.item'),
      dataIndex: 'item',
      render: (item: TurnoverItem['item'], row) =>
        `${row.sign < 0 ? '−' : '+'} ${t(`financials.items.${item}`)}`,
    },
    {
      title: t('financials.opening'),
      responsive: ['md'],
      dataIndex: 'opening',
      align: 'right',
      render: (v: number | null) => money(v),
    },
    {
      title: t('financials.closing'),
      responsive: ['md'],
      dataIndex: 'closing',
      align: 'right',
      render: (v: number) => money(v),
    },
    {
      title: t('financials.average'),
      dataIndex: 'averageBalance',
      align: 'right',
      render: (v: number) => money(v),
    },
    {
      title: t('financials.base'),
      key: 'base',
      align: 'right',
      // Name over amount, so a phone shows the days column without scrolling the table.
      render: (_, row) => (
        <>
          <div>{t(`financials.bases.${row.base}`)}</div>
          <div>{money(row.baseAmount)}</div>
        </>
      ),
    },
    {
      title: t('financials.days'),
      dataIndex: 'days',
      align: 'right',
      render: (v: number) => days(v),
    },
  ];
  const deductions = est.deductions;
  return (
    <div data-testid="estimate-steps">
      <Typography.Paragraph type="secondary">
        {t('financials.creditIntro', { year: est.year })}
      </Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16, background: '#f0f6ff' }}>
        <Statistic
          title={t('financials.suggested')}
          value={money(est.newLoanLimit)}
          styles={{ content: { color: '#1553b6', fontWeight: 600 } }}
          data-testid="estimate-new-line"
        />
      </Card>

      <Typography.Title level={5}>{t('financials.step1')}</Typography.Title>
      <ScrollRegion label={t('financials.step1')}>
        <Table
          rowKey="item"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={est.items}
          data-testid="estimate-items"
        />
      </ScrollRegion>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('financials.daysFormula')}
      </Typography.Paragraph>
      <Formula
        text={t('financials.turnoverFormula')}
        value={
          est.turnoverCount === null
            ? t('financials.turnoverNone')
            : t('financials.turnoverValue', {
                days: days(est.daySum),
                count: times(est.turnoverCount),
              })
        }
      />

      <Typography.Title level={5}>{t('financials.step2')}</Typography.Title>
      <Formula
        text={t('financials.workingCapitalFormula')}
        value={t('financials.workingCapitalValue', {
          revenue: money(est.revenue),
          margin: formatRatio(est.netMargin),
          growth: formatRatio(est.growth.value),
          count: est.turnoverCount === null ? EMPTY : times(est.turnoverCount),
          result: money(est.workingCapital),
        })}
      />

      <Typography.Title level={5}>{t('financials.step3')}</Typography.Title>
      <Formula
        text={t('financials.newLineFormula')}
        value={t('financials.newLineValue', {
          wc: money(est.workingCapital),
          own: money(deductions.ownWorkingCapital),
          loans: money(deductions.existingWorkingCapitalLoans),
          other: money(deductions.otherFunding),
          result: money(est.newLoanLimit),
        })}
      />
      <Typography.Paragraph type="secondary">{t('financials.disclaimer')}</Typography.Paragraph>
    </div>
  );
}

function Formula({ text, value }: { text: string; value: string }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{text}</Typography.Paragraph>
      <Typography.Paragraph strong style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Typography.Paragraph>
    </div>
  );
}

function EstimateChart({ est }: { est: WorkingCapitalEstimate }) {
  const { t } = useTranslation();
  const lang = useLang();
  const option = useMemo<ChartOption>(() => {
    const d = est.deductions;
    const deducted = d.ownWorkingCapital + d.existingWorkingCapitalLoans + d.otherFunding;
    return {
      color: ['#1553b6'],
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, bottom: 8, top: 16, containLabel: true },
      xAxis: {
        type: 'category',
        data: [t('financials.workingCapital'), t('financials.deductions'), t('financials.newLine')],
        // Every label, wrapped: on a phone ECharts would otherwise drop two of the three.
        axisLabel: { interval: 0, width: 80, overflow: 'break' },
      },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          name: t('financials.chartTitle'),
          data: [
            { value: toChartMoney(est.workingCapital, lang), itemStyle: { color: '#1553b6' } },
            { value: toChartMoney(deducted, lang), itemStyle: { color: '#d48806' } },
            { value: toChartMoney(est.newLoanLimit, lang), itemStyle: { color: '#52a36b' } },
          ],
        },
      ],
    };
  }, [est, lang, t]);
  return (
    <Card title={t('financials.chartTitle')}>
      <EChart option={option} height={240} ariaLabel={t('financials.chartTitle')} />
    </Card>
  );
}
