import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Button, Card, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NeedMatch, ScoreComponentView } from '../../../api/types';
import { useLang } from '../../../i18n/i18n';
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

/** One ranked product: bank, score bar and components, every rule as required vs actual. */
export function MatchCard({ match, rank }: { match: NeedMatch; rank: number }) {
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
          {match.ineligible && <Tag color="warning">{t('needsWorkspace.ineligible')}</Tag>}
        </Space>
      }
      extra={
        // The next issue opens applying; until then the place is held and says so.
        <Tooltip title={t('needsWorkspace.applySoon')}>
          <Button size="small" type="primary" disabled data-testid="need-match-apply">
            {t('needsWorkspace.apply')}
          </Button>
        </Tooltip>
      }
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
