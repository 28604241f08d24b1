import { AimOutlined, LoadingOutlined } from '@ant-design/icons';
import { Tooltip, Typography } from 'antd';
import { TIERS } from '@lianrong/matching/vocabulary';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client';
import { useProductDryRun } from '../../api/products';
import type { ProductInput } from '../../api/types';

/**
 * 预计可触达 N 个开放需求: what the draft would reach once published, tried by the API
 * against the open needs with the matching rules; nothing is saved. Live region, so a
 * screen reader hears the figure change as the officer edits.
 */
export function DryRunReach({ draft }: { draft: ProductInput | null }) {
  const { t } = useTranslation();
  const dryRun = useProductDryRun(draft);
  // With no valid draft the last figure would describe another product: say what is missing instead.
  const result = draft === null ? undefined : dryRun.data;
  const updating = draft !== null && dryRun.isFetching;

  let body: ReactNode;
  if (draft === null) {
    body = <Typography.Text type="secondary">{t('bank.dryRun.incomplete')}</Typography.Text>;
  } else if (dryRun.isError && !dryRun.isFetching) {
    body = (
      <Typography.Text type="warning">
        {isApiError(dryRun.error) && dryRun.error.statusCode === 400 ? t('bank.dryRun.invalid') : t('bank.dryRun.failed')}
      </Typography.Text>
    );
  } else if (result === undefined) {
    body = <Typography.Text type="secondary">{t('bank.dryRun.checking')}</Typography.Text>;
  } else {
    const tiers = TIERS.filter((tier) => result.byTier[tier] > 0)
      .map((tier) => `${t(`enums.tier.${tier}`)} ${result.byTier[tier]}`)
      .join(' · ');
    body = (
      <Tooltip title={tiers || undefined}>
        <span>
          <Typography.Text strong data-testid="dry-run-count">
            {t('bank.dryRun.reach', { count: result.eligibleNeeds })}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('bank.dryRun.detail', { firms: result.eligibleFirms, open: result.openNeeds })}
          </Typography.Text>
        </span>
      </Tooltip>
    );
  }

  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="dry-run-reach"
      data-count={result?.eligibleNeeds ?? ''}
      data-firms={result?.eligibleFirms ?? ''}
      data-updating={updating ? 'true' : 'false'}
      style={{ display: 'flex', gap: 8, alignItems: 'center', minWidth: 0, lineHeight: 1.35 }}
    >
      {updating ? <LoadingOutlined aria-hidden /> : <AimOutlined aria-hidden style={{ color: '#1553b6' }} />}
      <div style={{ minWidth: 0 }}>{body}</div>
    </div>
  );
}
