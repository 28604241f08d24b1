import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client';
import { useDecideSupplyLink } from '../../api/supply-links';
import type { SupplyLink } from '../../api/types';

interface RejectSupplyLinkModalProps {
  link: SupplyLink | null;
  onClose: () => void;
  onRejected: (link: SupplyLink) => void;
}

/** The core firm turns a claim down; the reason is required because the supplier reads it. */
export function RejectSupplyLinkModal({ link, onClose, onRejected }: RejectSupplyLinkModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const decide = useDecideSupplyLink();

  const onFinish = ({ reason }: { reason: string }) => {
    if (!link) return;
    decide.mutate(
      { id: link.id, action: 'reject', reason: reason.trim() },
      {
        onSuccess: (rejected) => {
          form.resetFields();
          onRejected(rejected);
        },
        onError: (error) => {
          const onReason = isApiError(error)
            ? error.details.find((d) => d.field === 'reason')
            : undefined;
          form.setFields([
            {
              name: 'reason',
              errors: [
                onReason
                  ? t('supplyLinks.rejectReasonRequired')
                  : t('supplyLinks.decideFailed', { message: error.message }),
              ],
            },
          ]);
        },
      },
    );
  };

  return (
    <Modal
      open={link !== null}
      title={t('supplyLinks.rejectTitle', { name: link?.supplier.name ?? '' })}
      okText={t('supplyLinks.reject')}
      okButtonProps={{ danger: true, loading: decide.isPending }}
      cancelText={t('supplyLinks.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      // Rendered while closed, so the form instance is connected before the first open.
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={decide.isPending}>
        <Form.Item
          name="reason"
          label={t('supplyLinks.rejectReason')}
          rules={[
            { required: true, whitespace: true, message: t('supplyLinks.rejectReasonRequired') },
            { min: 2, message: t('supplyLinks.rejectReasonRequired') },
            { max: 500, message: t('supplyLinks.rejectReasonTooLong') },
          ]}
        >
          <Input.TextArea
            data-testid="reject-reason"
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('supplyLinks.rejectReasonPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
