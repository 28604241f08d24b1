import { beforeAll, describe, expect, it } from '@jest/globals';
import i18next, { type TFunction } from 'i18next';
import { DECLINE_REASONS } from '@lianrong/matching/vocabulary';
import type { MatchEvent } from '../../../api/applications';
import en from '../../../i18n/locales/en.json';
import zh from '../../../i18n/locales/zh-CN.json';
import type { PipelineStep } from './application-pipeline';
import { eventActor, eventText, refusalLines, stepDescription, stepTitle } from './application-words';

let t: TFunction;
let tEn: TFunction;

beforeAll(async () => {
  const init = async (lng: string, translation: object) => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng, resources: { [lng]: { translation } }, interpolation: { escapeValue: false }, showSupportNotice: false });
    return i18n.t;
  };
  t = await init('zh-CN', zh);
  tEn = await init('en', en);
});

const event = (over: Partial<MatchEvent>): MatchEvent => ({
  id: '1',
  kind: 'transition',
  from: 'in_review',
  to: 'approved',
  // 02:30 UTC is 10:30 in Shanghai.
  at: '2026-01-08T02:30:00.000Z',
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
  ...over,
});

const step = (over: Partial<PipelineStep>): PipelineStep => ({ kind: 'applied', state: 'finish', at: null, ...over });

describe('application steps in words', () => {
  it('titles each step in the words of the pipeline', () => {
    expect(['applied', 'in_review', 'approved', 'disbursed', 'declined', 'withdrawn'].map((kind) => stepTitle(t, step({ kind: kind as PipelineStep['kind'] })))).toEqual([
      '已申请',
      '审批中',
      '已授信',
      '已放款',
      '已拒绝',
      '已撤回',
    ]);
  });

  it('writes credit in 万元 with the rate in % and the term in months', () => {
    expect(stepDescription(t, 'zh-CN', step({ kind: 'approved', amount: 1_500_000, rateBps: 435, termMonths: 12 }))).toBe(
      '150万元 · 年利率 4.35% · 12个月',
    );
    expect(stepDescription(tEn, 'en', step({ kind: 'approved', amount: 1_500_000, rateBps: 435, termMonths: 12 }))).toBe(
      'CNY 1.5m · 4.35% a year · 12 mo',
    );
    // Not reached yet: nothing under the title.
    expect(stepDescription(t, 'zh-CN', step({ kind: 'approved', state: 'wait' }))).toBe('');
  });

  it('writes the payout total with its value date', () => {
    expect(
      stepDescription(t, 'zh-CN', step({ kind: 'disbursed', amount: 12_345_600, occurredOn: '2026-02-02', at: '2026-02-03T02:00:00.000Z' })),
    ).toBe('累计 1,234.56万元 · 放款日 2026-02-02');
  });

  it('gives the decline reason in words, with the bank’s note', () => {
    expect(stepDescription(t, 'zh-CN', step({ kind: 'declined', state: 'error', reasonCode: 'debt_too_high', note: '资产负债率 72%' }))).toBe(
      '原因：负债率过高；资产负债率 72%',
    );
    expect(stepDescription(t, 'zh-CN', step({ kind: 'declined', state: 'error', reasonCode: 'credit_record' }))).toBe('原因：征信问题');
    for (const reason of DECLINE_REASONS) {
      expect(stepDescription(t, 'zh-CN', step({ kind: 'declined', reasonCode: reason }))).not.toContain('declineReason');
    }
  });

  it('shows the time a step was reached in Asia/Shanghai', () => {
    expect(stepDescription(t, 'zh-CN', step({ kind: 'applied', at: '2026-01-05T17:10:00.000Z' }))).toBe('2026-01-06 01:10');
    expect(stepDescription(t, 'zh-CN', step({ kind: 'withdrawn', bySystem: true, note: '已通过其他产品获得融资' }))).toBe(
      '平台已关闭：已通过其他产品获得融资',
    );
  });
});

describe('application events in words', () => {
  it('writes each move with its terms, reasons and notes', () => {
    expect(eventText(t, 'zh-CN', event({ from: 'suggested', to: 'applied', creditCheckConsent: true }))).toBe('提交申请，并授权银行查询征信');
    expect(eventText(t, 'zh-CN', event({ from: 'suggested', to: 'applied', referredFromMatchId: 'm1' }))).toBe('提交申请（经其他银行推荐）');
    expect(eventText(t, 'zh-CN', event({ from: 'applied', to: 'in_review' }))).toBe('开始审批');
    expect(eventText(t, 'zh-CN', event({ from: 'pending_approval', to: 'in_review' }))).toBe('复核退回，继续审批');
    expect(eventText(t, 'zh-CN', event({ amount: 3_000_000, rateBps: 385, termMonths: 24 }))).toBe('授信 300万元，年利率 3.85%，期限 24个月');
    expect(eventText(t, 'zh-CN', event({ from: 'approved', to: 'disbursed', amount: 1_000_000, occurredOn: '2026-01-10' }))).toBe(
      '放款 100万元（放款日 2026-01-10）',
    );
    expect(
      eventText(t, 'zh-CN', event({ kind: 'drawdown', from: 'disbursed', to: 'disbursed', amount: 500_000, occurredOn: '2026-02-02' })),
    ).toBe('追加放款 50万元（放款日 2026-02-02）');
    expect(eventText(t, 'zh-CN', event({ to: 'declined', reasonCode: 'collateral_insufficient', note: '需追加担保' }))).toBe(
      '未批准，原因：抵押/担保不足。说明：需追加担保',
    );
    expect(eventText(t, 'zh-CN', event({ kind: 'documents_requested', to: 'in_review', note: '请补充2025年审计报告' }))).toBe(
      '要求补充材料。说明：请补充2025年审计报告',
    );
    expect(eventText(t, 'zh-CN', event({ to: 'withdrawn', actorName: '王总', actorOrgName: '博匠' }))).toBe('撤回申请');
    expect(eventText(t, 'zh-CN', event({ to: 'withdrawn', actorName: null, actorOrgName: null, note: '已通过其他产品获得融资' }))).toBe(
      '申请关闭。说明：已通过其他产品获得融资',
    );
  });

  it('names the actor, or the platform when nobody moved it', () => {
    expect(eventActor(t, event({}))).toBe('李经理 · 中国银行湖南省分行');
    expect(eventActor(t, event({ actorName: null, actorOrgName: null }))).toBe('平台');
    expect(eventActor(tEn, event({ actorName: null, actorOrgName: null }))).toBe('Platform');
  });
});

describe('a refused application in words', () => {
  it('words a failed rule as required vs actual where the page has the check, by name otherwise', () => {
    const lines = refusalLines(
      t,
      'zh-CN',
      ['rd_intensity_below_min', 'not_whitelisted'],
      [
        { rule: 'rd_intensity_below_min', required: 5, actual: 3.2, passed: false, unit: 'percent' },
        { rule: 'not_whitelisted', required: true, actual: true, passed: true, unit: 'flag' },
      ],
    );
    expect(lines).toEqual(['研发投入占比 3.2% < 要求 5.0%', '未满足：白名单企业']);
    expect(refusalLines(t, 'zh-CN', ['need_not_open'])).toEqual(['未满足：需求状态']);
  });
});
