import { EditOutlined, PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { App, Button, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSetProductStatus } from '../../api/products';
import type { LoanProduct, ProductWriteResult } from '../../api/types';
import { paths } from '../../app/paths';
import { useLang } from '../../i18n/i18n';
import { ProductStatusTag, TierTag } from '../../shared/components/tags';
import { formatBpsRange, formatMoneyRange, formatTermRange } from '../../shared/format';

interface ProductsTableProps {
  products: LoanProduct[];
  /** Called with the PATCH answer, whose matchingJobId the page follows. */
  onStatusChanged: (product: ProductWriteResult, action: 'pause' | 'resume') => void;
  /** Opens the product in the form drawer. */
  onEdit: (product: LoanProduct) => void;
}

export function ProductsTable({ products, onStatusChanged, onEdit }: ProductsTableProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const setStatus = useSetProductStatus();

  const toggle = (p: LoanProduct) => {
    const action = p.status === 'active' ? 'pause' : 'resume';
    setStatus.mutate(
      { id: p.id, status: action === 'pause' ? 'paused' : 'active' },
      {
        onSuccess: (updated) => onStatusChanged(updated, action),
        onError: (error) => void message.error(t('bank.statusFailed', { message: error.message })),
      },
    );
  };

  const columns: TableColumnsType<LoanProduct> = [
    {
      title: t('bank.productName'),
      dataIndex: 'name',
      render: (name: string, p) => (
        <Space size={4} wrap>
          {/* The product's ranked firms; a page of its own rather than a menu entry. */}
          <Link to={paths.bank.productMatches(p.id)} data-testid="product-link">
            <strong>{name}</strong>
          </Link>
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
    {
      title: t('bank.status'),
      dataIndex: 'status',
      // Status, its toggle and the edit action share a cell, so a 375 px phone needs no extra column.
      render: (v: LoanProduct['status'], p) => {
        const pending = setStatus.isPending && setStatus.variables?.id === p.id;
        return (
          <Space size={4} wrap>
            <ProductStatusTag status={v} />
            <Button
              size="small"
              type="link"
              style={{ paddingInline: 0 }}
              icon={v === 'active' ? <PauseCircleOutlined /> : <PlayCircleOutlined />}
              loading={pending}
              disabled={setStatus.isPending && !pending}
              data-testid="toggle-status"
              onClick={() => toggle(p)}
            >
              {v === 'active' ? t('bank.pause') : t('bank.resume')}
            </Button>
            <Button
              size="small"
              type="link"
              style={{ paddingInline: 0 }}
              icon={<EditOutlined />}
              data-testid="edit-product"
              aria-label={t('bank.editNamed', { name: p.name })}
              onClick={() => onEdit(p)}
            >
              {t('bank.edit')}
            </Button>
          </Space>
        );
      },
    },
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
