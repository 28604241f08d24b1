import { industryTree, type IndustryNode, regionFullName } from '@lianrong/matching/registration';
import { CHAIN_ROLES, TIERS } from '@lianrong/matching/vocabulary';
import { Alert, App, Cascader, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client';
import { useClaimableChains, useFileClaim } from '../../api/claims';
import type { ClaimInput, FirmClaimKind } from '../../api/types';
import { regionName } from '../../shared/regions';
import { useLang } from '../../i18n/i18n';

interface ClaimValues {
  tier?: Exclude<(typeof TIERS)[number], 'none'>;
  tierYear?: number;
  certificateNo?: string;
  chainId?: string;
  chainRole?: (typeof CHAIN_ROLES)[number];
  regionCode?: string;
  industryPath?: string[];
  yearsInNiche?: number;
}

interface IndustryOption {
  value: string;
  label: string;
  children?: IndustryOption[];
}

const toOptions = (nodes: readonly IndustryNode[]): IndustryOption[] =>
  nodes.map((n) => ({
    value: n.code,
    label: `${n.code} ${n.name}`,
    children: n.children ? toOptions(n.children) : undefined,
  }));

const CLAIMABLE_TIERS = TIERS.filter((tier) => tier !== 'none');
// The certification year cannot lie ahead of today; the API refuses it too.
const THIS_YEAR = new Date().getFullYear();

function toInput(kind: FirmClaimKind, v: ClaimValues): ClaimInput {
  switch (kind) {
    case 'tier':
      return { kind, tier: v.tier!, tierYear: v.tierYear!, certificateNo: v.certificateNo!.trim() };
    case 'chain':
      return { kind, chainId: v.chainId!, chainRole: v.chainRole! };
    case 'region':
      return { kind, regionCode: v.regionCode!.trim() };
    case 'industry':
      return { kind, industryCode: v.industryPath![v.industryPath!.length - 1] };
    case 'years_in_niche':
      return { kind, yearsInNiche: v.yearsInNiche! };
  }
}

/** The API names industryCode; the form holds the cascader's path. */
const formField = (field: string): keyof ClaimValues =>
  (field === 'industryCode' ? 'industryPath' : field) as keyof ClaimValues;

export interface ClaimModalProps {
  kind: FirmClaimKind | null;
  onClose: () => void;
}

/** One form per kind of fact; filing it makes a pending claim for the agency to check. */
export function ClaimModal({ kind, onClose }: ClaimModalProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<ClaimValues>();
  const file = useFileClaim();
  const chains = useClaimableChains(kind === 'chain');
  const industryOptions = useMemo(() => (kind === 'industry' ? toOptions(industryTree()) : []), [kind]);
  const regionCode = Form.useWatch('regionCode', form);
  const regionHint = regionCode && /^\d{6}$/.test(regionCode) ? regionFullName(regionCode) : undefined;

  useEffect(() => {
    if (kind) {
      form.resetFields();
      file.reset();
    }
    // Reset only when the modal opens for a kind.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind]);

  const submit = async () => {
    if (!kind) return;
    const values = await form.validateFields();
    try {
      await file.mutateAsync(toInput(kind, values));
      message.success(t('claims.submitted'));
      onClose();
    } catch (error) {
      if (!isApiError(error)) return;
      const onForm = error.details.filter((d) => d.field !== 'kind');
      if (onForm.length > 0)
        form.setFields(onForm.map((d) => ({ name: formField(d.field), errors: [d.problem] })));
    }
  };

  const error = file.error;
  const formLevelError =
    isApiError(error) && (error.statusCode === 409 ? t('claims.alreadyPending') : error.details.length === 0 ? error.message : null);

  return (
    <Modal
      open={kind !== null}
      title={kind ? t('claims.modalTitle', { kind: t(`claims.kind.${kind}`) }) : undefined}
      okText={t('claims.submit')}
      cancelText={t('claims.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={file.isPending}
      destroyOnHidden
      okButtonProps={{ ...{ 'data-testid': 'claim-submit' } }}
    >
      <Typography.Paragraph type="secondary">{t('claims.modalHint')}</Typography.Paragraph>
      {formLevelError && <Alert type="error" showIcon title={formLevelError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark={false} data-testid={`claim-form-${kind ?? ''}`}>
        {kind === 'tier' && (
          <>
            <Form.Item name="tier" label={t('claims.form.tier')} rules={[{ required: true, message: t('claims.form.tierRequired') }]}>
              <Select
                data-testid="claim-tier"
                options={CLAIMABLE_TIERS.map((tier) => ({ value: tier, label: t(`enums.tier.${tier}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="tierYear"
              label={t('claims.form.tierYear')}
              rules={[
                { required: true, message: t('claims.form.tierYearRequired') },
                {
                  type: 'integer',
                  min: 2011,
                  max: THIS_YEAR,
                  message: t('claims.form.tierYearRange', { year: THIS_YEAR }),
                },
              ]}
            >
              <InputNumber data-testid="claim-tier-year" precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="certificateNo"
              label={t('claims.form.certificateNo')}
              rules={[
                { required: true, whitespace: true, message: t('claims.form.certificateNoRequired') },
                { min: 3, max: 64, message: t('claims.form.certificateNoRequired') },
              ]}
            >
              <Input data-testid="claim-certificate" placeholder={t('claims.form.certificateNoPlaceholder')} maxLength={64} />
            </Form.Item>
          </>
        )}
        {kind === 'chain' && (
          <>
            <Form.Item name="chainId" label={t('claims.form.chain')} rules={[{ required: true, message: t('claims.form.chainRequired') }]}>
              <Select
                loading={chains.isLoading}
                options={(chains.data ?? []).map((c) => ({
                  value: c.id,
                  label: `${c.name}（${regionName(c.regionCode, lang)}）`,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="chainRole"
              label={t('claims.form.chainRole')}
              extra={t('claims.form.chainRoleHint')}
              rules={[{ required: true, message: t('claims.form.chainRoleRequired') }]}
            >
              <Select options={CHAIN_ROLES.map((role) => ({ value: role, label: t(`enums.chainRole.${role}`) }))} />
            </Form.Item>
          </>
        )}
        {kind === 'region' && (
          <Form.Item
            name="regionCode"
            label={t('claims.form.regionCode')}
            extra={regionHint}
            rules={[
              { required: true, message: t('claims.form.regionRequired') },
              { pattern: /^[1-9]\d{5}$/, message: t('claims.form.regionFormat') },
              {
                validator: (_rule, value: unknown) =>
                  typeof value === 'string' && /^[1-9]\d{5}$/.test(value) && !regionFullName(value)
                    ? Promise.reject(new Error(t('claims.form.regionUnknown')))
                    : Promise.resolve(),
              },
            ]}
          >
            <Input inputMode="numeric" maxLength={6} placeholder="430104" />
          </Form.Item>
        )}
        {kind === 'industry' && (
          <Form.Item
            name="industryPath"
            label={t('claims.form.industry')}
            rules={[
              { required: true, message: t('claims.form.industryRequired') },
              {
                validator: (_rule, value: unknown) =>
                  Array.isArray(value) && value.length > 0 && value.length < 4
                    ? Promise.reject(new Error(t('claims.form.industryRequired')))
                    : Promise.resolve(),
              },
            ]}
          >
            <Cascader options={industryOptions} showSearch style={{ width: '100%' }} />
          </Form.Item>
        )}
        {kind === 'years_in_niche' && (
          <Form.Item
            name="yearsInNiche"
            label={t('claims.form.yearsInNiche')}
            rules={[
              { required: true, message: t('claims.form.yearsRequired') },
              { type: 'integer', min: 0, max: 200, message: t('claims.form.yearsRange') },
            ]}
          >
            <InputNumber precision={0} min={0} max={200} style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
