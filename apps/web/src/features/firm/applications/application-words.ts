// An application's steps and events in words: amounts in 万元, rates in %, times in
// Asia/Shanghai, decline reasons from the shared vocabulary's labels.
import type { TFunction } from 'i18next';
import type { FailureCode } from '@lianrong/matching/vocabulary';
import type { MatchEvent } from '../../../api/applications';
import type { MatchCheck } from '../../../api/types';
import { EMPTY, formatBps, formatDate, formatDateTime, formatMoney, formatTerm, type Lang } from '../../../shared/format';
import { checkText } from '../needs/check-words';
import type { PipelineStep } from './application-pipeline';

export function stepTitle(t: TFunction, step: PipelineStep): string {
  return t(`firmApplications.step.${step.kind}`);
}

/** What a step says under its title: terms, a payout, a reason, or when it happened. */
export function stepDescription(t: TFunction, lang: Lang, step: PipelineStep): string {
  switch (step.kind) {
    case 'approved':
      if (step.state === 'wait' || step.amount == null) return '';
      return t('firmApplications.approvedTerms', {
        amount: formatMoney(step.amount, lang),
        rate: formatBps(step.rateBps),
        term: formatTerm(step.termMonths, lang),
      });
    case 'disbursed':
      if (step.state === 'wait' || step.amount == null) return '';
      return t('firmApplications.disbursedTerms', {
        amount: formatMoney(step.amount, lang),
        date: step.occurredOn ?? formatDate(step.at),
      });
    case 'declined': {
      const reason = step.reasonCode ? t(`enums.declineReason.${step.reasonCode}`) : EMPTY;
      return step.note
        ? t('firmApplications.declinedWithNote', { reason, note: step.note })
        : t('firmApplications.declinedBecause', { reason });
    }
    case 'withdrawn':
      if (step.bySystem) return step.note ? t('firmApplications.closedBecause', { note: step.note }) : t('firmApplications.closedBySystem');
      return step.at ? formatDateTime(step.at) : '';
    default:
      return step.state === 'wait' || !step.at ? '' : formatDateTime(step.at);
  }
}

/** Who made a move: "李经理 · 中国银行湖南省分行", or the platform itself. */
export function eventActor(t: TFunction, e: Pick<MatchEvent, 'actorName' | 'actorOrgName'>): string {
  if (!e.actorName && !e.actorOrgName) return t('firmApplications.actorSystem');
  return [e.actorName, e.actorOrgName].filter(Boolean).join(' · ');
}

/** One line of the 办理记录: what happened, with terms and reasons in words. */
export function eventText(t: TFunction, lang: Lang, e: MatchEvent): string {
  const money = (yuan: number | null) => formatMoney(yuan, lang);
  let text: string;
  if (e.kind === 'documents_requested') {
    text = t('firmApplications.event.documents_requested');
  } else if (e.kind === 'drawdown') {
    text = t('firmApplications.event.drawdown', { amount: money(e.amount), date: e.occurredOn ?? formatDate(e.at) });
  } else {
    switch (e.to) {
      case 'applied':
        text = t(e.creditCheckConsent ? 'firmApplications.event.appliedWithConsent' : 'firmApplications.event.applied');
        if (e.referredFromMatchId) text += t('firmApplications.event.referred');
        break;
      case 'in_review':
        text = t(e.from === 'pending_approval' ? 'firmApplications.event.sentBack' : 'firmApplications.event.in_review');
        break;
      case 'approved':
        text = t('firmApplications.event.approved', {
          amount: money(e.amount),
          rate: formatBps(e.rateBps),
          term: formatTerm(e.termMonths, lang),
        });
        break;
      case 'disbursed':
        text = t(e.from === 'disbursed' ? 'firmApplications.event.drawdown' : 'firmApplications.event.disbursed', {
          amount: money(e.amount),
          date: e.occurredOn ?? formatDate(e.at),
        });
        break;
      case 'declined':
        text = t('firmApplications.event.declined', {
          reason: e.reasonCode ? t(`enums.declineReason.${e.reasonCode}`) : EMPTY,
        });
        break;
      case 'withdrawn':
        text = t(e.actorName || e.actorOrgName ? 'firmApplications.event.withdrawn' : 'firmApplications.event.closed');
        break;
      default:
        text = t(`firmApplications.event.${e.to}`);
    }
  }
  return e.note ? `${text}${t('firmApplications.event.note', { note: e.note })}` : text;
}

/**
 * A refused application's rules in words. Where the page holds the product's checks, a
 * failed rule reads as required vs actual ("研发投入占比 3.2% < 要求 5.0%"); otherwise by its name.
 */
export function refusalLines(
  t: TFunction,
  lang: Lang,
  codes: readonly FailureCode[],
  checks: readonly MatchCheck[] = [],
): string[] {
  const lines = codes.map((code) => {
    const check = checks.find((c) => c.rule === code && !c.passed);
    return check
      ? checkText(t, lang, check)
      : t('needsWorkspace.nearMissFails', { rule: t(`needsWorkspace.rule.${code}`) });
  });
  return [...new Set(lines)];
}
