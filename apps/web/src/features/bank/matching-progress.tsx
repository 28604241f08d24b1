import { CloseOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMatchingJob } from '../../api/jobs';
import type { JobState } from '@lianrong/matching/vocabulary';
import { paths } from '../../app/paths';

/** A matching job the officer started by publishing, pausing or resuming a product. */
export interface TrackedJob {
  jobId: string;
  productId: string;
  productName: string;
  action: 'publish' | 'edit' | 'pause' | 'resume';
}

export type JobPhase = 'queued' | 'running' | 'completed' | 'failed';

// BullMQ has more states than an officer needs to tell apart: waiting in line,
// working, done, or broken.
export function jobPhase(state: JobState | undefined): JobPhase {
  switch (state) {
    case undefined:
    case 'queued':
    case 'waiting':
    case 'delayed':
    case 'prioritized':
      return 'queued';
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
    default:
      return 'running';
  }
}

const PROGRESS_STATUS: Record<JobPhase, 'normal' | 'active' | 'success' | 'exception'> = {
  queued: 'normal',
  running: 'active',
  completed: 'success',
  failed: 'exception',
};

export function MatchingProgress({ tracked, onClose }: { tracked: TrackedJob; onClose: () => void }) {
  const { t } = useTranslation();
  const job = useMatchingJob(tracked.jobId, tracked.productId);
  const phase = jobPhase(job.data?.state);
  const percent = phase === 'completed' ? 100 : Math.max(0, Math.min(100, Math.round(job.data?.progress ?? 0)));
  const result = job.data?.result;

  return (
    <Card
      size="small"
      data-testid="matching-progress"
      data-phase={phase}
      style={{ boxShadow: '0 6px 16px rgba(0, 0, 0, 0.12)' }}
      title={
        <Typography.Text strong ellipsis style={{ maxWidth: '100%' }}>
          {t(`bank.matchingFor.${tracked.action}`, { name: tracked.productName })}
        </Typography.Text>
      }
      extra={<Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('bank.close')} onClick={onClose} />}
    >
      {job.error ? (
        <Alert type="error" showIcon title={t('app.loadFailed')} description={job.error.message} />
      ) : (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Progress percent={percent} status={PROGRESS_STATUS[phase]} aria-label={t(`bank.jobState.${phase}`)} />
          <Space size={12} wrap>
            <Typography.Text type={phase === 'failed' ? 'danger' : 'secondary'} data-testid="matching-state">
              {t(`bank.jobState.${phase}`)}
            </Typography.Text>
            {phase === 'completed' && result && (
              <>
                <Typography.Text strong data-testid="matched-firms">
                  <TeamOutlined /> {t('bank.matchedFirms', { count: result.matchedFirms })}
                </Typography.Text>
                <Link to={paths.bank.productMatches(tracked.productId)} data-testid="view-matches">
                  {t('bank.viewMatches')}
                </Link>
              </>
            )}
          </Space>
          {phase === 'failed' && (
            <Typography.Text type="danger" data-testid="matching-failure">
              {t('bank.jobFailed', { reason: job.data?.failure ?? '—' })}
            </Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}
