import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MatchStatus, NeedStatus, ProductStatus, Tier } from '@lianrong/matching/vocabulary';

// Colours climb with the tier ladder, so a banker scanning a list sees the little
// giants and champions first.
const TIER_COLORS: Record<Tier, string> = {
  none: 'default',
  innovative: 'cyan',
  srdi: 'blue',
  little_giant: 'volcano',
  champion: 'gold',
};

export function TierTag({ tier }: { tier: Tier }) {
  const { t } = useTranslation();
  return <Tag color={TIER_COLORS[tier]}>{t(`enums.tier.${tier}`)}</Tag>;
}

const NEED_STATUS_COLORS: Record<NeedStatus, string> = {
  open: 'processing',
  in_progress: 'warning',
  fulfilled: 'success',
  withdrawn: 'default',
};

export function NeedStatusTag({ status }: { status: NeedStatus }) {
  const { t } = useTranslation();
  return <Tag color={NEED_STATUS_COLORS[status]}>{t(`enums.needStatus.${status}`)}</Tag>;
}

export function ProductStatusTag({ status }: { status: ProductStatus }) {
  const { t } = useTranslation();
  return <Tag color={status === 'active' ? 'success' : 'default'}>{t(`enums.productStatus.${status}`)}</Tag>;
}

export function WhitelistBadge() {
  const { t } = useTranslation();
  return (
    <Tag color="green" icon={<SafetyCertificateOutlined />}>
      {t('firm.whitelisted')}
    </Tag>
  );
}

// Green once money is committed, blue while the bank works on it, grey when it ended without a loan.
const MATCH_STATUS_COLORS: Record<MatchStatus, string> = {
  suggested: 'default',
  applied: 'processing',
  contacted: 'processing',
  in_review: 'warning',
  pending_approval: 'warning',
  approved: 'success',
  disbursed: 'success',
  declined: 'default',
  withdrawn: 'default',
};

export function MatchStatusTag({ status }: { status: MatchStatus }) {
  const { t } = useTranslation();
  return <Tag color={MATCH_STATUS_COLORS[status]}>{t(`enums.matchStatus.${status}`)}</Tag>;
}
