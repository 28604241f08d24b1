import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client';
import { useDecideClaim, useGovClaims, type ClaimDecision } from '../../api/claims';
import type { FirmClaim } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { QueryState } from '../../shared/components/query-state';
import { formatDate, formatDateTime } from '../../shared/format';
import { claimValueText } from './claim-value';
import { ScrollRegion } from '../../shared/components/scroll-region';

function ClaimValue({ claim }: { claim: FirmClaim }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Space orientation="vertical" size={0}>
      <span>{claimValueText(claim, t, lang)}</span>
      {claim.certificateNo && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('claims.certificate', { no: claim.certificateNo })}
        </Typography.Text>
      )}
      {claim.tierExpiringSoon && (
        <Tag color="warning">{t('claims.expiringSoon', { date: claim.tierExpiresOn })}</Tag>
      )}
    </Space>
  );
}

function RejectModal({ claim, onClose }: { claim: FirmClaim | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const decide = useDecideClaim();
  const submit = async () => {
    if (!claim) return;
    const { reason } = await form.validateFields();
    try {
      await decide.mutateAsync({ id: claim.id, action: 'reject', reason: reason.trim() });
      message.success(t('claims.review.rejected'));
      onClose();
    } catch (error) {
      if (isApiError(error) && error.details.some((d) => d.field === 'reason'))
        form.setFields([{ name: 'reason', errors: error.details.map((d) => d.problem) }]);
      else if (isApiError(error))
        message.error(error.statusCode === 409 ? t('claims.review.decided') : error.message);
    }
  };
  return (
    <Modal
      open={claim !== null}
      title={t('claims.review.rejectTitle')}
      okText={t('claims.review.reject')}
      // data-testid passes through to the button; spread, since ButtonProps does not declare it.
      okButtonProps={{ danger: true, ...{ 'data-testid': 'reject-submit' } }}
      cancelText={t('claims.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={decide.isPending}
      destroyOnHidden
    >
      {claim && (
        <Typography.Paragraph>
          {claim.firm.name} · {t(`claims.kind.${claim.kind}`)}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="reason"
          label={t('claims.review.reason')}
          rules={[
            { required: true, whitespace: true, message: t('claims.review.reasonRequired') },
            { min: 2, max: 500, message: t('claims.review.reasonRequired') },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('claims.review.reasonPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 认定核验: the agency confirms or rejects what the firms of its region claim. */
export function ClaimsReviewPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const pending = useGovClaims('pending');
  const confirmed = useGovClaims('confirmed');
  const decide = useDecideClaim();
  const [rejecting, setRejecting] = useState<FirmClaim | null>(null);
  // On a phone each claim is a list item, so what is being confirmed sits beside the buttons.
  const phone = !Grid.useBreakpoint().md;

  const confirm = async (claim: FirmClaim) => {
    try {
      await decide.mutateAsync({ id: claim.id, action: 'confirm' } satisfies ClaimDecision);
      message.success(t('claims.review.confirmed'));
    } catch (error) {
      if (isApiError(error))
        message.error(error.statusCode === 409 ? t('claims.review.decided') : error.message);
    }
  };

  const actions = (c: FirmClaim) => (
    <Space size="small" wrap>
      <Popconfirm
        title={t('claims.review.confirmTitle')}
        okText={t('claims.review.confirm')}
        cancelText={t('claims.cancel')}
        onConfirm={() => confirm(c)}
      >
        <Button type="primary" size="small" data-testid={`confirm-${c.id}`}>
          {t('claims.review.confirm')}
        </Button>
      </Popconfirm>
      <Button danger size="small" onClick={() => setRejecting(c)} data-testid={`reject-${c.id}`}>
        {t('claims.review.reject')}
      </Button>
    </Space>
  );

  const pendingColumns: ColumnsType<FirmClaim> = [
    { title: t('claims.review.firm'), key: 'firm', render: (_, c) => c.firm.name },
    { title: t('claims.review.kind'), key: 'kind', render: (_, c) => t(`claims.kind.${c.kind}`) },
    { title: t('claims.review.value'), key: 'value', render: (_, c) => <ClaimValue claim={c} /> },
    {
      title: t('claims.review.filedAt'),
      key: 'filedAt',
      render: (_, c) => formatDateTime(c.createdAt),
    },
    { title: t('claims.review.actions'), key: 'actions', render: (_, c) => actions(c) },
  ];
  const expiringColumns: ColumnsType<FirmClaim> = [
    { title: t('claims.review.firm'), key: 'firm', render: (_, c) => c.firm.name },
    { title: t('claims.kind.tier'), key: 'value', render: (_, c) => claimValueText(c, t, lang) },
    {
      title: t('claims.review.expiresOn'),
      key: 'expiresOn',
      render: (_, c) => (
        <Space size={4} wrap>
          {formatDate(c.tierExpiresOn)}
          <Tag color="warning">{t('claims.review.expiringTag')}</Tag>
        </Space>
      ),
    },
  ];

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('claims.review.title')}
      </Typography.Title>
      <Card title={t('claims.review.pending')}>
        <QueryState query={pending}>
          {(items) =>
            phone ? (
              <List<FirmClaim>
                dataSource={items}
                locale={{ emptyText: t('claims.review.noPending') }}
                data-testid="pending-claims"
                renderItem={(c) => (
                  <List.Item style={{ display: 'block' }}>
                    <Typography.Text strong>{c.firm.name}</Typography.Text>
                    <div style={{ margin: '4px 0' }}>
                      <Tag>{t(`claims.kind.${c.kind}`)}</Tag>
                    </div>
                    <div>
                      <ClaimValue claim={c} />
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('claims.review.filedAt')} {formatDateTime(c.createdAt)}
                    </Typography.Text>
                    <div style={{ marginTop: 8 }}>{actions(c)}</div>
                  </List.Item>
                )}
              />
            ) : (
              <ScrollRegion label={t('claims.review.pending')}>
                <Table<FirmClaim>
                  rowKey="id"
                  size="small"
                  columns={pendingColumns}
                  dataSource={items}
                  pagination={false}
                  locale={{ emptyText: t('claims.review.noPending') }}
                  data-testid="pending-claims"
                />
              </ScrollRegion>
            )
          }
        </QueryState>
      </Card>
      <Card title={t('claims.review.expiring')}>
        <QueryState query={confirmed}>
          {(items) => {
            // A firm's current tier is its latest confirmed tier claim; older ones are history.
            const latest = new Map<string, FirmClaim>();
            for (const c of items)
              if (c.kind === 'tier' && !latest.has(c.firm.id)) latest.set(c.firm.id, c);
            const expiring = [...latest.values()].filter((c) => c.tierExpiringSoon);
            return expiring.length === 0 ? (
              <Alert type="success" showIcon title={t('claims.review.noExpiring')} />
            ) : (
              <ScrollRegion label={t('claims.review.expiring')}>
                <Table<FirmClaim>
                  rowKey="id"
                  size="small"
                  columns={expiringColumns}
                  dataSource={expiring}
                  pagination={false}
                  data-testid="expiring-tiers"
                />
              </ScrollRegion>
            );
          }}
        </QueryState>
      </Card>
      <RejectModal claim={rejecting} onClose={() => setRejecting(null)} />
    </div>
  );
}
