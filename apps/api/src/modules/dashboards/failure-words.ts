import { type FailureCode } from '../../common/domain-enums';

// What blocks a need, in the words an agency writes in its report ("63% 无可接受的担保方式").
// The exports are Chinese working documents; the web has its own words (i18n) for the page.
// A typed record: a new failure code is a compile error until it has its words.
export const FAILURE_WORDS: Record<FailureCode, string> = {
  product_inactive: '产品已暂停',
  need_not_open: '需求已关闭',
  amount_out_of_range: '融资金额超出产品范围',
  term_out_of_range: '期限超出产品范围',
  tier_below_min: '梯度等级不足',
  region_not_covered: '所在地区不在产品范围',
  sector_not_covered: '行业或产业链不在产品范围',
  financials_missing: '未填报财务数据',
  revenue_below_min: '营业收入不足',
  rd_intensity_below_min: '研发投入占比不足',
  debt_ratio_above_max: '资产负债率过高',
  patents_below_min: '发明专利不足',
  years_in_niche_below_min: '深耕年限不足',
  not_whitelisted: '未入白名单',
  collateral_not_accepted: '无可接受的担保方式',
  not_in_supply_chain: '未与核心企业确认供货关系',
  rate_above_max: '可接受利率低于产品最低利率',
  purpose_not_covered: '资金用途不在产品范围',
};
