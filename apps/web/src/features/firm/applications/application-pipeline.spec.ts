import { describe, expect, it } from '@jest/globals';
import type { MatchEvent } from '../../../api/applications';
import { buildPipeline, currentRound, type PipelineInput } from './application-pipeline';

let nextId = 1;
function ev(to: MatchEvent['to'], from: MatchEvent['from'], at: string, extra: Partial<MatchEvent> = {}): MatchEvent {
  return {
    id: String(nextId++),
    kind: 'transition',
    from,
    to,
    at,
    actorName: '李经理',
    actorOrgName: '中国银行湖南省分行',
    amount: null,
    rateBps: null,
    termMonths: null,
    occurredOn: null,
    reasonCode: null,
    note: null,
    creditCheckConsent: false,
    referredFromMatchId: null,
    ...extra,
  };
}

const app = (over: Partial<PipelineInput>): PipelineInput => ({
  status: 'applied',
  appliedAt: '2026-01-05T02:00:00.000Z',
  approvedAmount: null,
  approvedRateBps: null,
  approvedTermMonths: null,
  disbursedAmount: null,
  disbursedAt: null,
  declineReason: null,
  declineNote: null,
  ...over,
});

const APPLIED = ev('applied', 'suggested', '2026-01-05T02:00:00.000Z', { actorName: '王总', actorOrgName: '博匠', creditCheckConsent: true });
const REVIEW = ev('in_review', 'applied', '2026-01-06T03:00:00.000Z');
const APPROVED = ev('approved', 'in_review', '2026-01-08T06:00:00.000Z', { amount: 1_500_000, rateBps: 435, termMonths: 12 });
const APPROVED_TERMS = {
  approvedAmount: 1_500_000,
  approvedRateBps: 435,
  approvedTermMonths: 12,
};

const states = (p: ReturnType<typeof buildPipeline>) => p.steps.map((s) => `${s.kind}:${s.state}`);

describe('an application as pipeline steps', () => {
  it('stands at 已申请 right after applying, the rest still to come', () => {
    const p = buildPipeline(app({}), [APPLIED]);
    expect(states(p)).toEqual(['applied:finish', 'in_review:wait', 'approved:wait', 'disbursed:wait']);
    expect(p.current).toBe(0);
    expect(p.steps[0].at).toBe(APPLIED.at);
  });

  it('is in progress at 审批中 while the bank reviews, also while a second officer checks', () => {
    for (const status of ['in_review', 'pending_approval'] as const) {
      const events = status === 'in_review' ? [APPLIED, REVIEW] : [APPLIED, REVIEW, ev('pending_approval', 'in_review', '2026-01-07T01:00:00.000Z')];
      const p = buildPipeline(app({ status }), events);
      expect(states(p)).toEqual(['applied:finish', 'in_review:process', 'approved:wait', 'disbursed:wait']);
      expect(p.current).toBe(1);
      expect(p.steps[1].at).toBe(REVIEW.at);
    }
  });

  it('carries the credit terms on 已授信', () => {
    const p = buildPipeline(app({ status: 'approved', ...APPROVED_TERMS }), [APPLIED, REVIEW, APPROVED]);
    expect(states(p)).toEqual(['applied:finish', 'in_review:finish', 'approved:finish', 'disbursed:wait']);
    expect(p.current).toBe(2);
    expect(p.steps[2]).toMatchObject({ amount: 1_500_000, rateBps: 435, termMonths: 12, at: APPROVED.at });
  });

  it('shows the running total paid out and the latest value date on 已放款', () => {
    const first = ev('disbursed', 'approved', '2026-01-10T02:00:00.000Z', { amount: 1_000_000, occurredOn: '2026-01-10' });
    const more = ev('disbursed', 'disbursed', '2026-02-03T02:00:00.000Z', { kind: 'drawdown', amount: 500_000, occurredOn: '2026-02-02' });
    const p = buildPipeline(
      app({ status: 'disbursed', ...APPROVED_TERMS, disbursedAmount: 1_500_000, disbursedAt: more.at }),
      [APPLIED, REVIEW, APPROVED, first, more],
    );
    expect(states(p)).toEqual(['applied:finish', 'in_review:finish', 'approved:finish', 'disbursed:finish']);
    expect(p.current).toBe(3);
    expect(p.steps[3]).toMatchObject({ amount: 1_500_000, occurredOn: '2026-02-02', at: more.at });
  });

  it('ends in 已拒绝 where the bank declined, with the reason and note, and drops the steps not reached', () => {
    const declined = ev('declined', 'in_review', '2026-01-07T08:00:00.000Z', { reasonCode: 'debt_too_high', note: '负债率偏高' });
    const p = buildPipeline(app({ status: 'declined', declineReason: 'debt_too_high', declineNote: '负债率偏高' }), [APPLIED, REVIEW, declined]);
    expect(states(p)).toEqual(['applied:finish', 'in_review:finish', 'declined:error']);
    expect(p.current).toBe(2);
    expect(p.steps[2]).toMatchObject({ reasonCode: 'debt_too_high', note: '负债率偏高', at: declined.at });

    const early = buildPipeline(app({ status: 'declined', declineReason: 'outside_policy' }), [
      APPLIED,
      ev('declined', 'applied', '2026-01-06T01:00:00.000Z', { reasonCode: 'outside_policy' }),
    ]);
    expect(states(early)).toEqual(['applied:finish', 'declined:error']);
    expect(early.current).toBe(1);
  });

  it('ends in 已撤回 after the step the firm withdrew from; the platform closing it is marked so', () => {
    const byFirm = buildPipeline(app({ status: 'withdrawn', ...APPROVED_TERMS }), [
      APPLIED,
      REVIEW,
      APPROVED,
      ev('withdrawn', 'approved', '2026-01-09T01:00:00.000Z', { actorName: '王总', actorOrgName: '博匠' }),
    ]);
    expect(states(byFirm)).toEqual(['applied:finish', 'in_review:finish', 'approved:finish', 'withdrawn:error']);
    expect(byFirm.steps[3].bySystem).toBe(false);

    const bySystem = buildPipeline(app({ status: 'withdrawn' }), [
      APPLIED,
      REVIEW,
      ev('withdrawn', 'in_review', '2026-01-09T01:00:00.000Z', { actorName: null, actorOrgName: null, note: '已通过其他产品获得融资' }),
    ]);
    expect(bySystem.steps.at(-1)).toMatchObject({ kind: 'withdrawn', bySystem: true, note: '已通过其他产品获得融资' });
  });

  it('shows only the latest round after the firm applied again', () => {
    const again = ev('applied', 'declined', '2026-02-01T02:00:00.000Z', { actorName: '王总' });
    const events = [APPLIED, ev('declined', 'applied', '2026-01-06T01:00:00.000Z', { reasonCode: 'other' }), again];
    expect(currentRound(events)).toEqual([again]);
    const p = buildPipeline(app({ status: 'applied', appliedAt: again.at }), events);
    expect(states(p)).toEqual(['applied:finish', 'in_review:wait', 'approved:wait', 'disbursed:wait']);
    expect(p.steps[0].at).toBe(again.at);
  });

  it('starts with 银行已联系 when the bank picked the match up before any application', () => {
    const p = buildPipeline(app({ status: 'contacted', appliedAt: null }), [ev('contacted', 'suggested', '2026-01-04T01:00:00.000Z')]);
    expect(states(p)).toEqual(['contacted:finish', 'in_review:wait', 'approved:wait', 'disbursed:wait']);
  });

  it('lists the documents the bank asked for in this round', () => {
    const ask = ev('in_review', 'in_review', '2026-01-07T01:00:00.000Z', { kind: 'documents_requested', note: '请补充2025年审计报告' });
    const p = buildPipeline(app({ status: 'in_review' }), [APPLIED, REVIEW, ask]);
    expect(p.documentRequests).toEqual([{ at: ask.at, note: '请补充2025年审计报告' }]);
    expect(p.current).toBe(1);
  });

  it('stands on the application alone while its events load', () => {
    const approved = buildPipeline(app({ status: 'approved', ...APPROVED_TERMS }), []);
    expect(states(approved)).toEqual(['applied:finish', 'in_review:finish', 'approved:finish', 'disbursed:wait']);
    expect(approved.steps[0].at).toBe('2026-01-05T02:00:00.000Z');
    expect(approved.steps[2].amount).toBe(1_500_000);

    const declined = buildPipeline(app({ status: 'declined', declineReason: 'credit_record' }), []);
    expect(states(declined)).toEqual(['applied:finish', 'declined:error']);
    expect(declined.steps[1].reasonCode).toBe('credit_record');
  });
});
