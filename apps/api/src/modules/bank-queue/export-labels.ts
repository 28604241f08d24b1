import {
  type Collateral,
  type MatchStatus,
  type Purpose,
  type Tier,
} from '../../common/domain-enums';

// The export is a Chinese working document for the bank (its columns are read in Excel,
// not by the web app), so its words live here; the typed records make a new enum value a
// compile error until it has its word.

export const TIER_WORDS: Record<Tier, string> = {
  none: '未认定',
  innovative: '创新型中小企业',
  srdi: '专精特新中小企业',
  little_giant: '专精特新“小巨人”',
  champion: '制造业单项冠军',
};

export const STATUS_WORDS: Record<MatchStatus, string> = {
  suggested: '系统推荐',
  applied: '企业已申请',
  contacted: '已联系',
  in_review: '审批中',
  pending_approval: '待复核',
  approved: '已授信',
  disbursed: '已放款',
  declined: '已拒绝',
  withdrawn: '已撤回',
};

export const PURPOSE_WORDS: Record<Purpose, string> = {
  working_capital: '流动资金',
  equipment: '设备购置',
  rd: '研发投入',
  expansion: '扩产建设',
  supply_chain: '供应链融资',
};

export const COLLATERAL_WORDS: Record<Collateral, string> = {
  none: '信用（无抵押）',
  ip_pledge: '知识产权质押',
  receivables: '应收账款',
  property: '不动产抵押',
  equipment: '设备抵押',
  guarantee: '担保',
};
