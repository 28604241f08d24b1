import { Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { useProducts } from '../../api/products';
import { QueryState } from '../../shared/components/query-state';
import { ProductsTable } from './products-table';

/** 银行工作台: the bank's own loan products; the matched-firm queue joins here later. */
export function BankHomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const products = useProducts();
  const active = products.data?.filter((p) => p.status === 'active').length ?? 0;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {session.user?.organization.name}
      </Typography.Title>
      <Card
        title={t('bank.products')}
        extra={
          products.data && (
            <Space size={8} wrap>
              <Typography.Text type="secondary">{t('bank.productCount', { count: products.data.length })}</Typography.Text>
              <Typography.Text type="secondary">{t('bank.activeCount', { count: active })}</Typography.Text>
            </Space>
          )
        }
      >
        <QueryState query={products}>{(items) => <ProductsTable products={items} />}</QueryState>
      </Card>
    </div>
  );
}
