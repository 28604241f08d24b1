import type { TFunction } from 'i18next';
import type { FirmClaim } from '../../api/types';
import type { Lang } from '../../shared/format';
import { regionName } from '../../shared/regions';

/** What a claim asks to be recorded, in words: "专精特新中小企业（2026年认定）", "轨道交通 · 链主企业". */
export function claimValueText(claim: FirmClaim, t: TFunction, lang: Lang): string {
  switch (claim.kind) {
    case 'tier':
      return claim.tier
        ? t('claims.tierValue', { tier: t(`enums.tier.${claim.tier}`), year: claim.tierYear })
        : '—';
    case 'chain':
      return [claim.chain?.name, claim.chainRole && t(`enums.chainRole.${claim.chainRole}`)]
        .filter(Boolean)
        .join(' · ');
    case 'region':
      return regionName(claim.regionCode, lang);
    case 'industry':
      return claim.industryCode ?? '—';
    case 'years_in_niche':
      return t('claims.yearsValue', { count: claim.yearsInNiche ?? 0 });
  }
}
