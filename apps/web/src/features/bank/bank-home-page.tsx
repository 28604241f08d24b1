import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Grid, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { useProducts } from '../../api/products';
import type { LoanProduct, ProductWriteResult } from '../../api/types';
import { QueryState } from '../../shared/components/query-state';
import { RoadshowInvitationsCard } from '../roadshows/roadshow-invitations-card';
import { MatchingProgress, type TrackedJob } from './matching-progress';
import { ProductFormDrawer } from './product-form-drawer';
import { ProductsTable } from './products-table';

/** 银行工作台: the bank's own loan products; publishing or pausing one shows its matching job. */
export function BankHomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const products = useProducts();
  const [formOpen, setFormOpen] = useState(false);
  // The product in the drawer; null publishes a new one.
  const [editing, setEditing] = useState<LoanProduct | null>(null);
  // The latest job only: each publish or toggle replaces the panel, since the
  // newest change of a product is the one whose outcome the officer waits for.
  const [tracked, setTracked] = useState<TrackedJob | null>(null);
  const screens = Grid.useBreakpoint();
  const isPhone = screens.sm === false;
  const active = products.data?.filter((p) => p.status === 'active').length ?? 0;

  const follow = (product: ProductWriteResult, action: TrackedJob['action']) =>
    setTracked({ jobId: product.matchingJobId, productId: product.id, productName: product.name, action });

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {session.user?.organization.name}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          data-testid="publish-product"
          onClick={() => {
            setEditing(null);
            setFormOpen(true);
          }}
        >
          {t('bank.publish')}
        </Button>
      </div>
      <RoadshowInvitationsCard />
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
        <QueryState query={products}>
          {(items) => (
            <ProductsTable
              products={items}
              onStatusChanged={follow}
              onEdit={(product) => {
                setEditing(product);
                setFormOpen(true);
              }}
            />
          )}
        </QueryState>
      </Card>
      {tracked && (
        <>
          {/* Room at the end of the page, so the floating panel never hides the last product's toggle. */}
          <div aria-hidden style={{ height: 140 }} />
          {/* Floating rather than inserted above the table: the table must not jump under the
              officer's cursor right after a pause click, where a second click would hit another row. */}
          <div
            style={{
              position: 'fixed',
              zIndex: 20,
              bottom: isPhone ? 8 : 24,
              right: isPhone ? 8 : 24,
              left: isPhone ? 8 : undefined,
              width: isPhone ? undefined : 440,
            }}
          >
            <MatchingProgress key={tracked.jobId} tracked={tracked} onClose={() => setTracked(null)} />
          </div>
        </>
      )}
      <ProductFormDrawer
        open={formOpen}
        product={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(product, action) => {
          setFormOpen(false);
          follow(product, action);
        }}
      />
    </div>
  );
}
