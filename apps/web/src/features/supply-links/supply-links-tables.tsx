import { App, Button, Popconfirm, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDecideSupplyLink } from '../../api/supply-links';
import type { SupplyLink } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { EMPTY, formatDate, formatMoney } from '../../shared/format';
import { RejectSupplyLinkModal } from './reject-supply-link-modal';
import { SupplyLinkStatusTag } from './supply-link-status-tag';

/** When the core firm decided, whichever way. */
function decidedAt(link: SupplyLink): string {
  return formatDate(link.confirmedAt ?? link.rejectedAt ?? null);
}

function StatusCell({ link }: { link: SupplyLink }) {
  return (
    <div>
      <SupplyLinkStatusTag status={link.status} />
      {link.rejectionReason && (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }} data-testid="rejection-reason">
          {link.rejectionReason}
        </Typography.Paragraph>
      )}
    </div>
  );
}

/** The supplier's claims: to whom, how much, and what the core firm decided. */
export function SupplierLinksTable({ links }: { links: SupplyLink[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const columns: TableColumnsType<SupplyLink> = [
    { title: t('supplyLinks.coreFirm'), key: 'core', render: (_, l) => l.coreFirm.name },
    { title: t('supplyLinks.annualSalesShort'), dataIndex: 'annualSales', align: 'right', render: (v: number) => formatMoney(v, lang), responsive: ['sm'] },
    { title: t('supplyLinks.claimedAt'), dataIndex: 'createdAt', render: (v: string) => formatDate(v), responsive: ['md'] },
    { title: t('supplyLinks.decidedAt'), key: 'decidedAt', render: (_, l) => (l.status === 'pending' ? EMPTY : decidedAt(l)), responsive: ['lg'] },
    { title: t('supplyLinks.status'), key: 'status', render: (_, l) => <StatusCell link={l} /> },
  ];
  return (
    <Table
      data-testid="supplier-links-table"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={links}
      pagination={links.length > 10 ? { pageSize: 10 } : false}
      locale={{ emptyText: t('supplyLinks.noSupplierLinks') }}
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
      (error: Error) => void message.error(t('supplyLinks.decideFailed', { message: error.message })),
    );

  const columns: TableColumnsType<SupplyLink> = [
    { title: t('supplyLinks.supplier'), key: 'supplier', render: (_, l) => l.supplier.name },
    { title: t('supplyLinks.annualSalesShort'), dataIndex: 'annualSales', align: 'right', render: (v: number) => formatMoney(v, lang) },
    { title: t('supplyLinks.claimedAt'), dataIndex: 'createdAt', render: (v: string) => formatDate(v), responsive: ['md'] },
    { title: t('supplyLinks.status'), key: 'status', render: (_, l) => <StatusCell link={l} /> },
    {
      title: t('supplyLinks.actions'),
      key: 'actions',
      render: (_, l) =>
        l.status === 'pending' ? (
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
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
        ) : (
          decidedAt(l)
        ),
    },
  ];
  return (
    <>
      <Table
        data-testid="core-links-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={links}
        pagination={links.length > 10 ? { pageSize: 10 } : false}
        locale={{ emptyText: t('supplyLinks.noCoreLinks') }}
      />
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
