import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Tier } from '@lianrong/matching/vocabulary';
import { isApiError } from '../../api/api-client';
import { useRemoveIntent, useRoadshowForParty, useSetIntent } from '../../api/gov-operations';
import type { RoadshowIntent, RoadshowPartyView } from '../../api/types';
import { paths } from '../../app/paths';
import { useLang } from '../../i18n/i18n';
import { QueryState } from '../../shared/components/query-state';
import { ScrollRegion } from '../../shared/components/scroll-region';
import { TierTag } from '../../shared/components/tags';
import { formatMoney, wanToYuan, yuanToWan } from '../../shared/format';
import { formatMonth } from './roadshow-month';

type FirmRow = RoadshowPartyView['firms'][number] & { intent: RoadshowIntent | undefined };

function IntentModal({
  roadshowId,
  firm,
  onClose,
}: {
  roadshowId: string;
  firm: FirmRow | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amountWan: number; note?: string }>();
  const setIntent = useSetIntent(roadshowId);
  const submit = async () => {
    if (!firm) return;
    const values = await form.validateFields();
    try {
      await setIntent.mutateAsync({
        firmId: firm.firm.id,
        amount: wanToYuan(values.amountWan),
        note: values.note?.trim() ? values.note.trim() : undefined,
      });
      message.success(t('roadshows.intentSaved', { firm: firm.firm.name }));
      onClose();
    } catch (error) {
      if (isApiError(error) && error.details.some((d) => d.field === 'amount'))
        form.setFields([{ name: 'amountWan', errors: error.details.map((d) => d.problem) }]);
      else if (isApiError(error)) message.error(error.message);
    }
  };
  return (
    <Modal
      open={firm !== null}
      title={firm ? t('roadshows.intentTitle', { firm: firm.firm.name }) : ''}
      okText={t('roadshows.intentSubmit')}
      okButtonProps={{ ...{ 'data-testid': 'intent-submit' } }}
      cancelText={t('roadshows.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={setIntent.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        name="roadshow-intent"
        layout="vertical"
        requiredMark={false}
        initialValues={{
          amountWan: firm?.intent ? yuanToWan(firm.intent.amount) : undefined,
          note: firm?.intent?.note ?? undefined,
        }}
      >
        <Form.Item
          name="amountWan"
          label={t('roadshows.amountWan')}
          rules={[
            { required: true, message: t('roadshows.amountRequired') },
            { type: 'number', min: 0.0001, message: t('roadshows.amountRequired') },
          ]}
        >
          <InputNumber<number> min={0} max={10_000_000} precision={4} style={{ width: '100%' }} data-testid="intent-amount" />
        </Form.Item>
        <Form.Item name="note" label={t('roadshows.intentNote')}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function BankRoadshow({ roadshow }: { roadshow: RoadshowPartyView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<FirmRow | null>(null);
  const remove = useRemoveIntent(roadshow.id);
  const rows: FirmRow[] = roadshow.firms.map((f) => ({
    ...f,
    intent: roadshow.intents.find((i) => i.firm.id === f.firm.id),
  }));
  const total = roadshow.intents.reduce((s, i) => s + i.amount, 0);
  const columns: TableColumnsType<FirmRow> = [
    { title: t('roadshows.firm'), key: 'firm', render: (_, f) => <Typography.Text strong>{f.firm.name}</Typography.Text> },
    { title: t('roadshows.tier'), key: 'tier', render: (_, f) => <TierTag tier={f.tier as Tier} /> },
    {
      title: t('roadshows.asked'),
      key: 'asked',
      align: 'right',
      render: (_, f) => t('roadshows.askedValue', { count: f.openNeeds, amount: formatMoney(f.openNeedAmount, lang) }),
    },
    {
      title: t('roadshows.yourIntent'),
      key: 'intent',
      align: 'right',
      render: (_, f) =>
        f.intent ? (
          <Space orientation="vertical" size={0} style={{ alignItems: 'flex-end' }}>
            <Typography.Text strong data-testid="intent-amount-value">
              {formatMoney(f.intent.amount, lang)}
            </Typography.Text>
            {f.intent.note && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {f.intent.note}
              </Typography.Text>
            )}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('roadshows.actions'),
      key: 'actions',
      render: (_, f) => (
        <Space size="small" wrap>
          <Button size="small" type={f.intent ? 'default' : 'primary'} onClick={() => setEditing(f)} data-testid="intent-edit">
            {t(f.intent ? 'roadshows.intentChange' : 'roadshows.intentRecord')}
          </Button>
          {f.intent && (
            <Popconfirm
              title={t('roadshows.intentRemoveConfirm')}
              okText={t('roadshows.intentRemove')}
              cancelText={t('roadshows.cancel')}
              onConfirm={async () => {
                try {
                  await remove.mutateAsync(f.firm.id);
                } catch (error) {
                  if (isApiError(error)) message.error(error.message);
                }
              }}
            >
              <Button size="small" danger>
                {t('roadshows.intentRemove')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {roadshow.title}
        </Typography.Title>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'chain', label: t('roadshows.chain'), children: roadshow.chain.name },
            { key: 'month', label: t('roadshows.month'), children: formatMonth(roadshow.month, lang) },
            { key: 'venue', label: t('roadshows.venue'), children: roadshow.venue ?? '—' },
            { key: 'organizer', label: t('roadshows.organizer'), children: roadshow.organizer.name },
            {
              key: 'banks',
              label: t('roadshows.banks'),
              span: 'filled' as const,
              children: (
                <Space size={[6, 4]} wrap>
                  {roadshow.banks.map((b) => (
                    <Tag key={b.bank.id} color={b.leadBank ? 'blue' : undefined}>
                      {b.bank.name}
                      {b.leadBank ? ` · ${t('roadshows.leadBank')}` : ''}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            ...(roadshow.note ? [{ key: 'note', label: t('roadshows.note'), children: roadshow.note, span: 'filled' as const }] : []),
          ]}
        />
      </Card>
      <Card title={t('roadshows.firms')}>
        <Typography.Paragraph type="secondary">{t('roadshows.intentIntro')}</Typography.Paragraph>
        <Typography.Paragraph strong data-testid="intent-total">
          {t('roadshows.yourIntents', { count: roadshow.intents.length, amount: formatMoney(total, lang) })}
        </Typography.Paragraph>
        <ScrollRegion label={t('roadshows.firms')}>
          <Table<FirmRow>
            rowKey={(f) => f.firm.id}
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={false}
            style={{ minWidth: 720 }}
            data-testid="roadshow-invited-firms"
          />
        </ScrollRegion>
      </Card>
      <IntentModal roadshowId={roadshow.id} firm={editing} onClose={() => setEditing(null)} />
    </>
  );
}

/** A roadshow the bank is invited to: the firms presented, and the bank's 意向融资额 for each. */
export function BankRoadshowPage() {
  const { t } = useTranslation();
  const { roadshowId = '' } = useParams();
  const roadshow = useRoadshowForParty(roadshowId);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Link to={paths.bank.home}>
        <ArrowLeftOutlined /> {t('roadshows.backToBank')}
      </Link>
      <QueryState query={roadshow} rows={8}>
        {(data) => <BankRoadshow roadshow={data} />}
      </QueryState>
    </div>
  );
}
