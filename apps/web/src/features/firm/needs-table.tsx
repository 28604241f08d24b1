import { App, Button, Grid, Popconfirm, Space, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useWithdrawNeed } from '../../api/need-workspace';
import type { FundingNeed, FundingNeedRow } from '../../api/types';
import { paths } from '../../app/paths';
import { useLang } from '../../i18n/i18n';
import { NeedStatusTag } from '../../shared/components/tags';
import { formatBps, formatDate, formatMoney, formatTerm } from '../../shared/format';

const NO_WRAP = { onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) };

interface NeedsTableProps {
  needs: FundingNeedRow[];
  onEdit: (need: FundingNeed) => void;
}

export function NeedsTable({ needs, onEdit }: NeedsTableProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const withdraw = useWithdrawNeed();
  const isPhone = Grid.useBreakpoint().sm === false;
  const matchCount = (count: number) => (
    <span data-testid="need-match-count">{t('needsWorkspace.matchCountValue', { count })}</span>
  );
  // Phones keep amount, status (with the match count under it) and actions stacked; the
  // rest appears from `sm`/`md` up, so 375 px needs no sideways scrolling.
  const columns: TableColumnsType<FundingNeedRow> = [
    {
      title: t('firm.needAmount'),
      dataIndex: 'amount',
      align: 'right',
      ...NO_WRAP,
      render: (v: number, n) => (
        <Link to={paths.firm.need(n.id)} data-testid="need-link">
          {formatMoney(v, lang)}
        </Link>
      ),
    },
    { title: t('firm.needTerm'), dataIndex: 'termMonths', render: (v: number) => formatTerm(v, lang), responsive: ['sm'] },
    {
      title: t('firm.needPurpose'),
      dataIndex: 'purpose',
      render: (v: FundingNeed['purpose']) => t(`enums.purpose.${v}`),
      responsive: ['sm'],
    },
    { title: t('firm.needMaxRate'), dataIndex: 'maxRateBps', align: 'right', render: (v: number) => formatBps(v), responsive: ['md'] },
    {
      title: t('firm.needCollateral'),
      dataIndex: 'collateral',
      render: (v: FundingNeed['collateral']) => t(`enums.collateral.${v}`),
      responsive: ['lg'],
    },
    { title: t('firm.needCreatedAt'), dataIndex: 'createdAt', render: (v: string) => formatDate(v), responsive: ['lg'] },
    {
      title: t('firm.needStatus'),
      dataIndex: 'status',
      ...NO_WRAP,
      render: (v: FundingNeed['status'], n) =>
        isPhone ? (
          <Space orientation="vertical" size={2}>
            <NeedStatusTag status={v} />
            <span>
              {t('needsWorkspace.matchCount')} {matchCount(n.matchCount)}
            </span>
          </Space>
        ) : (
          <NeedStatusTag status={v} />
        ),
    },
    {
      title: t('needsWorkspace.matchCount'),
      dataIndex: 'matchCount',
      align: 'right',
      ...NO_WRAP,
      render: (v: number) => matchCount(v),
      responsive: ['sm'],
    },
    {
      title: t('needsWorkspace.actions'),
      key: 'actions',
      ...NO_WRAP,
      render: (_: unknown, n) =>
        n.status === 'open' ? (
          <Space size={0} orientation={isPhone ? 'vertical' : 'horizontal'}>
            <Button type="link" size="small" onClick={() => onEdit(n)} data-testid="need-edit">
              {t('needsWorkspace.edit')}
            </Button>
            <Popconfirm
              title={t('needsWorkspace.withdrawConfirm')}
              okText={t('needsWorkspace.withdraw')}
              cancelText={t('needsWorkspace.cancel')}
              onConfirm={() =>
                withdraw.mutateAsync(n.id).then(
                  () => void message.success(t('needsWorkspace.withdrawn')),
                  (error: Error) => void message.error(t('needsWorkspace.saveFailed', { message: error.message })),
                )
              }
            >
              <Button type="link" size="small" danger data-testid="need-withdraw">
                {t('needsWorkspace.withdraw')}
              </Button>
            </Popconfirm>
          </Space>
        ) : (
          <Link to={paths.firm.need(n.id)}>{t('needsWorkspace.view')}</Link>
        ),
    },
  ];
  return (
    <Table
      data-testid="needs-table"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={needs}
      scroll={{ x: 'max-content' }}
      pagination={needs.length > 10 ? { pageSize: 10 } : false}
      locale={{ emptyText: t('firm.noNeeds') }}
    />
  );
}
