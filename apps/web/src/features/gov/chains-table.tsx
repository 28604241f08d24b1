import { Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChainSummary, IdName } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { formatCount, formatMoney } from '../../shared/format';

export function ChainsTable({ chains }: { chains: ChainSummary[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const columns: TableColumnsType<ChainSummary> = [
    { title: t('gov.chainName'), dataIndex: 'name', render: (v: string) => <strong>{v}</strong> },
    {
      title: t('gov.leadBank'),
      dataIndex: 'leadBank',
      render: (v: IdName | null) => v?.name ?? <Typography.Text type="warning">{t('gov.noLeadBank')}</Typography.Text>,
      responsive: ['sm'],
    },
    {
      title: t('gov.coreEnterprises'),
      dataIndex: 'coreEnterprises',
      render: (v: IdName[]) => (v.length ? v.map((e) => e.name).join('、') : '—'),
      responsive: ['lg'],
    },
    { title: t('gov.firmCount'), dataIndex: 'firmCount', align: 'right', render: (v: number) => formatCount(v), responsive: ['md'] },
    { title: t('gov.openNeedCount'), dataIndex: 'openNeedCount', align: 'right', render: (v: number) => formatCount(v), responsive: ['md'] },
    {
      title: t('gov.openNeedAmount'),
      dataIndex: 'openNeedAmount',
      align: 'right',
      render: (v: number) => formatMoney(v, lang),
      // Largest gap first, as in the chart above.
      sorter: (a, b) => a.openNeedAmount - b.openNeedAmount,
      defaultSortOrder: 'descend',
      sortDirections: ['descend', 'ascend', 'descend'],
    },
  ];
  return (
    <Table
      data-testid="chains-table"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={chains}
      pagination={false}
      locale={{ emptyText: t('gov.noChains') }}
    />
  );
}
