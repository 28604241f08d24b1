import { describe, expect, it } from '@jest/globals';
import { reviewSteps, stepRequest } from './review-steps';

describe('review steps', () => {
  it('names each move the API allows, by where the match stands', () => {
    expect(reviewSteps('suggested', ['contacted'])).toEqual(['contact']);
    expect(reviewSteps('applied', ['in_review', 'declined'])).toEqual(['review', 'decline', 'documents']);
    expect(reviewSteps('in_review', ['approved', 'declined'])).toEqual(['approve', 'decline', 'documents']);
    // The checker confirms or sends back; the maker of the proposal only sends back.
    expect(reviewSteps('pending_approval', ['approved', 'in_review'])).toEqual(['confirm', 'return']);
    expect(reviewSteps('pending_approval', ['in_review'])).toEqual(['return']);
    expect(reviewSteps('approved', ['disbursed'])).toEqual(['disburse']);
    expect(reviewSteps('disbursed', ['disbursed'])).toEqual(['disburse']);
    expect(reviewSteps('declined', [])).toEqual([]);
  });

  it('sends whole yuan and basis points, converted exactly from 万元 and %', () => {
    expect(stepRequest('approve', { amountWan: 1234.5678, ratePercent: 3.85, termMonths: 24 }, 3)).toEqual({
      kind: 'transition',
      input: { to: 'approved', version: 3, amount: 12_345_678, rateBps: 385, termMonths: 24 },
    });
    expect(stepRequest('disburse', { amountWan: 500, disbursedOn: '2026-11-27' }, 7)).toEqual({
      kind: 'transition',
      input: { to: 'disbursed', version: 7, amount: 5_000_000, disbursedOn: '2026-11-27' },
    });
  });

  it('carries the reason and the note of a refusal, and the note of a document request', () => {
    expect(stepRequest('decline', { reasonCode: 'debt_too_high', note: '  负债率 78%  ' }, 2)).toEqual({
      kind: 'transition',
      input: { to: 'declined', version: 2, reasonCode: 'debt_too_high', note: '负债率 78%' },
    });
    expect(stepRequest('decline', { reasonCode: 'other', note: ' ' }, 2).input).not.toHaveProperty('note');
    expect(stepRequest('documents', { note: '请补充近三个月纳税证明' }, 4)).toEqual({
      kind: 'documents',
      input: { note: '请补充近三个月纳税证明', version: 4 },
    });
    expect(stepRequest('confirm', {}, 5)).toEqual({ kind: 'transition', input: { to: 'approved', version: 5 } });
    expect(stepRequest('return', { note: '额度过高' }, 5)).toEqual({
      kind: 'transition',
      input: { to: 'in_review', version: 5, note: '额度过高' },
    });
  });
});
