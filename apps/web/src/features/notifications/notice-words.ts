// A notice in words, and where clicking it leads. The API sends a notice as data (its
// kind, the params the sentence needs, the match it is about); the sentence is the web's,
// so it reads in the user's language.
import type { TFunction } from 'i18next';
import { MATCH_STATUSES, type MatchStatus, type UserRole } from '@lianrong/matching/vocabulary';
import type { Notice } from '../../api/types';
import { paths } from '../../app/paths';
import { formatMoney, type Lang } from '../../shared/format';

function text(notice: Notice, key: string): string | null {
  const value = notice.params[key];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function amount(notice: Notice): number | null {
  const value = notice.params.amount;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

const isStatus = (value: string | null): value is MatchStatus => MATCH_STATUSES.includes(value as MatchStatus);

/** The need a notice concerns: named in its params, or that of its match. */
export function noticeNeedId(notice: Notice): string | null {
  return text(notice, 'needId') ?? notice.match?.needId ?? null;
}

/** The product a notice concerns: named in its params, or that of its match. */
export function noticeProductId(notice: Notice): string | null {
  return text(notice, 'productId') ?? notice.match?.productId ?? null;
}

/** The sentence a notice reads as, e.g. 中国银行湖南省分行 已将「小巨人贷」申请推进到 审批中. */
export function noticeText(t: TFunction, lang: Lang, notice: Notice): string {
  // Names the writer put in the params are as they were then; the match's are as they are now.
  const names = {
    product: text(notice, 'productName') ?? notice.match?.productName ?? t('notifications.someProduct'),
    bank: text(notice, 'bankName') ?? notice.match?.bankName ?? t('notifications.someBank'),
    firm: text(notice, 'firmName') ?? notice.match?.firmName ?? t('notifications.someFirm'),
  };
  const sentence = ((): string => {
    switch (notice.kind) {
      case 'application_moved': {
        const to = text(notice, 'to');
        if (to === 'declined') return t('notifications.text.application_declined', names);
        return t('notifications.text.application_moved', {
          ...names,
          status: isStatus(to) ? t(`enums.matchStatus.${to}`) : (to ?? '—'),
        });
      }
      case 'documents_requested': {
        const note = text(notice, 'note');
        return note
          ? t('notifications.text.documents_requested_note', { ...names, note })
          : t('notifications.text.documents_requested', names);
      }
      case 'application_overdue': {
        const days = notice.params.responseDays;
        return typeof days === 'number'
          ? t('notifications.text.application_overdue', { ...names, days })
          : t('notifications.text.application_overdue_plain', names);
      }
      default:
        return t(`notifications.text.${notice.kind}`, names);
    }
  })();
  const yuan = amount(notice);
  return yuan === null ? sentence : t('notifications.withAmount', { text: sentence, amount: formatMoney(yuan, lang) });
}

/** Where a notice leads one role, or null when this rule has no page for it. */
export interface NoticeTarget {
  role: UserRole;
  to: (notice: Notice) => string | null;
}

/**
 * Where clicking a notice goes, first matching rule wins. A journey that gains a page for a
 * notice (a firm's application page, a bank's review queue) adds its rule above the
 * general ones.
 */
export const NOTICE_TARGETS: NoticeTarget[] = [
  {
    role: 'firm',
    to: (notice) => {
      const needId = noticeNeedId(notice);
      return needId ? paths.firm.need(needId) : null;
    },
  },
  {
    role: 'bank',
    to: (notice) => {
      const productId = noticeProductId(notice);
      return productId ? paths.bank.productMatches(productId) : null;
    },
  },
];

export function noticeLink(role: UserRole, notice: Notice, targets: readonly NoticeTarget[] = NOTICE_TARGETS): string | null {
  for (const target of targets) {
    if (target.role !== role) continue;
    const to = target.to(notice);
    if (to) return to;
  }
  return null;
}
