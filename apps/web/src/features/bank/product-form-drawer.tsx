import { Alert, App, Button, Col, Drawer, Form, Grid, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client';
import { useCreateProduct } from '../../api/products';
import { COLLATERALS, PRODUCT_KINDS, PURPOSES, TIERS } from '@lianrong/matching/vocabulary';
import { type ProductWriteResult } from '../../api/types';
import { toProductInput, type ProductFormValues } from './product-input';

type FormField = keyof ProductFormValues;

const INITIAL_VALUES: Partial<ProductFormValues> = {
  kind: 'credit',
  minTier: 'none',
  regions: [],
  sectors: [],
  collateralAccepted: [],
  purposes: [],
  coreEnterpriseIds: [],
  requiresWhitelist: false,
  listNow: true,
};

// Same patterns as the API's DTO, so most mistakes are caught before the round trip.
const REGION_PREFIX = /^[0-9]{2,6}$/;
const SECTOR_PREFIX = /^[A-T][0-9]{0,4}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The API names rates in bps; the form names them in % — map its field errors back.
const FORM_FIELD_OF: Record<string, FormField> = { rateMinBps: 'rateMin', rateMaxBps: 'rateMax' };
const FORM_FIELDS = new Set<string>([
  'name',
  'kind',
  'amountMin',
  'amountMax',
  'termMin',
  'termMax',
  'rateMin',
  'rateMax',
  'minTier',
  'regions',
  'sectors',
  'collateralAccepted',
  'purposes',
  'coreEnterpriseIds',
  'requiresWhitelist',
  'description',
] satisfies FormField[]);

interface ProductFormDrawerProps {
  open: boolean;
  onClose: () => void;
  onPublished: (product: ProductWriteResult) => void;
}

export function ProductFormDrawer({ open, onClose, onPublished }: ProductFormDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.sm === false;
  const [form] = Form.useForm<ProductFormValues>();
  const create = useCreateProduct();
  const [formError, setFormError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);

  const required = (text = t('bank.required')): Rule => ({ required: true, message: text });
  // The upper bound of a pair is checked against its lower bound; `dependencies` re-runs it when the lower one changes.
  const notBelow = (minField: FormField): Rule => ({ getFieldValue }) => ({
    validator: (_, value: number | null) => {
      const min = getFieldValue(minField) as number | null;
      return value === null || value === undefined || min === null || min === undefined || value >= min
        ? Promise.resolve()
        : Promise.reject(new Error(t('bank.maxBelowMin')));
    },
  });
  const eachMatches = (pattern: RegExp, text: string): Rule => ({
    validator: (_, value: string[] | undefined) =>
      (value ?? []).every((v) => pattern.test(v)) ? Promise.resolve() : Promise.reject(new Error(text)),
  });

  const close = () => {
    setFormError(null);
    onClose();
  };

  const onFinish = (values: ProductFormValues) => {
    setFormError(null);
    create.mutate(toProductInput(values), {
      onSuccess: (product) => {
        void message.success(t('bank.published', { name: product.name }));
        form.resetFields();
        onPublished(product);
      },
      onError: (error) => {
        if (isApiError(error) && error.details.length > 0) {
          const onForm = error.details.filter((d) => FORM_FIELDS.has(FORM_FIELD_OF[d.field] ?? d.field));
          form.setFields(
            onForm.map((d) => ({ name: FORM_FIELD_OF[d.field] ?? (d.field as FormField), errors: [d.problem] })),
          );
          const elsewhere = error.details.filter((d) => !onForm.includes(d));
          setFormError(
            elsewhere.length > 0
              ? t('bank.publishFailed', { message: elsewhere.map((d) => `${d.field}: ${d.problem}`).join('; ') })
              : t('bank.fixFields'),
          );
          return;
        }
        setFormError(t('bank.publishFailed', { message: error.message }));
      },
    });
  };

  const numberInput = { style: { width: '100%' } };

  return (
    <Drawer
      open={open}
      onClose={close}
      title={t('bank.publishTitle')}
      // Full width on phones: a 375 px screen has no room beside the form.
      size={isPhone ? '100%' : 560}
      styles={{ body: { padding: isPhone ? 16 : 24 } }}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={close}>{t('bank.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="product-submit">
            {t('bank.submit')}
          </Button>
        </Space>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={INITIAL_VALUES}
        onFinish={onFinish}
        onFinishFailed={() => setFormError(null)}
        // The banner speaks of the last submit; once the officer edits, the field errors say enough.
        onValuesChange={() => setFormError(null)}
        scrollToFirstError
        disabled={create.isPending}
        data-testid="product-form"
      >
        {formError && (
          <Alert type="error" showIcon title={formError} data-testid="product-form-error" style={{ marginBottom: 16 }} />
        )}
        <Form.Item
          name="name"
          label={t('bank.productName')}
          rules={[required(t('bank.nameRequired')), { whitespace: true, min: 2, max: 100, message: t('bank.nameRequired') }]}
        >
          <Input placeholder={t('bank.namePlaceholder')} maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('bank.productKind')} rules={[required(t('bank.kindRequired'))]}>
              <Select options={PRODUCT_KINDS.map((k) => ({ value: k, label: t(`enums.productKind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="minTier" label={t('bank.minTier')}>
              <Select options={TIERS.map((v) => ({ value: v, label: t(`enums.tier.${v}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="amountMin"
              label={t('bank.amountMinWan')}
              rules={[required(), { type: 'number', min: 0.0001, message: t('bank.amountPositive') }]}
            >
              <InputNumber {...numberInput} min={0} step={100} inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="amountMax"
              label={t('bank.amountMaxWan')}
              dependencies={['amountMin']}
              rules={[required(), { type: 'number', min: 0.0001, message: t('bank.amountPositive') }, notBelow('amountMin')]}
            >
              <InputNumber {...numberInput} min={0} step={100} inputMode="decimal" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="termMin" label={t('bank.termMinMonths')} rules={[required()]}>
              <InputNumber {...numberInput} min={1} max={360} precision={0} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="termMax"
              label={t('bank.termMaxMonths')}
              dependencies={['termMin']}
              rules={[required(), notBelow('termMin')]}
            >
              <InputNumber {...numberInput} min={1} max={360} precision={0} inputMode="numeric" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="rateMin" label={t('bank.rateMinPercent')} rules={[required()]}>
              <InputNumber {...numberInput} min={0} max={100} step={0.05} inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="rateMax"
              label={t('bank.rateMaxPercent')}
              dependencies={['rateMin']}
              rules={[required(), notBelow('rateMin')]}
            >
              <InputNumber {...numberInput} min={0} max={100} step={0.05} inputMode="decimal" />
            </Form.Item>
          </Col>
        </Row>
        {kind === 'supply_chain' && (
          <Form.Item
            name="coreEnterpriseIds"
            label={t('bank.coreEnterpriseIds')}
            extra={t('bank.coreEnterpriseHelp')}
            rules={[
              { required: true, type: 'array', min: 1, message: t('bank.coreEnterpriseRequired') },
              eachMatches(UUID, t('bank.coreEnterpriseInvalid')),
            ]}
          >
            <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', ' ']} />
          </Form.Item>
        )}
        <Form.Item
          name="regions"
          label={t('bank.regions')}
          extra={t('bank.regionsHelp')}
          rules={[eachMatches(REGION_PREFIX, t('bank.regionsInvalid'))]}
        >
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', ' ']} />
        </Form.Item>
        <Form.Item
          name="sectors"
          label={t('bank.sectors')}
          extra={t('bank.sectorsHelp')}
          normalize={(value: string[]) => value.map((v) => v.trim().toUpperCase())}
          rules={[eachMatches(SECTOR_PREFIX, t('bank.sectorsInvalid'))]}
        >
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', ' ']} />
        </Form.Item>
        <Form.Item name="collateralAccepted" label={t('bank.collateralAccepted')} extra={t('bank.anyHint')}>
          <Select mode="multiple" options={COLLATERALS.map((v) => ({ value: v, label: t(`enums.collateral.${v}`) }))} />
        </Form.Item>
        <Form.Item name="purposes" label={t('bank.purposes')} extra={t('bank.anyHint')}>
          <Select mode="multiple" options={PURPOSES.map((v) => ({ value: v, label: t(`enums.purpose.${v}`) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('bank.description')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="requiresWhitelist" label={t('bank.requiresWhitelist')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="listNow" label={t('bank.listNow')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
