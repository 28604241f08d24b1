import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Select, Table, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/api-client';
import { useCreateRoadshow, useGovRoadshows, useLeadBanks } from '../../api/gov-operations';
import type { RoadshowSummary } from '../../api/types';
import { paths } from '../../app/paths';
import { useLang } from '../../i18n/i18n';
import { QueryState } from '../../shared/components/query-state';
import { ScrollRegion } from '../../shared/components/scroll-region';
import { formatCount, formatMoney } from '../../shared/format';
import { RoadshowFiguresChart } from './roadshow-figures';
import { formatMonth } from './roadshow-month';

interface CreateValues {
  chainId: string;
  month: Dayjs;
  title?: string;
  venue?: string;
  note?: string;
}

function CreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const chains = useLeadBanks();
  const create = useCreateRoadshow();
  const [refusal, setRefusal] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields();
    setRefusal(null);
    const text = (v?: string) => (v?.trim() ? v.trim() : undefined);
    try {
      const created = await create.mutateAsync({
        chainId: values.chainId,
        month: values.month.format('YYYY-MM'),
        title: text(values.title),
        venue: text(values.venue),
        note: text(values.note),
      });
      message.success(t('roadshows.created', { firms: created.invitedFirms, banks: created.invitedBanks }));
      onClose();
      void navigate(paths.gov.roadshow(created.id));
    } catch (error) {
      if (!isApiError(error)) throw error;
      const field = error.details[0]?.field;
      if (error.statusCode === 409 && field === 'month') setRefusal(t('roadshows.exists'));
      else if (error.statusCode === 409 && field === 'chainId') setRefusal(t('roadshows.noFirms'));
      else if (field === 'month') form.setFields([{ name: 'month', errors: [error.details[0].problem] }]);
      else setRefusal(error.message);
    }
  };

  return (
    <Modal
      open={open}
      title={t('roadshows.createTitle')}
      okText={t('roadshows.createSubmit')}
      okButtonProps={{ ...{ 'data-testid': 'roadshow-create-submit' } }}
      cancelText={t('roadshows.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('roadshows.createIntro')}</Typography.Paragraph>
      {refusal && <Alert type="warning" showIcon title={refusal} style={{ marginBottom: 16 }} data-testid="roadshow-refusal" />}
      <Form form={form} name="roadshow-create" layout="vertical" requiredMark={false} data-testid="roadshow-form" initialValues={{ month: dayjs().add(1, 'month') }}>
        <Form.Item name="chainId" label={t('roadshows.chain')} rules={[{ required: true, message: t('roadshows.chainRequired') }]}>
          <Select
            data-testid="roadshow-chain"
            loading={chains.isPending}
            options={(chains.data?.chains ?? []).map((c) => ({ value: c.chainId, label: c.chainName }))}
          />
        </Form.Item>
        <Form.Item name="month" label={t('roadshows.month')} rules={[{ required: true, message: t('roadshows.monthRequired') }]}>
          <DatePicker picker="month" style={{ width: '100%' }} data-testid="roadshow-month" />
        </Form.Item>
        <Form.Item name="title" label={t('roadshows.titleField')} extra={t('roadshows.titleHelp')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="venue" label={t('roadshows.venue')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('roadshows.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 一月一链 路演: the agency's roadshows, what banks intended and what came of it. */
export function RoadshowsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const roadshows = useGovRoadshows();
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<RoadshowSummary> = [
    { title: t('roadshows.month'), dataIndex: 'month', render: (v: string) => formatMonth(v, lang) },
    {
      title: t('roadshows.titleField'),
      key: 'title',
      render: (_, r) => (
        <Link to={paths.gov.roadshow(r.id)} data-testid="roadshow-link">
          {r.title}
        </Link>
      ),
    },
    { title: t('roadshows.chain'), key: 'chain', render: (_, r) => r.chain.name },
    {
      title: t('roadshows.invited'),
      key: 'invited',
      render: (_, r) => t('roadshows.invitedValue', { firms: formatCount(r.invitedFirms), banks: formatCount(r.invitedBanks) }),
    },
    { title: t('roadshows.intendedAmount'), dataIndex: 'intendedAmount', align: 'right', render: (v: number) => formatMoney(v, lang) },
    { title: t('roadshows.approvedAmount'), dataIndex: 'approvedAmount', align: 'right', render: (v: number) => formatMoney(v, lang) },
    { title: t('roadshows.disbursedAmount'), dataIndex: 'disbursedAmount', align: 'right', render: (v: number) => formatMoney(v, lang) },
  ];

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('roadshows.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="roadshow-create">
          {t('roadshows.create')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('roadshows.intro')}
      </Typography.Paragraph>
      <QueryState query={roadshows} rows={6}>
        {(items) => (
          <>
            {items.length > 0 && (
              <Card title={t('roadshows.chartTitle')}>
                <RoadshowFiguresChart
                  ariaLabel={t('roadshows.chartTitle')}
                  rows={[...items].reverse().map((r) => ({ ...r, label: `${formatMonth(r.month, lang)}\n${r.chain.name}` }))}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('roadshows.figuresNote')}
                </Typography.Text>
              </Card>
            )}
            <Card title={t('roadshows.list')}>
              <ScrollRegion label={t('roadshows.list')}>
                <Table<RoadshowSummary>
                  rowKey="id"
                  size="small"
                  columns={columns}
                  dataSource={items}
                  pagination={false}
                  style={{ minWidth: 720 }}
                  locale={{ emptyText: t('roadshows.empty') }}
                  data-testid="roadshows-table"
                />
              </ScrollRegion>
            </Card>
          </>
        )}
      </QueryState>
      <CreateModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
