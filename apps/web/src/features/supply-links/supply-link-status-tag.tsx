import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SupplyLinkStatus } from '@lianrong/matching/vocabulary';

const COLORS: Record<SupplyLinkStatus, string> = {
  pending: 'processing',
  confirmed: 'success',
  rejected: 'error',
};

export function SupplyLinkStatusTag({ status }: { status: SupplyLinkStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid="supply-link-status">
      {t(`supplyLinks.statuses.${status}`)}
    </Tag>
  );
}
