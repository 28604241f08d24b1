// Where an application stands, as the firm reads it: 已申请 → 审批中 → 已授信 → 已放款, or
// ended (declined, withdrawn) at some step. Built from the application and its events
// alone (pure, no React, no words) so every path is unit-tested; the words are in
// application-words.ts.
import type { DeclineReason, MatchStatus } from '@lianrong/matching/vocabulary';
import type { FirmApplication, MatchEvent } from '../../../api/applications';

export const STAGES = ['applied', 'in_review', 'approved', 'disbursed'] as const;
export type Stage = (typeof STAGES)[number];

/** The state of one step, in antd Steps' own words. */
export type StepState = 'finish' | 'process' | 'wait' | 'error';

export interface PipelineStep {
  /** A stage of the pipeline, 'contacted' when the bank reached out first, or how it ended. */
  kind: Stage | 'contacted' | 'declined' | 'withdrawn';
  state: StepState;
  /** When the step was reached (ISO), null when not reached or not recorded. */
  at: string | null;
  /** Credit granted (approved) or paid out so far (disbursed), whole yuan. */
  amount?: number | null;
  rateBps?: number | null;
  termMonths?: number | null;
  /** Value date of the latest drawdown (disbursed), YYYY-MM-DD. */
  occurredOn?: string | null;
  reasonCode?: DeclineReason | null;
  note?: string | null;
  /** Closed by the platform (the need was financed elsewhere), not by a person. */
  bySystem?: boolean;
}

export interface DocumentRequest {
  at: string;
  note: string | null;
}

export interface Pipeline {
  steps: PipelineStep[];
  /** Index of the step the application stands at (antd Steps' `current`). */
  current: number;
  /** Requests for more documents (补充材料) since the latest application, oldest first. */
  documentRequests: DocumentRequest[];
}

export type PipelineInput = Pick<
  FirmApplication,
  | 'status'
  | 'appliedAt'
  | 'approvedAmount'
  | 'approvedRateBps'
  | 'approvedTermMonths'
  | 'disbursedAmount'
  | 'disbursedAt'
  | 'declineReason'
  | 'declineNote'
>;

/** The stage a status stands at; 'suggested' and 'contacted' come before any review. */
export function stageIndex(status: MatchStatus): number {
  switch (status) {
    case 'in_review':
    case 'pending_approval':
      return 1;
    case 'approved':
      return 2;
    case 'disbursed':
      return 3;
    default:
      return 0;
  }
}

const isMove = (e: MatchEvent, to?: MatchStatus) => e.kind === 'transition' && (to === undefined || e.to === to);

/**
 * The events of the latest round: a firm may apply again after a decline or a withdrawal,
 * and the steps show that round only (the timeline shows every round).
 */
export function currentRound(events: readonly MatchEvent[]): MatchEvent[] {
  let start = 0;
  events.forEach((e, i) => {
    if (isMove(e, 'applied')) start = i;
  });
  return events.slice(start);
}

function firstAt(events: readonly MatchEvent[], statuses: readonly MatchStatus[]): MatchEvent | undefined {
  return events.find((e) => isMove(e) && statuses.includes(e.to));
}

export function buildPipeline(app: PipelineInput, events: readonly MatchEvent[]): Pipeline {
  const round = currentRound(events);
  const ended = app.status === 'declined' || app.status === 'withdrawn';
  const endEvent = ended ? [...round].reverse().find((e) => isMove(e, app.status)) : undefined;

  // How far it got: where it stands now, or, once ended, where it was when it ended.
  let reached = stageIndex(app.status);
  if (ended) {
    if (endEvent?.from) reached = stageIndex(endEvent.from);
    else if (app.approvedAmount !== null) reached = 2;
  }

  const appliedEvent = firstAt(round, ['applied']);
  const contactedOnly = !appliedEvent && (app.status === 'contacted' || firstAt(round, ['contacted']) !== undefined);
  const approvedEvent = [...round].reverse().find((e) => isMove(e, 'approved'));
  const payouts = round.filter((e) => isMove(e, 'disbursed') || e.kind === 'drawdown');
  const lastPayout = payouts.at(-1);

  const steps: PipelineStep[] = STAGES.map((stage, i): PipelineStep => {
    const state: StepState = i < reached ? 'finish' : i === reached ? (stage === 'in_review' ? 'process' : 'finish') : 'wait';
    switch (stage) {
      case 'applied':
        return contactedOnly
          ? { kind: 'contacted', state, at: firstAt(round, ['contacted'])?.at ?? null }
          : { kind: 'applied', state, at: appliedEvent?.at ?? app.appliedAt };
      case 'in_review':
        return { kind: 'in_review', state, at: firstAt(round, ['in_review', 'pending_approval'])?.at ?? null };
      case 'approved':
        return {
          kind: 'approved',
          state,
          at: approvedEvent?.at ?? null,
          amount: app.approvedAmount ?? approvedEvent?.amount ?? null,
          rateBps: app.approvedRateBps ?? approvedEvent?.rateBps ?? null,
          termMonths: app.approvedTermMonths ?? approvedEvent?.termMonths ?? null,
        };
      case 'disbursed':
        return {
          kind: 'disbursed',
          state,
          at: lastPayout?.at ?? app.disbursedAt,
          amount: app.disbursedAmount,
          occurredOn: lastPayout?.occurredOn ?? null,
        };
    }
  });

  const documentRequests = round
    .filter((e) => e.kind === 'documents_requested')
    .map((e) => ({ at: e.at, note: e.note }));

  if (!ended) return { steps, current: reached, documentRequests };

  // Ended: the steps it passed, then how it ended in place of the one it did not reach.
  const end: PipelineStep =
    app.status === 'declined'
      ? {
          kind: 'declined',
          state: 'error',
          at: endEvent?.at ?? null,
          reasonCode: app.declineReason ?? endEvent?.reasonCode ?? null,
          note: app.declineNote ?? endEvent?.note ?? null,
        }
      : {
          kind: 'withdrawn',
          state: 'error',
          at: endEvent?.at ?? null,
          note: endEvent?.note ?? null,
          bySystem: endEvent !== undefined && endEvent.actorName === null,
        };
  const passed = steps.slice(0, reached + 1).map((s) => ({ ...s, state: 'finish' as const }));
  return { steps: [...passed, end], current: passed.length, documentRequests };
}
