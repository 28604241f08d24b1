// Required vs actual and near-miss gaps in words. The API sends each rule as data (the
// failure code, both values in the unit it names, the gap as a number); only the wording
// lives here, so no rule is decided on the page.
import type { TFunction } from 'i18next';
import type {
  CheckRange,
  CheckUnit,
  Collateral,
  NeedStatus,
  ProductStatus,
  Purpose,
  Tier,
} from '@lianrong/matching/vocabulary';
import type { MatchCheck, NearMissItem } from '../../../api/types';
import { formatMoney, formatMoneyRange, formatTerm, formatTermRange, type Lang } from '../../../shared/format';
import { regionName } from '../../../shared/regions';

type Value = MatchCheck['actual'];

const isRange = (v: Value): v is CheckRange =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'min' in v && 'max' in v;

// Rates are quoted with two decimals (3.85%), ratios with one (6.1%).
function percentText(rule: MatchCheck['rule'], n: number): string {
  return `${n.toFixed(rule === 'rate_above_max' ? 2 : 1)}%`;
}

/** One value of a check as the page shows it: 万元, %, months, or the code's label. */
export function valueText(t: TFunction, lang: Lang, rule: MatchCheck['rule'], unit: CheckUnit, v: Value): string {
  if (v === null) return '—';
  if (Array.isArray(v)) {
    const sep = t(unit === 'collateral' || unit === 'purpose' ? 'needsWorkspace.check.or' : 'needsWorkspace.check.list');
    return v.map((x) => valueText(t, lang, rule, unit, x)).join(sep);
  }
  if (isRange(v)) return unit === 'yuan' ? formatMoneyRange(v.min, v.max, lang) : formatTermRange(v.min, v.max, lang);
  if (typeof v === 'boolean') return t(v ? 'needsWorkspace.yes' : 'needsWorkspace.no');
  if (typeof v === 'number') {
    switch (unit) {
      case 'yuan':
        return formatMoney(v, lang);
      case 'percent':
        return percentText(rule, v);
      case 'months':
        return formatTerm(v, lang);
      case 'count':
        return t('needsWorkspace.check.countValue', { count: v });
      case 'years':
        return t('needsWorkspace.check.yearsValue', { count: v });
      default:
        return String(v);
    }
  }
  switch (unit) {
    case 'tier':
      return t(`enums.tier.${v as Tier}`);
    case 'collateral':
      return t(`enums.collateral.${v as Collateral}`);
    case 'purpose':
      return t(`enums.purpose.${v as Purpose}`);
    case 'region':
      return regionName(v, lang);
    case 'status':
      return rule === 'product_inactive' ? t(`enums.productStatus.${v as ProductStatus}`) : t(`enums.needStatus.${v as NeedStatus}`);
    default:
      return v;
  }
}

/** "研发投入占比 6.1% ≥ 要求 5.0%", "担保方式：知识产权质押 ✓" — one line per rule. */
export function checkText(t: TFunction, lang: Lang, c: MatchCheck): string {
  const label = t(`needsWorkspace.rule.${c.rule}`);
  const actual = valueText(t, lang, c.rule, c.unit, c.actual);
  const required = valueText(t, lang, c.rule, c.unit, c.required);
  const mark = c.passed ? ' ✓' : ' ✗';
  switch (c.rule) {
    case 'revenue_below_min':
    case 'rd_intensity_below_min':
    case 'patents_below_min':
    case 'years_in_niche_below_min':
      return t('needsWorkspace.check.atLeast', { label, actual, required, op: c.passed ? '≥' : '<' });
    case 'debt_ratio_above_max':
      return t('needsWorkspace.check.atMost', { label, actual, required, op: c.passed ? '≤' : '>' });
    case 'rate_above_max':
      return t('needsWorkspace.check.rateFloor', { label, actual, required, op: c.passed ? '≥' : '<' });
    case 'amount_out_of_range':
    case 'term_out_of_range':
      return t('needsWorkspace.check.inRange', { label, actual, required }) + mark;
    case 'tier_below_min':
      return t('needsWorkspace.check.tier', { label, actual, required }) + mark;
    case 'financials_missing':
      return t('needsWorkspace.check.financialsMissing') + mark;
    case 'not_in_supply_chain':
      return t(c.passed ? 'needsWorkspace.check.supplyChainYes' : 'needsWorkspace.check.supplyChainNo') + mark;
    case 'sector_not_covered':
      return c.passed
        ? t('needsWorkspace.check.sectorYes') + mark
        : t('needsWorkspace.check.sectorNo', { required }) + mark;
    default:
      return c.passed
        ? t('needsWorkspace.check.code', { label, actual }) + mark
        : t('needsWorkspace.check.codeRequired', { label, actual, required }) + mark;
  }
}

// Gaps come as plain numbers in the check's unit; only their display is chosen here.
function gapNumber(n: number, digits: number): string {
  return String(Math.round(n * 10 ** digits) / 10 ** digits);
}

/** The near-miss in words: "研发投入占比还差 1.8 个百分点", "列入白名单后可申请", "提供知识产权质押即可". */
export function gapText(t: TFunction, lang: Lang, miss: NearMissItem): string {
  const { check, gap } = miss;
  const required = valueText(t, lang, check.rule, check.unit, check.required);
  if (isRange(check.required) && typeof check.actual === 'number' && gap !== null) {
    const tooHigh = check.actual > check.required.max;
    if (check.rule === 'amount_out_of_range') {
      return t(tooHigh ? 'needsWorkspace.gap.amountDown' : 'needsWorkspace.gap.amountUp', { gap: formatMoney(gap, lang) });
    }
    return t(tooHigh ? 'needsWorkspace.gap.termDown' : 'needsWorkspace.gap.termUp', { gap: gapNumber(gap, 0) });
  }
  let gapWords = gap === null ? '' : gapNumber(gap, 1);
  if (gap !== null && check.unit === 'yuan') gapWords = formatMoney(gap, lang);
  if (gap !== null && check.rule === 'rate_above_max') gapWords = gapNumber(gap, 2);
  switch (check.rule) {
    case 'amount_out_of_range':
    case 'term_out_of_range':
      return t(`needsWorkspace.rule.${check.rule}`);
    default:
      return t(`needsWorkspace.gap.${check.rule}`, { gap: gapWords, required });
  }
}
