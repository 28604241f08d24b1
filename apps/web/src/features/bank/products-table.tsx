import { Space, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LoanProduct } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { ProductStatusTag, TierTag } from '../../shared/components/tags';
import { formatBpsRange, formatMoneyRange, formatTermRange } from '../../shared/format';

export function ProductsTable({ products }: { products: LoanProduct[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const columns: TableColumnsType<LoanProduct> = [
    {
      title: t('bank.productName'),
      dataIndex: 'name',
      render: (name: string, p) => (
        <Space size={4} wrap>
          <strong>{name}</strong>
          {p.requiresWhitelist && <Tag color="green">{t('bank.requiresWhitelist')}</Tag>}
        </Space>
      ),
    },
    { title: t('bank.productKind'), dataIndex: 'kind', render: (v: LoanProduct['kind']) => t(`enums.productKind.${v}`), responsive: ['sm'] },
    {
      title: t('bank.amountRange'),
      key: 'amount',
      align: 'right',
      render: (_: unknown, p) => formatMoneyRange(p.amountMin, p.amountMax, lang),
    },
    { title: t('bank.termRange'), key: 'term', render: (_: unknown, p) => formatTermRange(p.termMin, p.termMax, lang), responsive: ['md'] },
    {
      title: t('bank.rateRange'),
      key: 'rate',
      align: 'right',
      render: (_: unknown, p) => formatBpsRange(p.rateMinBps, p.rateMaxBps),
      responsive: ['md'],
    },
    { title: t('bank.minTier'), dataIndex: 'minTier', render: (v: LoanProduct['minTier']) => <TierTag tier={v} />, responsive: ['lg'] },
    { title: t('bank.status'), dataIndex: 'status', render: (v: LoanProduct['status']) => <ProductStatusTag status={v} /> },
  ];
  return (
    <Table
      data-testid="products-table"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={products}
      pagination={products.length > 20 ? { pageSize: 20 } : false}
      locale={{ emptyText: t('bank.noProducts') }}
    />
  );
}
