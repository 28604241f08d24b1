import type { DeclineReason, MatchStatus } from '@lianrong/matching/vocabulary';
import type { DocumentRequestInput, TransitionInput } from '../../../api/bank-queue';
import { percentToBps, wanToYuan } from '../../../shared/format';

/**
 * What an officer can do with a match, in the words of the page. Which moves exist comes
 * from the API (allowedMoves, from the one table of moves); this only names them — a move
 * to in_review is 进入审批 from an application but 退回 from a proposal awaiting its checker.
 */
export type ReviewStep = 'contact' | 'review' | 'approve' | 'confirm' | 'return' | 'decline' | 'disburse' | 'documents';

/** Before a decision the bank may ask the firm for more documents (补充材料); the status stays. */
const DOCUMENT_STATUSES: readonly MatchStatus[] = ['applied', 'contacted', 'in_review'];

export function reviewSteps(status: MatchStatus, allowedMoves: readonly MatchStatus[]): ReviewStep[] {
  const steps: ReviewStep[] = [];
  for (const to of allowedMoves) {
    if (to === 'contacted') steps.push('contact');
    else if (to === 'in_review') steps.push(status === 'pending_approval' ? 'return' : 'review');
    else if (to === 'approved') steps.push(status === 'pending_approval' ? 'confirm' : 'approve');
    else if (to === 'declined') steps.push('decline');
    else if (to === 'disbursed') steps.push('disburse');
  }
  if (DOCUMENT_STATUSES.includes(status)) steps.push('documents');
  return steps;
}

/** Steps that need nothing but a click (the row offers them directly); the rest open a form. */
export const ONE_CLICK_STEPS: readonly ReviewStep[] = ['contact', 'review'];

export interface StepValues {
  /** 万元, as typed. */
  amountWan?: number;
  /** Annual %, as typed. */
  ratePercent?: number;
  termMonths?: number;
  reasonCode?: DeclineReason;
  note?: string;
  /** YYYY-MM-DD, China's calendar. */
  disbursedOn?: string;
}

const TARGET: Record<Exclude<ReviewStep, 'documents'>, MatchStatus> = {
  contact: 'contacted',
  review: 'in_review',
  return: 'in_review',
  approve: 'approved',
  confirm: 'approved',
  decline: 'declined',
  disburse: 'disbursed',
};

const note = (v: StepValues) => (v.note?.trim() ? { note: v.note.trim() } : {});

/** The request a step sends: money typed in 万元 becomes whole yuan, rates typed in % become bps. */
export function stepRequest(
  step: ReviewStep,
  values: StepValues,
  version: number,
): { kind: 'transition'; input: TransitionInput } | { kind: 'documents'; input: DocumentRequestInput } {
  if (step === 'documents') return { kind: 'documents', input: { note: values.note?.trim() ?? '', version } };
  const base = { to: TARGET[step], version };
  switch (step) {
    case 'approve':
      return {
        kind: 'transition',
        input: {
          ...base,
          amount: wanToYuan(values.amountWan ?? 0),
          rateBps: percentToBps(values.ratePercent ?? 0),
          termMonths: values.termMonths,
        },
      };
    case 'decline':
      return { kind: 'transition', input: { ...base, reasonCode: values.reasonCode, ...note(values) } };
    case 'disburse':
      return {
        kind: 'transition',
        input: { ...base, amount: wanToYuan(values.amountWan ?? 0), disbursedOn: values.disbursedOn },
      };
    case 'return':
      return { kind: 'transition', input: { ...base, ...note(values) } };
    default:
      return { kind: 'transition', input: base };
  }
}
