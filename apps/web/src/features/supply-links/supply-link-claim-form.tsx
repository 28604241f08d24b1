import { Alert, App, Button, Col, Form, InputNumber, Row, Select, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client';
import { useClaimSupplyLink, useCoreEnterpriseSearch } from '../../api/supply-links';
import { wanToYuan } from '../../shared/format';
import { useDebounced } from '../../shared/use-debounced';

interface ClaimValues {
  coreFirmId: string;
  annualSalesWan: number;
}

// The API speaks whole yuan; the form speaks 万元.
const FORM_FIELD_OF: Record<string, keyof ClaimValues> = {
  coreFirmId: 'coreFirmId',
  annualSales: 'annualSalesWan',
};

/** A supplier picks a core enterprise by name and states its annual sales to it. */
export function SupplyLinkClaimForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ClaimValues>();
  const [typed, setTyped] = useState('');
  const query = useDebounced(typed.trim());
  const search = useCoreEnterpriseSearch(query);
  const claim = useClaimSupplyLink();
  const [formError, setFormError] = useState<string | null>(null);

  const options = (search.data ?? []).map((firm) => ({
    value: firm.id,
    label: firm.name,
    chains: firm.chains.join('、'),
  }));

  // The API's problems are English; the field says in the user's language what to do.
  const fieldMessage = (field: string, status: number): string => {
    if (field === 'annualSales') return t('supplyLinks.annualSalesInvalid');
    return status === 409 ? t('supplyLinks.alreadyLinked') : t('supplyLinks.notCore');
  };

  const onFinish = (values: ClaimValues) => {
    setFormError(null);
    claim.mutate(
      { coreFirmId: values.coreFirmId, annualSales: wanToYuan(values.annualSalesWan) },
      {
        onSuccess: (link) => {
          void message.success(t('supplyLinks.claimed', { name: link.coreFirm.name }));
          form.resetFields();
          setTyped('');
        },
        onError: (error) => {
          const onForm = isApiError(error)
            ? error.details.filter((d) => FORM_FIELD_OF[d.field])
            : [];
          if (isApiError(error) && onForm.length > 0) {
            form.setFields(
              onForm.map((d) => ({
                name: FORM_FIELD_OF[d.field],
                errors: [fieldMessage(d.field, error.statusCode)],
              })),
            );
            return;
          }
          setFormError(t('supplyLinks.claimFailed', { message: error.message }));
        },
      },
    );
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      onValuesChange={() => setFormError(null)}
      disabled={claim.isPending}
      data-testid="supply-link-claim-form"
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Form.Item
            name="coreFirmId"
            label={t('supplyLinks.coreFirm')}
            rules={[{ required: true, message: t('supplyLinks.coreFirmRequired') }]}
          >
            <Select
              data-testid="core-firm-select"
              placeholder={t('supplyLinks.coreFirmPlaceholder')}
              showSearch={{ filterOption: false, onSearch: setTyped }}
              options={options}
              loading={search.isFetching}
              notFoundContent={
                search.isFetching ? <Spin size="small" /> : t('supplyLinks.noCoreFound')
              }
              optionRender={(option) => (
                <div style={{ whiteSpace: 'normal' }}>
                  <div>{option.data.label}</div>
                  <div style={{ fontSize: 12, opacity: 0.65 }}>
                    {t('supplyLinks.coreOf', { chains: option.data.chains })}
                  </div>
                </div>
              )}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item
            name="annualSalesWan"
            label={t('supplyLinks.annualSales')}
            extra={t('supplyLinks.annualSalesHelp')}
            rules={[{ required: true, message: t('supplyLinks.annualSalesRequired') }]}
          >
            <InputNumber<number>
              data-testid="annual-sales-input"
              min={0}
              max={100_000_000}
              precision={2}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      </Row>
      <Button
        type="primary"
        htmlType="submit"
        loading={claim.isPending}
        data-testid="supply-link-submit"
      >
        {t('supplyLinks.submitClaim')}
      </Button>
    </Form>
  );
}
