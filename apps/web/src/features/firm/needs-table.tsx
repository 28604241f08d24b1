import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FundingNeed } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { NeedStatusTag } from '../../shared/components/tags';
import { formatBps, formatDate, formatMoney, formatTerm } from '../../shared/format';

export function NeedsTable({ needs }: { needs: FundingNeed[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  // Phones keep amount, purpose and status; the rest appears from `md` up.
  const columns: TableColumnsType<FundingNeed> = [
    { title: t('firm.needAmount'), dataIndex: 'amount', align: 'right', render: (v: number) => formatMoney(v, lang) },
    { title: t('firm.needTerm'), dataIndex: 'termMonths', render: (v: number) => formatTerm(v, lang), responsive: ['sm'] },
    { title: t('firm.needPurpose'), dataIndex: 'purpose', render: (v: FundingNeed['purpose']) => t(`enums.purpose.${v}`) },
    { title: t('firm.needMaxRate'), dataIndex: 'maxRateBps', align: 'right', render: (v: number) => formatBps(v), responsive: ['md'] },
    {
      title: t('firm.needCollateral'),
      dataIndex: 'collateral',
      render: (v: FundingNeed['collateral']) => t(`enums.collateral.${v}`),
      responsive: ['lg'],
    },
    { title: t('firm.needCreatedAt'), dataIndex: 'createdAt', render: (v: string) => formatDate(v), responsive: ['lg'] },
    { title: t('firm.needStatus'), dataIndex: 'status', render: (v: FundingNeed['status']) => <NeedStatusTag status={v} /> },
  ];
  return (
    <Table
      data-testid="needs-table"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={needs}
      pagination={needs.length > 10 ? { pageSize: 10 } : false}
      locale={{ emptyText: t('firm.noNeeds') }}
    />
  );
}
