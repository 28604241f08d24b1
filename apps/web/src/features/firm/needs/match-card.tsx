import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Button, Card, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MatchStatus, NeedStatus } from '@lianrong/matching/vocabulary';
import type { NeedMatch, ScoreComponentView } from '../../../api/types';
import { paths } from '../../../app/paths';
import { useLang } from '../../../i18n/i18n';
import { MatchStatusTag } from '../../../shared/components/tags';
import { formatBpsRange, formatScore } from '../../../shared/format';
import { checkText } from './check-words';

export function ScoreComponents({ components }: { components: ScoreComponentView[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {components.map((c) => (
        <Tag key={c.name} style={{ marginInlineEnd: 0 }}>
          {t('needsWorkspace.componentValue', {
            label: t(`needsWorkspace.component.${c.name}`),
            points: formatScore(c.points),
            weight: c.weight,
          })}
        </Tag>
      ))}
    </Space>
  );
}

// The firm may (re)apply from these; once applied the card follows the application instead.
const APPLICABLE: readonly MatchStatus[] = ['suggested', 'contacted', 'withdrawn'];

/** Apply, apply again, or where the application stands with a link to follow it. */
function MatchAction({ match, needStatus, onApply }: { match: NeedMatch; needStatus: NeedStatus; onApply: () => void }) {
  const { t } = useTranslation();
  const worked = match.status !== 'suggested';
  const progress = worked && (
    <Link to={paths.firm.application(match.id)} data-testid="need-match-progress">
      {t('firmApplications.apply.viewProgress')}
    </Link>
  );
  if (!APPLICABLE.includes(match.status)) return <>{progress}</>;
  const blocked =
    needStatus !== 'open'
      ? t('firmApplications.apply.needClosed')
      : match.ineligible
        ? t('firmApplications.apply.ineligible')
        : null;
  const button = (
    <Button size="small" type="primary" disabled={blocked !== null} onClick={onApply} data-testid="need-match-apply">
      {t(match.status === 'withdrawn' ? 'firmApplications.apply.reapply' : 'needsWorkspace.apply')}
    </Button>
  );
  return (
    <Space size={8}>
      {progress}
      {blocked ? <Tooltip title={blocked}>{button}</Tooltip> : button}
    </Space>
  );
}

/** One ranked product: bank, score bar and components, every rule as required vs actual. */
export function MatchCard({
  match,
  rank,
  needStatus,
  onApply,
}: {
  match: NeedMatch;
  rank: number;
  needStatus: NeedStatus;
  onApply: (match: NeedMatch) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { product } = match;
  return (
    <Card
      size="small"
      data-testid="need-match"
      title={
        <Space size={8} wrap>
          <Typography.Text type="secondary">{t('needsWorkspace.rank', { rank })}</Typography.Text>
          <strong data-testid="need-match-name">{product.name}</strong>
          <Typography.Text type="secondary">{product.bank.name}</Typography.Text>
          {match.status !== 'suggested' && (
            <span data-testid="need-match-status">
              <MatchStatusTag status={match.status} />
            </span>
          )}
          {match.ineligible && <Tag color="warning">{t('needsWorkspace.ineligible')}</Tag>}
        </Space>
      }
      extra={<MatchAction match={match} needStatus={needStatus} onApply={() => onApply(match)} />}
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Space size={[12, 4]} wrap>
          <Tag color="blue">{t(`enums.productKind.${product.kind}`)}</Tag>
          <Typography.Text>{t('needsWorkspace.rate', { range: formatBpsRange(product.rateMinBps, product.rateMaxBps) })}</Typography.Text>
        </Space>
        <div>
          <Typography.Text type="secondary">{t('needsWorkspace.score')}</Typography.Text>
          <Progress
            aria-label={t('needsWorkspace.score')}
            percent={match.score ?? 0}
            format={() => formatScore(match.score)}
            data-testid="need-match-score"
          />
          <ScoreComponents components={match.components} />
        </div>
        <div>
          <Typography.Text type="secondary">{t('needsWorkspace.rules')}</Typography.Text>
          <ul style={{ listStyle: 'none', padding: 0, margin: '4px 0 0' }} data-testid="need-match-checks">
            {match.checks.map((c, i) => (
              <li key={`${c.rule}-${i}`} style={{ display: 'flex', gap: 6, alignItems: 'baseline' }}>
                {c.passed ? (
                  <CheckCircleFilled style={{ color: '#52c41a' }} />
                ) : (
                  <CloseCircleFilled style={{ color: '#ff4d4f' }} />
                )}
                <span style={{ overflowWrap: 'anywhere' }}>{checkText(t, lang, c)}</span>
              </li>
            ))}
          </ul>
        </div>
      </Space>
    </Card>
  );
}
