import { App, Card, Col, Descriptions, Empty, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client';
import { useLeadBanks, useSetLeadBank } from '../../api/gov-operations';
import type { ChainLeadBank, LeadBanksOverview } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { EChart, type ChartOption } from '../../shared/components/echart';
import { QueryState } from '../../shared/components/query-state';
import { formatCount, formatDate, formatMoney, formatRatio, toChartMoney } from '../../shared/format';

/** The lead bank's credit against every bank's credit to the chain's firms: how much it carries. */
function LeadCreditChart({ chains }: { chains: ChainLeadBank[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const option = useMemo<ChartOption>(() => {
    const ordered = [...chains].sort(
      (a, b) => (a.performance?.chainApprovedAmount ?? 0) - (b.performance?.chainApprovedAmount ?? 0),
    );
    return {
      color: ['#1553b6', '#9bb5df'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: ordered.map((c) => c.chainName) },
      series: [
        {
          name: t('leadBanks.leadCredit'),
          type: 'bar',
          barMaxWidth: 18,
          data: ordered.map((c) => toChartMoney(c.performance?.approvedAmount ?? 0, lang)),
        },
        {
          name: t('leadBanks.chainCredit'),
          type: 'bar',
          barMaxWidth: 18,
          data: ordered.map((c) => toChartMoney(c.performance?.chainApprovedAmount ?? 0, lang)),
        },
      ],
    };
  }, [chains, lang, t]);
  return (
    <EChart option={option} height={Math.max(220, chains.length * 48 + 60)} ariaLabel={t('leadBanks.chartTitle')} />
  );
}

function ChainCard({ chain, overview }: { chain: ChainLeadBank; overview: LeadBanksOverview }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { modal, message } = App.useApp();
  const setLeadBank = useSetLeadBank();
  const p = chain.performance;

  const change = (bankId: string) => {
    const to = overview.banks.find((b) => b.id === bankId);
    if (!to || bankId === chain.leadBank?.id) return;
    modal.confirm({
      title: t('leadBanks.confirmTitle', { chain: chain.chainName }),
      content: t('leadBanks.confirmBody', { from: chain.leadBank?.name ?? t('leadBanks.none'), to: to.name }),
      okText: t('leadBanks.confirmOk'),
      cancelText: t('leadBanks.cancel'),
      okButtonProps: { ...{ 'data-testid': 'lead-bank-confirm' } },
      onOk: async () => {
        try {
          await setLeadBank.mutateAsync({ chainId: chain.chainId, bankId });
          message.success(
            t('leadBanks.changed', { chain: chain.chainName, bank: to.name, seconds: overview.rematchDelaySeconds }),
          );
        } catch (error) {
          message.error(isApiError(error) ? error.message : String(error));
        }
      },
    });
  };

  return (
    <Card
      title={chain.chainName}
      data-testid={`lead-bank-${chain.chainName}`}
      extra={
        <Select
          aria-label={t('leadBanks.changeAria', { chain: chain.chainName })}
          data-testid="lead-bank-select"
          value={chain.leadBank?.id}
          placeholder={t('leadBanks.none')}
          style={{ minWidth: 200, maxWidth: '100%' }}
          popupMatchSelectWidth={false}
          options={overview.banks.map((b) => ({ value: b.id, label: b.name }))}
          onChange={change}
          loading={setLeadBank.isPending}
        />
      }
      styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 } }}
    >
      {p === null ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leadBanks.noLeadBank')} />
      ) : (
        <>
          <Space size={[8, 4]} wrap style={{ marginBottom: 12 }}>
            <Typography.Text strong data-testid="lead-bank-name">
              {chain.leadBank?.name}
            </Typography.Text>
            <Tag>{chain.leadSince ? t('leadBanks.since', { date: formatDate(chain.leadSince) }) : t('leadBanks.sinceSeed')}</Tag>
          </Space>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            data-testid="lead-bank-performance"
            items={[
              {
                key: 'applications',
                label: t('leadBanks.applications'),
                children: t('leadBanks.answered', { answered: formatCount(p.answered), total: formatCount(p.applications) }),
              },
              {
                key: 'overdue',
                label: t('leadBanks.overdue'),
                children:
                  p.overdue > 0 ? <Typography.Text type="danger">{formatCount(p.overdue)}</Typography.Text> : formatCount(0),
              },
              {
                key: 'median',
                label: t('leadBanks.medianDays'),
                children: p.medianResponseDays === null ? '—' : t('leadBanks.days', { days: p.medianResponseDays }),
              },
              {
                key: 'approved',
                label: t('leadBanks.approved'),
                children: t('leadBanks.approvedValue', {
                  count: p.approvedCount,
                  amount: formatMoney(p.approvedAmount, lang),
                }),
              },
              { key: 'disbursed', label: t('leadBanks.disbursed'), children: formatMoney(p.disbursedAmount, lang) },
              {
                key: 'share',
                label: t('leadBanks.share'),
                children: p.chainApprovedAmount > 0 ? formatRatio(p.approvedAmount / p.chainApprovedAmount) : '—',
              },
            ]}
          />
        </>
      )}
      {chain.changes.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            {t('leadBanks.history')}
          </Typography.Title>
          <Timeline
            data-testid="lead-bank-history"
            items={chain.changes.map((c) => ({
              key: c.at,
              content: (
                <Typography.Text>
                  {t('leadBanks.historyItem', {
                    date: formatDate(c.at),
                    by: c.by ?? '—',
                    from: c.from?.name ?? t('leadBanks.none'),
                    to: c.to?.name ?? t('leadBanks.none'),
                  })}
                </Typography.Text>
              ),
            }))}
          />
        </>
      )}
    </Card>
  );
}

/** 一链一行: name each chain's lead bank and see how it serves the chain's firms. */
export function LeadBanksPage() {
  const { t } = useTranslation();
  const overview = useLeadBanks();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('leadBanks.title')}
      </Typography.Title>
      <QueryState query={overview} rows={6}>
        {(data) => (
          <>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('leadBanks.intro', { seconds: data.rematchDelaySeconds })} {t('leadBanks.calendarNote')}
            </Typography.Paragraph>
            <Card title={t('leadBanks.chartTitle')}>
              <LeadCreditChart chains={data.chains} />
            </Card>
            <Row gutter={[16, 16]}>
              {data.chains.map((chain) => (
                <Col key={chain.chainId} xs={24} xl={12}>
                  <ChainCard chain={chain} overview={data} />
                </Col>
              ))}
            </Row>
          </>
        )}
      </QueryState>
    </div>
  );
}
