import { Alert, App, Button, Col, Divider, Drawer, Form, Grid, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client';
import { useCreateProduct, useProductChains, useUpdateProduct } from '../../api/products';
import { COLLATERALS, PRODUCT_KINDS, PURPOSES, TIERS } from '@lianrong/matching/vocabulary';
import type { LoanProduct, ProductInput, ProductWriteResult } from '../../api/types';
import { IndustryPrefixPicker, RegionPrefixPicker } from '../../shared/components/division-pickers';
import { useDebounced } from '../../shared/use-debounced';
import { CoreEnterprisePicker } from './core-enterprise-picker';
import { DryRunReach } from './dry-run-reach';
import { FORM_FIELD_OF_API, toFormValues, toProductInput, type ProductFormValues } from './product-input';

type FormField = keyof ProductFormValues;

const INITIAL_VALUES: Partial<ProductFormValues> = {
  kind: 'credit',
  minTier: 'none',
  regions: [],
  sectors: [],
  chainIds: [],
  minRevenue: null,
  minRdIntensity: null,
  maxDebtRatio: null,
  minInventionPatents: null,
  minYearsInNiche: null,
  creditQuota: null,
  collateralAccepted: [],
  purposes: [],
  coreEnterpriseIds: [],
  requiresWhitelist: false,
  listNow: true,
};

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
  'chainIds',
  'minRevenue',
  'minRdIntensity',
  'maxDebtRatio',
  'minInventionPatents',
  'minYearsInNiche',
  'creditQuota',
  'collateralAccepted',
  'purposes',
  'coreEnterpriseIds',
  'requiresWhitelist',
  'description',
] satisfies FormField[]);

/** Everything that decides which needs a product reaches: the name and the description do not. */
const REACH_FIELDS: FormField[] = [
  'amountMin',
  'amountMax',
  'termMin',
  'termMax',
  'rateMin',
  'rateMax',
  'creditQuota',
  'coreEnterpriseIds',
];

/** The draft tried by the dry run: a fixed name, so typing the real one does not try it again. */
function reachBody(values: ProductFormValues): ProductInput {
  return { ...toProductInput({ ...values, name: 'draft', description: null }), status: 'active' };
}

interface ProductFormDrawerProps {
  open: boolean;
  /** The product being edited; null publishes a new one. */
  product: LoanProduct | null;
  onClose: () => void;
  onSaved: (product: ProductWriteResult, action: 'publish' | 'edit') => void;
}

export function ProductFormDrawer({ open, product, onClose, onSaved }: ProductFormDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.sm === false;
  const [form] = Form.useForm<ProductFormValues>();
  const create = useCreateProduct();
  const update = useUpdateProduct();
  const saving = create.isPending || update.isPending;
  const chains = useProductChains();
  const [formError, setFormError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const editing = product !== null;

  // The dry run follows the form once typing pauses, and only a draft that holds together is tried.
  const watched = Form.useWatch((values: ProductFormValues) => JSON.stringify(values), form);
  const settled = useDebounced(watched, 400);
  const [draft, setDraft] = useState<ProductInput | null>(null);
  useEffect(() => {
    if (!open || settled === undefined) return;
    let live = true;
    const values = form.getFieldsValue(true) as ProductFormValues;
    form
      .validateFields(REACH_FIELDS, { validateOnly: true })
      .then(() => live && setDraft(reachBody(values)))
      .catch(() => live && setDraft(null));
    return () => {
      live = false;
    };
  }, [settled, open, form]);

  // The form instance outlives the drawer's content, and its store would keep what was typed
  // last time: each opening starts from the product as stored, or from a blank one.
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, product, form]);

  const required = (text = t('bank.required')): Rule => ({ required: true, message: text });
  // The upper bound of a pair is checked against its lower bound; `dependencies` re-runs it when the lower one changes.
  const notBelow = (minField: FormField, text = t('bank.maxBelowMin')): Rule => ({ getFieldValue }) => ({
    validator: (_, value: number | null) => {
      const min = getFieldValue(minField) as number | null;
      return value === null || value === undefined || min === null || min === undefined || value >= min
        ? Promise.resolve()
        : Promise.reject(new Error(text));
    },
  });

  const close = () => {
    setFormError(null);
    setDraft(null);
    onClose();
  };

  const onError = (error: Error) => {
    if (isApiError(error) && error.details.length > 0) {
      const fieldOf = (field: string) => FORM_FIELD_OF_API[field] ?? field;
      const onForm = error.details.filter((d) => FORM_FIELDS.has(fieldOf(d.field)));
      form.setFields(onForm.map((d) => ({ name: fieldOf(d.field) as FormField, errors: [d.problem] })));
      const elsewhere = error.details.filter((d) => !onForm.includes(d));
      setFormError(
        elsewhere.length > 0
          ? t('bank.saveFailed', { message: elsewhere.map((d) => `${d.field}: ${d.problem}`).join('; ') })
          : t('bank.fixFields'),
      );
      return;
    }
    setFormError(t('bank.saveFailed', { message: error.message }));
  };

  const onFinish = (values: ProductFormValues) => {
    setFormError(null);
    const input = toProductInput(values);
    const saved = (result: ProductWriteResult, action: 'publish' | 'edit') => {
      void message.success(t(action === 'publish' ? 'bank.published' : 'bank.saved', { name: result.name }));
      setDraft(null);
      onSaved(result, action);
    };
    if (product) update.mutate({ id: product.id, input }, { onSuccess: (r) => saved(r, 'edit'), onError });
    else create.mutate(input, { onSuccess: (r) => saved(r, 'publish'), onError });
  };

  const numberInput = { style: { width: '100%' } };
  const half = { xs: 24, sm: 12 };
  const section = (title: string) => (
    <Divider titlePlacement="start" plain style={{ marginTop: 4 }}>
      <strong>{title}</strong>
    </Divider>
  );

  return (
    <Drawer
      open={open}
      onClose={close}
      // Closed, its fields unmount: the pickers reopen without last time's search.
      destroyOnHidden
      title={editing ? t('bank.editTitle', { name: product.name }) : t('bank.publishTitle')}
      // Full width on phones: a 375 px screen has no room beside the form.
      size={isPhone ? '100%' : 640}
      styles={{ body: { padding: isPhone ? 16 : 24 } }}
      footer={
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
          <DryRunReach draft={draft} />
          <Space style={{ marginLeft: 'auto' }}>
            <Button onClick={close}>{t('bank.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="product-submit">
              {editing ? t('bank.save') : t('bank.submit')}
            </Button>
          </Space>
        </div>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={product ? toFormValues(product) : INITIAL_VALUES}
        onFinish={onFinish}
        onFinishFailed={() => setFormError(null)}
        // The banner speaks of the last submit; once the officer edits, the field errors say enough.
        onValuesChange={() => setFormError(null)}
        scrollToFirstError
        disabled={saving}
        data-testid="product-form"
      >
        {formError && (
          <Alert type="error" showIcon title={formError} data-testid="product-form-error" style={{ marginBottom: 16 }} />
        )}
        {section(t('bank.sectionTerms'))}
        <Form.Item
          name="name"
          label={t('bank.productName')}
          rules={[required(t('bank.nameRequired')), { whitespace: true, min: 2, max: 100, message: t('bank.nameRequired') }]}
        >
          <Input placeholder={t('bank.namePlaceholder')} maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="kind" label={t('bank.productKind')} rules={[required(t('bank.kindRequired'))]}>
              <Select options={PRODUCT_KINDS.map((k) => ({ value: k, label: t(`enums.productKind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col {...half}>
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

        {section(t('bank.sectionScope'))}
        {kind === 'supply_chain' && (
          <Form.Item
            name="coreEnterpriseIds"
            label={t('bank.coreEnterprises')}
            extra={t('bank.coreEnterpriseHelp')}
            rules={[{ required: true, type: 'array', min: 1, message: t('bank.coreEnterpriseRequired') }]}
          >
            <CoreEnterprisePicker known={product?.coreEnterprises ?? []} />
          </Form.Item>
        )}
        <Form.Item name="regions" label={t('bank.regions')} extra={t('bank.regionsHelp')}>
          <RegionPrefixPicker placeholder={t('bank.anyRegion')} data-testid="regions-picker" />
        </Form.Item>
        <Form.Item name="sectors" label={t('bank.sectors')} extra={t('bank.sectorsHelp')}>
          <IndustryPrefixPicker placeholder={t('bank.anySector')} data-testid="sectors-picker" />
        </Form.Item>
        <Form.Item name="chainIds" label={t('bank.chains')} extra={t('bank.chainsHelp')}>
          <Select
            mode="multiple"
            loading={chains.isLoading}
            placeholder={t('bank.anyChain')}
            showSearch={{ optionFilterProp: 'label' }}
            options={(chains.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="chains-picker"
          />
        </Form.Item>

        {section(t('bank.sectionThresholds'))}
        <Alert type="info" showIcon title={t('bank.thresholdsHelp')} style={{ marginBottom: 16 }} />
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="minRevenue" label={t('bank.minRevenueWan')}>
              <InputNumber {...numberInput} min={0} step={1000} placeholder={t('bank.noLimit')} inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="minRdIntensity" label={t('bank.minRdIntensityPercent')}>
              <InputNumber {...numberInput} min={0} max={100} step={1} placeholder={t('bank.noLimit')} inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="maxDebtRatio" label={t('bank.maxDebtRatioPercent')}>
              <InputNumber {...numberInput} min={0} max={1000} step={5} placeholder={t('bank.noLimit')} inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="minInventionPatents" label={t('bank.minInventionPatents')}>
              <InputNumber {...numberInput} min={0} max={100_000} precision={0} placeholder={t('bank.noLimit')} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="minYearsInNiche" label={t('bank.minYearsInNiche')}>
              <InputNumber {...numberInput} min={0} max={200} precision={0} placeholder={t('bank.noLimit')} inputMode="numeric" />
            </Form.Item>
          </Col>
        </Row>

        {section(t('bank.sectionOther'))}
        <Form.Item name="collateralAccepted" label={t('bank.collateralAccepted')} extra={t('bank.anyHint')}>
          <Select mode="multiple" options={COLLATERALS.map((v) => ({ value: v, label: t(`enums.collateral.${v}`) }))} />
        </Form.Item>
        <Form.Item name="purposes" label={t('bank.purposes')} extra={t('bank.anyHint')}>
          <Select mode="multiple" options={PURPOSES.map((v) => ({ value: v, label: t(`enums.purpose.${v}`) }))} />
        </Form.Item>
        <Form.Item
          name="creditQuota"
          label={t('bank.creditQuotaWan')}
          extra={t('bank.creditQuotaHelp')}
          dependencies={['amountMin']}
          rules={[notBelow('amountMin', t('bank.quotaBelowMin'))]}
        >
          <InputNumber {...numberInput} min={0} step={10_000} placeholder={t('bank.noLimit')} inputMode="decimal" />
        </Form.Item>
        <Form.Item name="description" label={t('bank.description')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="requiresWhitelist" label={t('bank.requiresWhitelistSwitch')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="listNow" label={editing ? t('bank.listed') : t('bank.listNow')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
