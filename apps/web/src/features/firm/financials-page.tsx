import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  Statistic,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type ApiErrorDetail } from '../../api/api-client';
import {
  downloadFinancialsTemplate,
  useImportFinancials,
  usePutFinancialYear,
} from '../../api/financials';
import { useMyFirm } from '../../api/firms';
import type { FinancialYear } from '../../api/types';
import { QueryState } from '../../shared/components/query-state';
import { formatRatio } from '../../shared/format';
import {
  COUNT_FIELDS,
  SIGNED_FIELDS,
  liveRatios,
  toFinancialInput,
  toFormValues,
  type FinancialField,
  type FinancialsFormValues,
} from './financials-input';

const SECTIONS: { key: 'income' | 'balance' | 'people'; fields: FinancialField[] }[] = [
  { key: 'income', fields: ['revenue', 'costOfSales', 'netProfit', 'rdExpense', 'taxPaid'] },
  {
    key: 'balance',
    fields: [
      'totalAssets',
      'totalLiabilities',
      'accountsReceivable',
      'inventory',
      'accountsPayable',
      'prepayments',
      'advancesReceived',
      'ownWorkingCapital',
      'existingWorkingCapitalLoans',
    ],
  },
  { key: 'people', fields: ['employees', 'rdStaff', 'inventionPatents'] },
];

const ALL_FIELDS = new Set<string>(SECTIONS.flatMap((s) => s.fields));
const isCount = (f: FinancialField) => (COUNT_FIELDS as readonly string[]).includes(f);

/** The years offered: every reported one plus the last ten, newest first. */
function yearChoices(reported: FinancialYear[]): number[] {
  const last = new Date().getFullYear() - 1;
  const years = new Set(reported.map((y) => y.year));
  for (let y = last; y > last - 10; y -= 1) years.add(y);
  return [...years].sort((a, b) => b - a);
}

/** 财务数据: one fiscal year at a time in 万元, the ratios the rules read shown live, or an XLSX import. */
export function FinancialsPage() {
  const firm = useMyFirm();
  return (
    <QueryState query={firm} rows={8}>
      {(profile) => <FinancialsWorkspace financials={profile.financials} />}
    </QueryState>
  );
}

function FinancialsWorkspace({ financials }: { financials: FinancialYear[] }) {
  const { t } = useTranslation();
  const latest = financials.reduce<number | undefined>(
    (m, y) => (m === undefined || y.year > m ? y.year : m),
    undefined,
  );
  const [year, setYear] = useState<number>(latest ?? new Date().getFullYear() - 1);
  const stored = financials.find((y) => y.year === year);
  const choices = useMemo(() => yearChoices(financials), [financials]);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Card
        title={t('financials.title')}
        extra={
          <Select
            aria-label={t('financials.year')}
            data-testid="financials-year"
            value={year}
            onChange={setYear}
            style={{ width: 200 }}
            popupMatchSelectWidth={false}
            options={choices.map((y) => ({
              value: y,
              label: `${t('financials.yearOption', { year: y })} · ${
                financials.some((f) => f.year === y)
                  ? t('financials.reported')
                  : t('financials.notReported')
              }`,
            }))}
          />
        }
      >
        <Typography.Paragraph type="secondary">{t('financials.intro')}</Typography.Paragraph>
        {/* Keyed by year so switching years starts from that year's stored figures. */}
        <YearForm
          key={year}
          year={year}
          stored={stored}
          previous={financials.find((y) => y.year === year - 1)}
        />
      </Card>
      <ImportCard onImported={(years) => setYear(Math.max(...years))} />
    </div>
  );
}

function YearForm({
  year,
  stored,
  previous,
}: {
  year: number;
  stored?: FinancialYear;
  previous?: FinancialYear;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FinancialsFormValues>();
  const values = Form.useWatch([], form) ?? {};
  const save = usePutFinancialYear();
  const [formError, setFormError] = useState<string | null>(null);
  const ratios = liveRatios(values, year, previous);

  const onFinish = (submitted: FinancialsFormValues) => {
    setFormError(null);
    const input = toFinancialInput(submitted);
    if (input === null) return;
    save.mutate(
      { year, input },
      {
        onSuccess: () => void message.success(t('financials.saved', { year })),
        onError: (error) => {
          if (isApiError(error) && error.details.length > 0) {
            const onForm = error.details.filter((d) => ALL_FIELDS.has(d.field));
            form.setFields(
              onForm.map((d) => ({ name: d.field as FinancialField, errors: [d.problem] })),
            );
            const elsewhere = error.details.filter((d) => !onForm.includes(d));
            setFormError(
              elsewhere.length > 0
                ? t('financials.saveFailed', {
                    message: elsewhere.map((d) => `${d.field}: ${d.problem}`).join('; '),
                  })
                : t('financials.fixFields'),
            );
            return;
          }
          setFormError(t('financials.saveFailed', { message: error.message }));
        },
      },
    );
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={toFormValues(stored)}
      onFinish={onFinish}
      onFinishFailed={() => setFormError(null)}
      data-testid="financials-form"
      scrollToFirstError
    >
      <Card size="small" type="inner" title={t('financials.ratios')} style={{ marginBottom: 16 }}>
        <Row gutter={[16, 8]} data-testid="live-ratios">
          <Col xs={12} md={6}>
            <Statistic
              title={t('financials.rdIntensity')}
              value={formatRatio(ratios.rdIntensity)}
              data-testid="ratio-rd"
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('financials.debtRatio')}
              value={formatRatio(ratios.debtRatio)}
              data-testid="ratio-debt"
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={
                previous
                  ? `${t('financials.revenueGrowth')}（${t('financials.growthAgainst', { year: previous.year })}）`
                  : `${t('financials.revenueGrowth')}（${t('financials.noPrevious')}）`
              }
              value={formatRatio(ratios.revenueGrowth)}
              data-testid="ratio-growth"
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('financials.netMargin')}
              value={formatRatio(ratios.netMargin)}
              data-testid="ratio-margin"
            />
          </Col>
        </Row>
      </Card>
      {SECTIONS.map((section) => (
        <div key={section.key}>
          <Typography.Title level={5}>{t(`financials.${section.key}`)}</Typography.Title>
          <Row gutter={16}>
            {section.fields.map((field) => {
              const count = isCount(field);
              const unit = count
                ? field === 'inventionPatents'
                  ? t('financials.unitItems')
                  : t('financials.unitPeople')
                : t('financials.unitWan');
              return (
                <Col key={field} xs={24} sm={12} lg={8}>
                  <Form.Item
                    name={field}
                    label={t(`financials.fields.${field}`)}
                    dependencies={field === 'rdStaff' ? ['employees'] : undefined}
                    rules={[
                      { required: true, message: t('financials.required') },
                      ...(SIGNED_FIELDS.has(field)
                        ? []
                        : [
                            {
                              type: 'number' as const,
                              min: 0,
                              message: t('financials.notNegative'),
                            },
                          ]),
                      ...(field === 'rdStaff'
                        ? [
                            ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
                              validator: (_: unknown, value: number | null) => {
                                const employees = getFieldValue('employees');
                                return typeof employees === 'number' &&
                                  typeof value === 'number' &&
                                  value > employees
                                  ? Promise.reject(new Error(t('financials.rdStaffTooMany')))
                                  : Promise.resolve();
                              },
                            }),
                          ]
                        : []),
                    ]}
                  >
                    <InputNumber
                      style={{ width: '100%' }}
                      data-testid={`field-${field}`}
                      suffix={unit}
                      precision={count ? 0 : undefined}
                      step={count ? 1 : 100}
                      min={SIGNED_FIELDS.has(field) ? undefined : 0}
                      inputMode={count ? 'numeric' : 'decimal'}
                    />
                  </Form.Item>
                </Col>
              );
            })}
          </Row>
        </div>
      ))}
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Button
        type="primary"
        htmlType="submit"
        loading={save.isPending}
        data-testid="financials-save"
      >
        {t('financials.save', { year })}
      </Button>
    </Form>
  );
}

function ImportCard({ onImported }: { onImported: (years: number[]) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const importer = useImportFinancials();
  const [badCells, setBadCells] = useState<ApiErrorDetail[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);

  const download = () => {
    setDownloading(true);
    downloadFinancialsTemplate()
      .catch(
        (error: unknown) =>
          void message.error(error instanceof Error ? error.message : String(error)),
      )
      .finally(() => setDownloading(false));
  };

  const upload = (file: File) => {
    setBadCells([]);
    setFailure(null);
    importer.mutate(file, {
      onSuccess: (result) => {
        void message.success(t('financials.imported', { years: result.years.join('、') }));
        if (result.years.length > 0) onImported(result.years);
      },
      onError: (error) => {
        if (isApiError(error) && error.details.length > 0) setBadCells(error.details);
        else setFailure(t('financials.importFailed', { message: error.message }));
      },
    });
    // The file goes through the mutation, not antd's own XHR.
    return false;
  };

  return (
    <Card title={t('financials.importTitle')}>
      <Typography.Paragraph type="secondary">{t('financials.importIntro')}</Typography.Paragraph>
      <Space wrap>
        <Button
          icon={<DownloadOutlined />}
          onClick={download}
          loading={downloading}
          data-testid="template-download"
        >
          {t('financials.downloadTemplate')}
        </Button>
        <Upload accept=".xlsx" showUploadList={false} beforeUpload={upload} maxCount={1}>
          <Button
            icon={<UploadOutlined />}
            loading={importer.isPending}
            data-testid="template-upload"
          >
            {t('financials.upload')}
          </Button>
        </Upload>
      </Space>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 16 }} />}
      {badCells.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          data-testid="import-errors"
          title={t('financials.badCells')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {badCells.map((d) => (
                <li key={`${d.field}-${d.problem}`}>
                  <Typography.Text code>{d.field}</Typography.Text> {d.problem}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </Card>
  );
}
