import { Alert, App, Button, Drawer, Form, Grid, Input, InputNumber, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COLLATERALS, PURPOSES } from '@lianrong/matching/vocabulary';
import { isApiError } from '../../../api/api-client';
import { useCreateNeed, useUpdateNeed } from '../../../api/need-workspace';
import type { FundingNeed, NeedInput } from '../../../api/types';
import { percentToBps, wanToYuan, yuanToWan } from '../../../shared/format';

/** What the CFO types: 万元 and % (the wire takes whole yuan and bps, converted exactly). */
export interface NeedFormValues {
  amountWan: number;
  maxRatePercent: number;
  termMonths: number;
  purpose: NeedInput['purpose'];
  collateral: NeedInput['collateral'];
  note?: string;
}

type FormField = keyof NeedFormValues;

// The API names money in yuan and rates in bps; its field errors land on the typed fields.
const FORM_FIELD_OF: Record<string, FormField> = {
  amount: 'amountWan',
  maxRateBps: 'maxRatePercent',
  termMonths: 'termMonths',
  purpose: 'purpose',
  collateral: 'collateral',
  note: 'note',
};

export function toNeedInput(v: NeedFormValues): NeedInput {
  return {
    amount: wanToYuan(v.amountWan),
    maxRateBps: percentToBps(v.maxRatePercent),
    termMonths: v.termMonths,
    purpose: v.purpose,
    collateral: v.collateral,
    ...(v.note ? { note: v.note } : {}),
  };
}

function toFormValues(need: FundingNeed): NeedFormValues {
  return {
    amountWan: yuanToWan(need.amount),
    maxRatePercent: need.maxRateBps / 100,
    termMonths: need.termMonths,
    purpose: need.purpose,
    collateral: need.collateral,
    note: need.note ?? undefined,
  };
}

const DEFAULTS: Partial<NeedFormValues> = { termMonths: 12, purpose: 'working_capital', collateral: 'none' };

interface NeedFormDrawerProps {
  open: boolean;
  /** The need being edited; absent for a new one. */
  need?: FundingNeed;
  onClose: () => void;
  onSaved?: (need: FundingNeed) => void;
}

export function NeedFormDrawer({ open, need, onClose, onSaved }: NeedFormDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = Grid.useBreakpoint().sm === false;
  const [form] = Form.useForm<NeedFormValues>();
  const create = useCreateNeed();
  const update = useUpdateNeed();
  const [formError, setFormError] = useState<string | null>(null);
  const pending = create.isPending || update.isPending;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(need ? toFormValues(need) : DEFAULTS);
  }, [open, need, form]);

  const onError = (error: Error) => {
    if (isApiError(error) && error.details.length > 0) {
      const onForm = error.details.filter((d) => FORM_FIELD_OF[d.field]);
      form.setFields(onForm.map((d) => ({ name: FORM_FIELD_OF[d.field], errors: [d.problem] })));
      const elsewhere = error.details.filter((d) => !onForm.includes(d));
      setFormError(
        elsewhere.length > 0
          ? t('needsWorkspace.saveFailed', { message: elsewhere.map((d) => `${d.field}: ${d.problem}`).join('; ') })
          : t('needsWorkspace.fixFields'),
      );
      return;
    }
    setFormError(t('needsWorkspace.saveFailed', { message: error.message }));
  };

  const onFinish = (values: NeedFormValues) => {
    setFormError(null);
    const input = toNeedInput(values);
    const done = (saved: FundingNeed) => {
      void message.success(t(need ? 'needsWorkspace.updated' : 'needsWorkspace.created'));
      onSaved?.(saved);
      onClose();
    };
    if (need) update.mutate({ id: need.id, input }, { onSuccess: done, onError });
    else create.mutate(input, { onSuccess: done, onError });
  };

  const required = { required: true, message: t('needsWorkspace.required') };
  const wide = { style: { width: '100%' } };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t(need ? 'needsWorkspace.editTitle' : 'needsWorkspace.post')}
      size={isPhone ? '100%' : 480}
      styles={{ body: { padding: isPhone ? 16 : 24 } }}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('needsWorkspace.cancel')}</Button>
          <Button type="primary" loading={pending} onClick={() => form.submit()} data-testid="need-submit">
            {t('needsWorkspace.submit')}
          </Button>
        </Space>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onValuesChange={() => setFormError(null)}
        disabled={pending}
        scrollToFirstError
        data-testid="need-form"
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="amountWan"
          label={t('needsWorkspace.amountWan')}
          extra={t('needsWorkspace.amountHint')}
          rules={[required, { type: 'number', min: 1, message: t('needsWorkspace.amountMin') }]}
        >
          <InputNumber {...wide} min={0} data-testid="need-amount" />
        </Form.Item>
        <Form.Item
          name="maxRatePercent"
          label={t('needsWorkspace.maxRatePercent')}
          rules={[required, { type: 'number', min: 0, max: 100, message: t('needsWorkspace.rateRange') }]}
        >
          <InputNumber {...wide} min={0} max={100} precision={2} step={0.05} data-testid="need-rate" />
        </Form.Item>
        <Form.Item
          name="termMonths"
          label={t('needsWorkspace.termMonths')}
          rules={[required, { type: 'integer', min: 1, max: 360, message: t('needsWorkspace.termRange') }]}
        >
          <InputNumber {...wide} min={1} max={360} precision={0} data-testid="need-term" />
        </Form.Item>
        <Form.Item name="purpose" label={t('needsWorkspace.purpose')} rules={[required]}>
          <Select
            data-testid="need-purpose"
            options={PURPOSES.map((p) => ({ value: p, label: t(`enums.purpose.${p}`) }))}
          />
        </Form.Item>
        <Form.Item name="collateral" label={t('needsWorkspace.collateral')} rules={[required]}>
          <Select
            data-testid="need-collateral"
            options={COLLATERALS.map((c) => ({ value: c, label: t(`enums.collateral.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('needsWorkspace.note')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
