import { Alert, Button, Card, Divider, Form, InputNumber, List, Select, Space, Switch, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COLLATERALS, TIERS } from '@lianrong/matching/vocabulary';
import { isApiError } from '../../../api/api-client';
import { useWhatIf } from '../../../api/need-workspace';
import type { FirmProfile, FundingNeed, WhatIfInput, WhatIfResult } from '../../../api/types';
import { formatScore, wanToYuan, yuanToWan } from '../../../shared/format';

/** The sandbox's fields as typed: money in 万元. */
interface SandboxValues {
  tier: NonNullable<WhatIfInput['tier']>;
  rdExpenseWan: number | null;
  revenueWan: number | null;
  totalLiabilitiesWan: number | null;
  collateral: NonNullable<WhatIfInput['collateral']>;
  amountWan: number;
  termMonths: number;
  whitelisted: boolean;
}

const FORM_FIELD_OF: Record<string, keyof SandboxValues> = {
  tier: 'tier',
  rdExpense: 'rdExpenseWan',
  revenue: 'revenueWan',
  totalLiabilities: 'totalLiabilitiesWan',
  collateral: 'collateral',
  amount: 'amountWan',
  termMonths: 'termMonths',
  whitelisted: 'whitelisted',
};

function currentValues(firm: FirmProfile, need: FundingNeed): SandboxValues {
  const latest = [...firm.financials].sort((a, b) => b.year - a.year)[0];
  return {
    tier: firm.tier,
    rdExpenseWan: latest ? yuanToWan(latest.rdExpense) : null,
    revenueWan: latest ? yuanToWan(latest.revenue) : null,
    totalLiabilitiesWan: latest ? yuanToWan(latest.totalLiabilities) : null,
    collateral: need.collateral,
    amountWan: yuanToWan(need.amount),
    termMonths: need.termMonths,
    whitelisted: firm.whitelisted,
  };
}

// Only what the firm changed is sent: the API judges everything else as it stands.
function changedInputs(now: SandboxValues, v: SandboxValues): WhatIfInput {
  const input: WhatIfInput = {};
  if (v.tier !== now.tier) input.tier = v.tier;
  if (v.collateral !== now.collateral) input.collateral = v.collateral;
  if (v.whitelisted !== now.whitelisted) input.whitelisted = v.whitelisted;
  if (v.termMonths !== now.termMonths) input.termMonths = v.termMonths;
  if (v.amountWan !== now.amountWan) input.amount = wanToYuan(v.amountWan);
  if (v.rdExpenseWan !== null && v.rdExpenseWan !== now.rdExpenseWan) input.rdExpense = wanToYuan(v.rdExpenseWan);
  if (v.revenueWan !== null && v.revenueWan !== now.revenueWan) input.revenue = wanToYuan(v.revenueWan);
  if (v.totalLiabilitiesWan !== null && v.totalLiabilitiesWan !== now.totalLiabilitiesWan) {
    input.totalLiabilities = wanToYuan(v.totalLiabilitiesWan);
  }
  return input;
}

function Outcome({ result }: { result: WhatIfResult }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="what-if-result">
      <div>
        <Typography.Text strong>{t('needsWorkspace.opened')}</Typography.Text>
        <div data-testid="what-if-opened">
          {result.opened.length === 0 ? (
            <Typography.Text type="secondary">{t('needsWorkspace.noneOpened')}</Typography.Text>
          ) : (
            result.opened.map((o) => (
              <Tag key={o.productId} color="success" style={{ marginBlock: 2 }}>
                {o.productName} · {o.bankName} · {formatScore(o.score)}
              </Tag>
            ))
          )}
        </div>
      </div>
      <div>
        <Typography.Text strong>{t('needsWorkspace.closed')}</Typography.Text>
        <div data-testid="what-if-closed">
          {result.closed.length === 0 ? (
            <Typography.Text type="secondary">{t('needsWorkspace.noneClosed')}</Typography.Text>
          ) : (
            result.closed.map((c) => (
              <Tag key={c.productId} color="error" style={{ marginBlock: 2 }}>
                {c.productName} · {c.failures.map((f) => t(`needsWorkspace.rule.${f.code}`)).join('、')}
              </Tag>
            ))
          )}
        </div>
      </div>
      <Typography.Text strong>{t('needsWorkspace.newRanking')}</Typography.Text>
      <List
        size="small"
        dataSource={result.ranked}
        data-testid="what-if-ranked"
        renderItem={(r, i) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Space size={[6, 2]} wrap>
              <span>{i + 1}.</span>
              <span>{r.productName}</span>
              <Typography.Text type="secondary">{r.bankName}</Typography.Text>
              <strong>{formatScore(r.score)}</strong>
              <Typography.Text type="secondary">
                {r.previousScore === null
                  ? t('needsWorkspace.scoreNew')
                  : t('needsWorkspace.scoreDelta', { before: formatScore(r.previousScore) })}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Space>
  );
}

/** 试算: a sandbox beside the matches. Nothing typed here is saved. */
export function WhatIfPanel({ firm, need }: { firm: FirmProfile; need: FundingNeed }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SandboxValues>();
  const run = useWhatIf(need.id);
  const now = useMemo(() => currentValues(firm, need), [firm, need]);
  const [error, setError] = useState<string | null>(null);
  const [unchanged, setUnchanged] = useState(false);
  const hasFinancials = firm.financials.length > 0;

  const onFinish = (values: SandboxValues) => {
    setError(null);
    const input = changedInputs(now, values);
    setUnchanged(Object.keys(input).length === 0);
    run.mutate(input, {
      onError: (e) => {
        if (isApiError(e) && e.details.length > 0) {
          form.setFields(
            e.details
              .filter((d) => FORM_FIELD_OF[d.field])
              .map((d) => ({ name: FORM_FIELD_OF[d.field], errors: [d.problem] })),
          );
        }
        setError(t('needsWorkspace.sandboxFailed', { message: e.message }));
      },
    });
  };

  const wide = { style: { width: '100%' } };
  return (
    <Card title={t('needsWorkspace.sandbox')} size="small" data-testid="what-if-panel">
      <Typography.Paragraph type="secondary">{t('needsWorkspace.sandboxHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={now} onFinish={onFinish} disabled={run.isPending} size="small">
        <Form.Item name="tier" label={t('needsWorkspace.sandboxTier')}>
          <Select data-testid="what-if-tier" options={TIERS.map((x) => ({ value: x, label: t(`enums.tier.${x}`) }))} />
        </Form.Item>
        <Form.Item name="collateral" label={t('needsWorkspace.collateral')}>
          <Select
            data-testid="what-if-collateral"
            options={COLLATERALS.map((x) => ({ value: x, label: t(`enums.collateral.${x}`) }))}
          />
        </Form.Item>
        <Form.Item name="amountWan" label={t('needsWorkspace.amountWan')} rules={[{ required: true, type: 'number', min: 1 }]}>
          <InputNumber {...wide} min={1} />
        </Form.Item>
        <Form.Item name="termMonths" label={t('needsWorkspace.termMonths')} rules={[{ required: true, type: 'integer', min: 1, max: 360 }]}>
          <InputNumber {...wide} min={1} max={360} precision={0} />
        </Form.Item>
        {hasFinancials ? (
          <>
            <Form.Item name="rdExpenseWan" label={t('needsWorkspace.sandboxRd')}>
              <InputNumber {...wide} min={0} />
            </Form.Item>
            <Form.Item name="revenueWan" label={t('needsWorkspace.sandboxRevenue')}>
              <InputNumber {...wide} min={0.0001} />
            </Form.Item>
            <Form.Item name="totalLiabilitiesWan" label={t('needsWorkspace.sandboxLiabilities')}>
              <InputNumber {...wide} min={0} />
            </Form.Item>
          </>
        ) : (
          <Alert type="info" showIcon title={t('needsWorkspace.sandboxNoFinancials')} style={{ marginBottom: 12 }} />
        )}
        <Form.Item name="whitelisted" label={t('needsWorkspace.sandboxWhitelisted')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={run.isPending} data-testid="what-if-run">
            {t('needsWorkspace.sandboxRun')}
          </Button>
          <Button
            onClick={() => {
              form.setFieldsValue(now);
              run.reset();
              setError(null);
            }}
          >
            {t('needsWorkspace.sandboxReset')}
          </Button>
        </Space>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {run.data && (
        <>
          <Divider style={{ marginBlock: 12 }} />
          {unchanged && <Alert type="info" title={t('needsWorkspace.sandboxNoChange')} style={{ marginBottom: 8 }} />}
          <Outcome result={run.data} />
        </>
      )}
    </Card>
  );
}
