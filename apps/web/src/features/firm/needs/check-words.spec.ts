import { beforeAll, describe, expect, it } from '@jest/globals';
import i18next, { type TFunction } from 'i18next';
import { FAILURE_CODES } from '@lianrong/matching/vocabulary';
import type { MatchCheck, NearMissItem } from '../../../api/types';
import zh from '../../../i18n/locales/zh-CN.json';
import { checkText, gapText } from './check-words';

let t: TFunction;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: zh } }, interpolation: { escapeValue: false }, showSupportNotice: false });
  t = i18n.t;
});

const miss = (check: MatchCheck, gap: number | null): NearMissItem => ({
  productId: 'p',
  productName: '小巨人贷',
  bankName: '中国银行',
  failure: { code: check.rule },
  check,
  gap,
});

describe('checks in words', () => {
  it('writes numeric rules as required vs actual in the page unit', () => {
    expect(checkText(t, 'zh-CN', { rule: 'rd_intensity_below_min', required: 5, actual: 6.1, passed: true, unit: 'percent' })).toBe(
      '研发投入占比 6.1% ≥ 要求 5.0%',
    );
    expect(checkText(t, 'zh-CN', { rule: 'revenue_below_min', required: 20_000_000, actual: 90_558_000, passed: true, unit: 'yuan' })).toBe(
      '营业收入 9,055.8万元 ≥ 要求 2,000万元',
    );
    expect(checkText(t, 'zh-CN', { rule: 'debt_ratio_above_max', required: 50, actual: 55, passed: false, unit: 'percent' })).toBe(
      '资产负债率 55.0% > 上限 50.0%',
    );
  });

  it('writes code rules with their labels', () => {
    expect(checkText(t, 'zh-CN', { rule: 'product_inactive', required: 'active', actual: 'active', passed: true, unit: 'status' })).toBe(
      '产品状态：已发布 ✓',
    );
    expect(
      checkText(t, 'zh-CN', { rule: 'collateral_not_accepted', required: ['none', 'ip_pledge'], actual: 'ip_pledge', passed: true, unit: 'collateral' }),
    ).toBe('担保方式：知识产权质押 ✓');
    expect(checkText(t, 'zh-CN', { rule: 'tier_below_min', required: 'little_giant', actual: 'srdi', passed: false, unit: 'tier' })).toBe(
      '梯度等级：专精特新中小企业（要求不低于专精特新“小巨人”） ✗',
    );
  });

  it('words the gap of a near-miss', () => {
    expect(gapText(t, 'zh-CN', miss({ rule: 'rd_intensity_below_min', required: 5, actual: 3.2, passed: false, unit: 'percent' }, 1.8))).toBe(
      '研发投入占比还差 1.8 个百分点',
    );
    expect(gapText(t, 'zh-CN', miss({ rule: 'not_whitelisted', required: true, actual: false, passed: false, unit: 'flag' }, null))).toBe(
      '列入白名单后可申请',
    );
    expect(
      gapText(t, 'zh-CN', miss({ rule: 'collateral_not_accepted', required: ['ip_pledge'], actual: 'property', passed: false, unit: 'collateral' }, null)),
    ).toBe('提供知识产权质押即可');
    expect(
      gapText(
        t,
        'zh-CN',
        miss({ rule: 'amount_out_of_range', required: { min: 1_000_000, max: 3_000_000 }, actual: 5_000_000, passed: false, unit: 'yuan' }, 2_000_000),
      ),
    ).toBe('融资金额调低 200万元 即可');
  });

  it('has a rule label and a gap wording for every failure code', () => {
    for (const code of FAILURE_CODES) {
      expect(zh.needsWorkspace.rule[code]).toBeTruthy();
    }
    for (const code of FAILURE_CODES.filter((c) => c !== 'amount_out_of_range' && c !== 'term_out_of_range')) {
      expect(zh.needsWorkspace.gap[code]).toBeTruthy();
    }
  });
});
