import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Empty, List, Row, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMyFirm } from '../../../api/firms';
import { useNearMisses, useNeed, useNeedMatches, useSuggestedLine } from '../../../api/need-workspace';
import type { FundingNeed, NeedMatch } from '../../../api/types';
import { paths } from '../../../app/paths';
import { useLang } from '../../../i18n/i18n';
import { QueryState } from '../../../shared/components/query-state';
import { NeedStatusTag } from '../../../shared/components/tags';
import { formatBps, formatMoney, formatTerm } from '../../../shared/format';
import { ApplyModal, type ApplyTarget } from '../applications/apply-modal';
import { checkText, gapText } from './check-words';
import { MatchCard } from './match-card';
import { WhatIfPanel } from './what-if-panel';

/** The amount asked against the suggested working-capital line (流动资金贷款需求量测算). */
function SuggestedLine({ need }: { need: FundingNeed }) {
  const { t } = useTranslation();
  const lang = useLang();
  const line = useSuggestedLine();
  return (
    <QueryState query={line} rows={1}>
      {(estimate) =>
        estimate === null ? (
          <Alert type="info" showIcon title={t('needsWorkspace.noEstimate')} />
        ) : (
          <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="need-suggested-line">
            <Space size={32} wrap>
              <Statistic title={t('needsWorkspace.askedAmount')} value={formatMoney(need.amount, lang)} />
              <Statistic
                title={t('needsWorkspace.suggestedLine')}
                value={formatMoney(estimate.newLoanLimit, lang)}
              />
            </Space>
            <Typography.Text type="secondary">
              {t('needsWorkspace.suggestedLineYear', { year: estimate.year })}
            </Typography.Text>
            {need.amount <= estimate.newLoanLimit ? (
              <Alert type="success" showIcon title={t('needsWorkspace.withinLine')} />
            ) : (
              <Alert
                type="warning"
                showIcon
                title={t('needsWorkspace.aboveLine', { over: formatMoney(need.amount - estimate.newLoanLimit, lang) })}
              />
            )}
          </Space>
        )
      }
    </QueryState>
  );
}

function NeedSummary({ need }: { need: FundingNeed }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card
      size="small"
      title={
        <Space size={8} wrap>
          <span data-testid="need-title">{t('needsWorkspace.needTitle', { amount: formatMoney(need.amount, lang) })}</span>
          <NeedStatusTag status={need.status} />
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'term', label: t('firm.needTerm'), children: formatTerm(need.termMonths, lang) },
          { key: 'purpose', label: t('firm.needPurpose'), children: t(`enums.purpose.${need.purpose}`) },
          { key: 'rate', label: t('firm.needMaxRate'), children: formatBps(need.maxRateBps) },
          { key: 'collateral', label: t('firm.needCollateral'), children: t(`enums.collateral.${need.collateral}`) },
        ]}
      />
      <div style={{ marginTop: 12 }}>
        <SuggestedLine need={need} />
      </div>
    </Card>
  );
}

function applyTarget(need: FundingNeed, m: NeedMatch): ApplyTarget {
  return {
    needId: need.id,
    productId: m.product.id,
    productName: m.product.name,
    bankName: m.product.bank.name,
    kind: m.product.kind,
    rateMinBps: m.product.rateMinBps,
    rateMaxBps: m.product.rateMaxBps,
    need: { amount: need.amount, termMonths: need.termMonths, purpose: need.purpose },
    checks: m.checks,
  };
}

function Matches({ need }: { need: FundingNeed }) {
  const { t } = useTranslation();
  const matches = useNeedMatches(need.id);
  const [applying, setApplying] = useState<ApplyTarget | null>(null);
  // The modal reads the card's live checks, so a refusal is worded with the figures now on the page.
  const liveTarget =
    applying && {
      ...applying,
      checks: matches.data?.find((m) => m.product.id === applying.productId)?.checks ?? applying.checks,
    };
  return (
    <Card size="small" title={t('needsWorkspace.matches')}>
      <QueryState query={matches}>
        {(items) =>
          items.length === 0 ? (
            <Empty description={matches.isRefetching ? t('needsWorkspace.matchesWaiting') : t('needsWorkspace.noMatches')} />
          ) : (
            <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="need-matches">
              {items.map((m, i) => (
                <MatchCard
                  key={m.id}
                  match={m}
                  rank={i + 1}
                  needStatus={need.status}
                  onApply={(match) => setApplying(applyTarget(need, match))}
                />
              ))}
            </Space>
          )
        }
      </QueryState>
      <ApplyModal target={liveTarget} onClose={() => setApplying(null)} />
    </Card>
  );
}

function NearMisses({ needId }: { needId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const misses = useNearMisses(needId);
  return (
    <Card size="small" title={t('needsWorkspace.nearMisses')}>
      <QueryState query={misses}>
        {(items) => (
          <List
            size="small"
            dataSource={items}
            // antd's own empty text is too faint for WCAG AA contrast; secondary text is not.
            locale={{ emptyText: <Typography.Text type="secondary">{t('needsWorkspace.noNearMisses')}</Typography.Text> }}
            data-testid="need-near-misses"
            renderItem={(m) => (
              <List.Item style={{ paddingInline: 0 }} data-testid="need-near-miss">
                <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                  <Space size={8} wrap>
                    <strong>{m.productName}</strong>
                    <Typography.Text type="secondary">{m.bankName}</Typography.Text>
                  </Space>
                  <Typography.Text type="warning" data-testid="need-near-miss-gap">
                    {gapText(t, lang, m)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                    {checkText(t, lang, m.check)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </Card>
  );
}

/** One need: the amount against the suggested line, ranked products, near-misses and the what-if sandbox. */
export function NeedPage() {
  const { t } = useTranslation();
  const { needId = '' } = useParams();
  const need = useNeed(needId);
  const firm = useMyFirm();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Link to={paths.firm.home}>
        <ArrowLeftOutlined /> {t('needsWorkspace.back')}
      </Link>
      <QueryState query={need} rows={2}>
        {(n) => (
          <>
            <NeedSummary need={n} />
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={15}>
                <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                  <Matches need={n} />
                  <NearMisses needId={n.id} />
                </Space>
              </Col>
              <Col xs={24} lg={9}>
                <QueryState query={firm}>{(f) => <WhatIfPanel firm={f} need={n} />}</QueryState>
              </Col>
            </Row>
          </>
        )}
      </QueryState>
    </Space>
  );
}
