import { beforeAll, describe, expect, it } from '@jest/globals';
import i18next, { type TFunction } from 'i18next';
import { NOTIFICATION_KINDS } from '@lianrong/matching/vocabulary';
import type { Notice } from '../../api/types';
import en from '../../i18n/locales/en.json';
import zh from '../../i18n/locales/zh-CN.json';
import { NOTICE_TARGETS, noticeLink, noticeText, type NoticeTarget } from './notice-words';

let zhT: TFunction;
let enT: TFunction;

beforeAll(async () => {
  const init = async (lng: string, translation: object) => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng, resources: { [lng]: { translation } }, interpolation: { escapeValue: false }, showSupportNotice: false });
    return i18n.t;
  };
  zhT = await init('zh-CN', zh);
  enT = await init('en', en);
});

const MATCH = {
  id: 'm-1',
  needId: 'need-1',
  productId: 'product-1',
  productName: '小巨人贷',
  bankName: '中国银行湖南省分行',
  firmName: '湖南博匠信息科技有限公司',
};

const notice = (kind: Notice['kind'], params: Notice['params'] = {}, match: Notice['match'] = MATCH): Notice => ({
  id: 'n-1',
  kind,
  match,
  params,
  createdAt: '2026-03-19T02:00:00.000Z',
  readAt: null,
});

describe('a notice in words', () => {
  it('says where a bank moved the application', () => {
    expect(noticeText(zhT, 'zh-CN', notice('application_moved', { to: 'in_review', productName: '小巨人贷', bankName: '中国银行湖南省分行' }))).toBe(
      '中国银行湖南省分行 已将「小巨人贷」申请推进到 审批中',
    );
    expect(noticeText(enT, 'en', notice('application_moved', { to: 'in_review' }))).toBe(
      '中国银行湖南省分行 moved your “小巨人贷” application to In review',
    );
  });

  it('gives the amount of an approval or a drawdown in 万元', () => {
    expect(noticeText(zhT, 'zh-CN', notice('application_moved', { to: 'approved', amount: 5_000_000 }))).toBe(
      '中国银行湖南省分行 已将「小巨人贷」申请推进到 已授信，金额 500万元',
    );
    expect(noticeText(enT, 'en', notice('application_moved', { to: 'disbursed', amount: 5_000_000 }))).toBe(
      '中国银行湖南省分行 moved your “小巨人贷” application to Disbursed, amount CNY 5m',
    );
  });

  it('words a decline as a decline, not as a move', () => {
    expect(noticeText(zhT, 'zh-CN', notice('application_moved', { to: 'declined' }))).toBe('中国银行湖南省分行 未批准「小巨人贷」申请');
  });

  it('tells the bank who applied, and what is overdue by how long', () => {
    expect(noticeText(zhT, 'zh-CN', notice('application_received'))).toBe('湖南博匠信息科技有限公司 申请了「小巨人贷」');
    expect(noticeText(zhT, 'zh-CN', notice('application_overdue', { responseDays: 5 }))).toBe(
      '湖南博匠信息科技有限公司 的「小巨人贷」申请已超过 5 个工作日未处理',
    );
    expect(noticeText(enT, 'en', notice('application_overdue', { responseDays: 5 }))).toBe(
      '湖南博匠信息科技有限公司’s application for “小巨人贷” has waited more than 5 working days',
    );
    expect(noticeText(zhT, 'zh-CN', notice('approval_awaiting_checker', { amount: 12_000_000 }))).toBe(
      '湖南博匠信息科技有限公司 的「小巨人贷」授信待您复核，金额 1,200万元',
    );
  });

  it('quotes the bank’s note with a request for documents', () => {
    expect(noticeText(zhT, 'zh-CN', notice('documents_requested', { note: '请补充2025年审计报告' }))).toBe(
      '中国银行湖南省分行 请您为「小巨人贷」申请补充材料：请补充2025年审计报告',
    );
  });

  it('prefers the names the notice was written with, and reads without a match', () => {
    expect(noticeText(zhT, 'zh-CN', notice('referral_offered', { productName: '科创贷' }))).toBe('「科创贷」申请未获批准，可查看其他银行的推荐产品');
    expect(noticeText(zhT, 'zh-CN', notice('application_moved', { to: 'contacted' }, null))).toBe('银行 已将「产品」申请推进到 已联系');
  });

  it('has a sentence for every kind in both languages', () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const [t, lang] of [
        [zhT, 'zh-CN'],
        [enT, 'en'],
      ] as const) {
        const words = noticeText(t, lang, notice(kind, { to: 'in_review', responseDays: 5 }));
        expect(words).not.toMatch(/notifications\.|\{\{|undefined/);
        expect(words).toContain('小巨人贷');
      }
    }
  });
});

describe('where a notice leads', () => {
  it('takes a firm to the need and a bank to the product’s matches', () => {
    expect(noticeLink('firm', notice('application_moved'))).toBe('/firm/needs/need-1');
    expect(noticeLink('firm', notice('application_moved', { needId: 'need-2' }, null))).toBe('/firm/needs/need-2');
    expect(noticeLink('bank', notice('application_overdue'))).toBe('/bank/products/product-1');
  });

  it('leads nowhere without a page for it', () => {
    expect(noticeLink('firm', notice('application_moved', {}, null))).toBeNull();
    expect(noticeLink('gov', notice('application_moved'))).toBeNull();
  });

  it('lets a later rule take precedence when it is listed first', () => {
    const applications: NoticeTarget = { role: 'firm', to: (n) => (n.match ? `/firm/applications/${n.match.id}` : null) };
    expect(noticeLink('firm', notice('application_moved'), [applications, ...NOTICE_TARGETS])).toBe('/firm/applications/m-1');
    expect(noticeLink('firm', notice('application_moved', { needId: 'need-2' }, null), [applications, ...NOTICE_TARGETS])).toBe(
      '/firm/needs/need-2',
    );
  });
});
