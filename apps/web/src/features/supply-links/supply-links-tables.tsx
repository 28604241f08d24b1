import {
  App,
  Button,
  Empty,
  Grid,
  Popconfirm,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useDecideSupplyLink } from '../../api/supply-links';
import type { SupplyLink } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { formatDate, formatMoney, type Lang } from '../../shared/format';
import { RejectSupplyLinkModal } from './reject-supply-link-modal';
import { SupplyLinkStatusTag } from './supply-link-status-tag';

/** When the core firm decided, whichever way. */
function decidedAt(link: SupplyLink): string {
  return formatDate(link.confirmedAt ?? link.rejectedAt ?? null);
}

const SECONDARY = { margin: '2px 0 0', fontSize: 12 } as const;

/** The state, the reason of a rejection and when it was decided, stacked so a phone needs no extra column. */
function StatusCell({ link }: { link: SupplyLink }) {
  const { t } = useTranslation();
  return (
    <div>
      <SupplyLinkStatusTag status={link.status} />
      {link.rejectionReason && (
        <Typography.Paragraph type="secondary" style={SECONDARY} data-testid="rejection-reason">
          {t('supplyLinks.reasonValue', { reason: link.rejectionReason })}
        </Typography.Paragraph>
      )}
      {link.status !== 'pending' && (
        <Typography.Paragraph type="secondary" style={SECONDARY}>
          {t('supplyLinks.decidedOn', { date: decidedAt(link) })}
        </Typography.Paragraph>
      )}
    </div>
  );
}

/** A firm name; on a phone, where the amount column is hidden, its sales go beneath. */
function FirmCell({ name, sales }: { name: string; sales: string }) {
  const isPhone = Grid.useBreakpoint().sm === false;
  return (
    <div>
      <div>{name}</div>
      {isPhone && (
        <Typography.Paragraph type="secondary" style={{ ...SECONDARY, whiteSpace: 'nowrap' }}>
          {sales}
        </Typography.Paragraph>
      )}
    </div>
  );
}

function NoLinks({ text, testId }: { text: string; testId: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} data-testid={testId} />;
}

/** The columns both sides share; `other` is the party the reader sees (the one it is not). */
function linkColumns(
  t: TFunction,
  lang: Lang,
  other: 'coreFirm' | 'supplier',
): TableColumnsType<SupplyLink> {
  return [
    {
      title: t(other === 'coreFirm' ? 'supplyLinks.coreFirm' : 'supplyLinks.supplier'),
      key: other,
      render: (_, l) => <FirmCell name={l[other].name} sales={formatMoney(l.annualSales, lang)} />,
    },
    {
      title: t('supplyLinks.annualSalesShort'),
      dataIndex: 'annualSales',
      align: 'right',
      render: (v: number) => formatMoney(v, lang),
      responsive: ['sm'],
    },
    {
      title: t('supplyLinks.claimedAt'),
      dataIndex: 'createdAt',
      render: (v: string) => formatDate(v),
      responsive: ['md'],
    },
    { title: t('supplyLinks.status'), key: 'status', render: (_, l) => <StatusCell link={l} /> },
  ];
}

/** The supplier's claims: to whom, how much, and what the core firm decided. */
export function SupplierLinksTable({ links }: { links: SupplyLink[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const columns = linkColumns(t, lang, 'coreFirm');
  if (links.length === 0)
    return <NoLinks text={t('supplyLinks.noSupplierLinks')} testId="supplier-links-table" />;
  return (
    <Table
      data-testid="supplier-links-table"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={links}
      pagination={links.length > 10 ? { pageSize: 10 } : false}
    />
  );
}

/** Claims that name this firm as core: confirm, or reject with a reason. */
export function CoreLinksTable({ links }: { links: SupplyLink[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const decide = useDecideSupplyLink();
  const [rejecting, setRejecting] = useState<SupplyLink | null>(null);

  const confirm = (link: SupplyLink) =>
    decide.mutateAsync({ id: link.id, action: 'confirm' }).then(
      () => void message.success(t('supplyLinks.confirmed', { name: link.supplier.name })),
      (error: Error) =>
        void message.error(t('supplyLinks.decideFailed', { message: error.message })),
    );

  const actionsColumn: TableColumnsType<SupplyLink>[number] = {
    title: t('supplyLinks.actions'),
    key: 'actions',
    render: (_, l) =>
      l.status === 'pending' ? (
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', minWidth: 64 }}>
          <Popconfirm
            title={t('supplyLinks.confirmTitle', { name: l.supplier.name })}
            okText={t('supplyLinks.confirm')}
            cancelText={t('supplyLinks.cancel')}
            onConfirm={() => confirm(l)}
          >
            <Button size="small" type="primary" data-testid="confirm-link">
              {t('supplyLinks.confirm')}
            </Button>
          </Popconfirm>
          <Button size="small" danger onClick={() => setRejecting(l)} data-testid="reject-link">
            {t('supplyLinks.reject')}
          </Button>
        </div>
      ) : null,
  };
  const columns: TableColumnsType<SupplyLink> = [
    ...linkColumns(t, lang, 'supplier'),
    // Decided claims need no buttons; without pending ones the column would only take room on a phone.
    ...(links.some((l) => l.status === 'pending') ? [actionsColumn] : []),
  ];
  return (
    <>
      {links.length === 0 ? (
        <NoLinks text={t('supplyLinks.noCoreLinks')} testId="core-links-table" />
      ) : (
        <Table
          data-testid="core-links-table"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={links}
          pagination={links.length > 10 ? { pageSize: 10 } : false}
        />
      )}
      <RejectSupplyLinkModal
        link={rejecting}
        onClose={() => setRejecting(null)}
        onRejected={(link) => {
          setRejecting(null);
          void message.success(t('supplyLinks.rejected', { name: link.supplier.name }));
        }}
      />
    </>
  );
}
