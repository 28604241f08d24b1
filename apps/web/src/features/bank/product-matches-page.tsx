import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Grid, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PRODUCT_MATCHES_LIMIT, useProduct, useProductMatches } from '../../api/products';
import type { LoanProduct, ProductMatch, ProductMatchesResponse } from '../../api/types';
import { paths } from '../../app/paths';
import { useLang } from '../../i18n/i18n';
import { QueryState } from '../../shared/components/query-state';
import { MatchStatusTag, ProductStatusTag, TierTag } from '../../shared/components/tags';
import { formatBpsRange, formatMoney, formatMoneyRange, formatScore, formatTerm, formatTermRange } from '../../shared/format';
import { regionName } from '../../shared/regions';

// Amounts and scores never break across lines (a phone would split "67.5" into "67." and "5");
// the firm name column takes the wrapping instead.
const NO_WRAP = {
  onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
  onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
};

function ProductSummary({ product }: { product: LoanProduct }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card
      size="small"
      title={
        <Space size={8} wrap>
          <span data-testid="product-title">{product.name}</span>
          <ProductStatusTag status={product.status} />
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'kind', label: t('bank.productKind'), children: t(`enums.productKind.${product.kind}`) },
          { key: 'amount', label: t('bank.amountRange'), children: formatMoneyRange(product.amountMin, product.amountMax, lang) },
          { key: 'term', label: t('bank.termRange'), children: formatTermRange(product.termMin, product.termMax, lang) },
          { key: 'rate', label: t('bank.rateRange'), children: formatBpsRange(product.rateMinBps, product.rateMaxBps) },
        ]}
      />
    </Card>
  );
}

function MatchesTable({ data }: { data: ProductMatchesResponse }) {
  const { t } = useTranslation();
  const lang = useLang();
  const screens = Grid.useBreakpoint();
  // On phones the tier and region ride under the firm name instead of taking columns.
  const isPhone = screens.sm === false;
  const columns: TableColumnsType<ProductMatch> = [
    { title: t('bank.rank'), key: 'rank', width: 56, align: 'right', render: (_: unknown, __, i) => i + 1, responsive: ['sm'] },
    {
      title: t('bank.firmName'),
      key: 'firm',
      render: (_: unknown, m) => (
        <Space orientation="vertical" size={2}>
          <Space size={4} wrap>
            <strong data-testid="match-firm-name">{m.firm.name}</strong>
            {m.ineligible && <Tag color="warning">{t('bank.ineligible')}</Tag>}
          </Space>
          {isPhone && (
            <Space size={4} wrap>
              <TierTag tier={m.firm.tier} />
              {/* Region and purpose each wrap as a whole, never mid-word. */}
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {regionName(m.firm.regionCode, lang)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {t(`enums.purpose.${m.need.purpose}`)}
              </Typography.Text>
            </Space>
          )}
        </Space>
      ),
    },
    { title: t('bank.tier'), key: 'tier', render: (_: unknown, m) => <TierTag tier={m.firm.tier} />, responsive: ['sm'] },
    { title: t('bank.region'), key: 'region', render: (_: unknown, m) => regionName(m.firm.regionCode, lang), responsive: ['md'] },
    {
      title: t('bank.needAmount'),
      key: 'amount',
      align: 'right',
      ...NO_WRAP,
      render: (_: unknown, m) => formatMoney(m.need.amount, lang),
    },
    { title: t('bank.needTerm'), key: 'term', render: (_: unknown, m) => formatTerm(m.need.termMonths, lang), responsive: ['lg'] },
    { title: t('bank.needPurpose'), key: 'purpose', render: (_: unknown, m) => t(`enums.purpose.${m.need.purpose}`), responsive: ['md'] },
    {
      title: t('bank.score'),
      dataIndex: 'score',
      align: 'right',
      ...NO_WRAP,
      render: (v: number | null) => <Typography.Text strong>{formatScore(v)}</Typography.Text>,
    },
    { title: t('bank.matchStatus'), dataIndex: 'status', render: (v: ProductMatch['status']) => <MatchStatusTag status={v} />, responsive: ['lg'] },
  ];
  return (
    <Table
      data-testid="product-matches-table"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={data.items}
      pagination={data.items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: t('bank.noMatches') }}
    />
  );
}

/** /bank/products/:productId — the firms the pipeline ranked for one product, best first. */
export function ProductMatchesPage() {
  const { t } = useTranslation();
  const { productId = '' } = useParams<{ productId: string }>();
  const product = useProduct(productId);
  const matches = useProductMatches(productId);
  const screens = Grid.useBreakpoint();
  // The small card's 12 px padding leaves a 375 px phone room for name, amount and score.
  const cardSize = screens.sm === false ? 'small' : 'default';
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Link to={paths.bank.home} data-testid="back-to-products">
        <ArrowLeftOutlined /> {t('bank.backToProducts')}
      </Link>
      <QueryState query={product} rows={2}>
        {(p) => <ProductSummary product={p} />}
      </QueryState>
      <Card
        size={cardSize}
        title={t('bank.matchesTitle')}
        extra={
          matches.data && (
            <Space size={8} wrap>
              <Typography.Text type="secondary" data-testid="match-total">
                {t('bank.matchTotal', { count: matches.data.total })}
              </Typography.Text>
              {matches.data.total > PRODUCT_MATCHES_LIMIT && (
                <Typography.Text type="secondary">{t('bank.showingTop', { count: PRODUCT_MATCHES_LIMIT })}</Typography.Text>
              )}
            </Space>
          )
        }
      >
        {product.data?.status === 'paused' && (
          <Alert type="info" showIcon title={t('bank.pausedHint')} style={{ marginBottom: 12 }} />
        )}
        <QueryState query={matches}>{(data) => <MatchesTable data={data} />}</QueryState>
      </Card>
    </div>
  );
}
