// Demo data for 湖南, after public news reports on 专精特新 financing (中国银行湖南省分行 with 湖南省工信厅,
// 长沙银行 supply-chain loans, 湖南博匠信息科技). Names, products and the 博匠信息 2019–2020 revenue
// figures are from public reports; every other figure (balances, staff, USCC bodies and all
// 2024–2025 accounts) is illustrative.
import {
  type ChainRole,
  type Collateral,
  type ProductKind,
  type Purpose,
  type Tier,
} from '../../common/domain-enums';

export const DEMO_PASSWORD = 'Lianrong@2026';
export const PROVINCE = '430000';

export interface DemoFirm {
  key: string;
  name: string;
  /** Both check characters hold; characters 3–8 are a division containing `regionCode`. */
  uscc: string;
  regionCode: string;
  industryCode: string;
  tier: Tier;
  /**
   * Certification year. A tier counts for three years from it, so these are recent (as of
   * 2026-11-28); those certified in 2024 (博匠 among them) run out on 2026-12-31, so the
   * 复核 warning shows in the demo.
   */
  tierYear: number | null;
  yearsInNiche: number;
  chainRole: ChainRole | null;
  chains: string[];
  coreOf?: string[];
  whitelisted?: string;
  /** [year, revenue, shape] — the rest of the accounts follow from the shape. */
  financials: [number, number, FinancialShape][];
}

export interface FinancialShape {
  margin: number;
  rd: number;
  debt: number;
  employees: number;
  rdShare: number;
  patents: number;
}

const shape = (
  margin: number,
  rd: number,
  debt: number,
  employees: number,
  patents: number,
  rdShare = 0.25,
) => ({
  margin,
  rd,
  debt,
  employees,
  rdShare,
  patents,
});

export const CHAINS = [
  { key: 'machinery', name: '工程机械', leadBank: 'ccb' },
  { key: 'rail', name: '轨道交通', leadBank: 'cssb' },
  { key: 'aero', name: '航空航天', leadBank: 'boc' },
  { key: 'materials', name: '新材料', leadBank: 'ccb' },
  { key: 'electronics', name: '电子信息', leadBank: 'boc' },
  { key: 'biomed', name: '生物医药', leadBank: 'cssb' },
] as const;

export const FIRMS: DemoFirm[] = [
  {
    key: 'bojiang',
    name: '湖南博匠信息科技有限公司',
    uscc: '91430100MA4PBJ009A',
    regionCode: '430104',
    industryCode: 'C3912',
    tier: 'srdi',
    tierYear: 2024,
    yearsInNiche: 9,
    chainRole: 'upstream',
    chains: ['electronics'],
    // 2019–2020 revenue as reported (history); 2024–2025 are illustrative, not reported
    // figures: a bank reads last year's accounts, so the demo needs recent years.
    financials: [
      [2019, 64_518_000, shape(0.068, 0.062, 0.58, 132, 6)],
      [2020, 90_558_000, shape(0.081, 0.066, 0.55, 168, 9)],
      [2024, 128_600_000, shape(0.076, 0.064, 0.56, 205, 12)],
      [2025, 146_300_000, shape(0.079, 0.065, 0.54, 226, 14)],
    ],
  },
  {
    key: 'feiwo',
    name: '湖南飞沃新能源科技股份有限公司',
    uscc: '91430900MA4FW0002T',
    regionCode: '430922',
    industryCode: 'C3482',
    tier: 'little_giant',
    tierYear: 2025,
    yearsInNiche: 11,
    chainRole: 'upstream',
    chains: ['materials', 'machinery'],
    whitelisted: '省级专精特新白名单 2024 第一批',
    financials: [
      [2024, 1_806_000_000, shape(0.09, 0.041, 0.52, 1450, 31)],
      [2025, 1_958_000_000, shape(0.085, 0.043, 0.5, 1530, 36)],
    ],
  },
  {
    key: 'jinwei',
    name: '湖南金为新材料科技有限公司',
    uscc: '91430200MA4JW0006T',
    regionCode: '430211',
    industryCode: 'C3393',
    tier: 'srdi',
    tierYear: 2025,
    yearsInNiche: 10,
    chainRole: 'upstream',
    chains: ['materials'],
    financials: [
      [2024, 86_000_000, shape(0.072, 0.071, 0.46, 156, 14)],
      [2025, 104_000_000, shape(0.079, 0.074, 0.44, 178, 17)],
    ],
  },
  {
    key: 'nanfang',
    name: '株洲南方阀门股份有限公司',
    uscc: '91430200MA4NF0007K',
    regionCode: '430203',
    industryCode: 'C3443',
    tier: 'little_giant',
    tierYear: 2026,
    yearsInNiche: 30,
    chainRole: 'core',
    chains: ['machinery'],
    whitelisted: '省级专精特新白名单 2024 第一批',
    financials: [
      [2024, 412_000_000, shape(0.11, 0.052, 0.41, 610, 22)],
      [2025, 438_000_000, shape(0.112, 0.054, 0.4, 625, 25)],
    ],
  },
  {
    key: 'checheng',
    name: '株洲车城机车配件股份有限公司',
    uscc: '91430200MA4CC0000W',
    regionCode: '430211',
    industryCode: 'C3714',
    tier: 'srdi',
    tierYear: 2025,
    yearsInNiche: 18,
    chainRole: 'upstream',
    chains: ['rail'],
    financials: [
      [2024, 236_000_000, shape(0.058, 0.035, 0.62, 420, 5)],
      [2025, 251_000_000, shape(0.061, 0.037, 0.6, 431, 6)],
    ],
  },
  {
    key: 'hualing',
    name: '湖南华菱线缆股份有限公司',
    uscc: '91430300MA4HL00049',
    regionCode: '430302',
    industryCode: 'C3831',
    tier: 'little_giant',
    tierYear: 2024,
    yearsInNiche: 25,
    chainRole: 'upstream',
    chains: ['aero', 'rail'],
    financials: [
      [2024, 3_650_000_000, shape(0.032, 0.038, 0.66, 1280, 48)],
      [2025, 3_910_000_000, shape(0.034, 0.039, 0.65, 1310, 53)],
    ],
  },
  {
    key: 'xingbang',
    name: '湖南星邦智能装备股份有限公司',
    uscc: '91430100MA4XB00048',
    regionCode: '430181',
    industryCode: 'C3439',
    tier: 'little_giant',
    tierYear: 2026,
    yearsInNiche: 12,
    chainRole: 'downstream',
    chains: ['machinery'],
    financials: [
      [2024, 4_120_000_000, shape(0.071, 0.045, 0.63, 2100, 64)],
      [2025, 4_480_000_000, shape(0.069, 0.047, 0.61, 2260, 71)],
    ],
  },
  {
    key: 'chongde',
    name: '湖南崇德科技股份有限公司',
    uscc: '91430300MA4CD0006C',
    regionCode: '430304',
    industryCode: 'C3452',
    tier: 'little_giant',
    tierYear: 2025,
    yearsInNiche: 15,
    chainRole: 'upstream',
    chains: ['aero'],
    financials: [
      [2024, 512_000_000, shape(0.19, 0.056, 0.28, 560, 27)],
      [2025, 548_000_000, shape(0.2, 0.058, 0.27, 575, 30)],
    ],
  },
  {
    key: 'aiwei',
    name: '爱威科技股份有限公司',
    uscc: '91430100MA4AW00087',
    regionCode: '430104',
    industryCode: 'C3581',
    tier: 'little_giant',
    tierYear: 2026,
    yearsInNiche: 20,
    chainRole: 'core',
    chains: ['biomed'],
    whitelisted: '省级专精特新白名单 2024 第一批',
    financials: [
      [2024, 298_000_000, shape(0.14, 0.118, 0.22, 720, 64, 0.3)],
      [2025, 322_000_000, shape(0.15, 0.121, 0.21, 745, 64, 0.3)],
    ],
  },
  {
    key: 'weisuan',
    name: '湖南微算互联信息技术有限公司',
    uscc: '91430100MA4WT001X8',
    regionCode: '430105',
    industryCode: 'I6450',
    tier: 'innovative',
    tierYear: 2025,
    yearsInNiche: 6,
    chainRole: null,
    chains: ['electronics'],
    financials: [
      [2024, 38_000_000, shape(-0.04, 0.16, 0.48, 95, 3, 0.45)],
      [2025, 52_000_000, shape(0.02, 0.15, 0.45, 118, 5, 0.45)],
    ],
  },
  {
    key: 'shengxiang',
    name: '圣湘生物科技股份有限公司',
    uscc: '91430100MA4XA0017T',
    regionCode: '430181',
    industryCode: 'C2761',
    tier: 'srdi',
    tierYear: 2025,
    yearsInNiche: 16,
    chainRole: 'core',
    chains: ['biomed'],
    financials: [
      [2024, 1_060_000_000, shape(0.18, 0.14, 0.18, 1750, 88, 0.3)],
      [2025, 1_460_000_000, shape(0.19, 0.13, 0.19, 1820, 97, 0.3)],
    ],
  },
  {
    key: 'crrc',
    name: '中车株洲电力机车研究所有限公司',
    uscc: '91430200MA4RC0012M',
    regionCode: '430211',
    industryCode: 'C3716',
    tier: 'champion',
    tierYear: 2026,
    yearsInNiche: 60,
    chainRole: 'core',
    chains: ['rail'],
    coreOf: ['rail'],
    financials: [
      [2024, 41_000_000_000, shape(0.08, 0.08, 0.55, 24_000, 2100, 0.3)],
      [2025, 43_500_000_000, shape(0.082, 0.082, 0.54, 24_800, 2230, 0.3)],
    ],
  },
  {
    key: 'times',
    name: '株洲时代新材料科技股份有限公司',
    uscc: '91430200MA4TD001XK',
    regionCode: '430211',
    industryCode: 'C2913',
    tier: 'champion',
    tierYear: 2025,
    yearsInNiche: 40,
    chainRole: 'core',
    chains: ['rail', 'materials'],
    coreOf: ['rail', 'materials'],
    financials: [
      [2024, 17_500_000_000, shape(0.024, 0.055, 0.65, 9800, 610, 0.2)],
      [2025, 20_100_000_000, shape(0.028, 0.056, 0.64, 10_200, 660, 0.2)],
    ],
  },
  {
    key: 'xiangjiang',
    name: '湖南湘江智芯科技有限公司',
    uscc: '91430100MA4XJ0016M',
    regionCode: '430104',
    industryCode: 'C3973',
    tier: 'innovative',
    tierYear: 2024,
    yearsInNiche: 3,
    chainRole: 'upstream',
    chains: ['electronics'],
    financials: [],
  },
];

export const SUPPLY_LINKS = [
  {
    key: 'checheng-crrc',
    supplier: 'checheng',
    core: 'crrc',
    annualSales: 86_000_000,
    confirmed: true,
  },
  {
    key: 'hualing-crrc',
    supplier: 'hualing',
    core: 'crrc',
    annualSales: 420_000_000,
    confirmed: true,
  },
  {
    key: 'jinwei-times',
    supplier: 'jinwei',
    core: 'times',
    annualSales: 31_000_000,
    confirmed: true,
  },
  {
    key: 'feiwo-times',
    supplier: 'feiwo',
    core: 'times',
    annualSales: 58_000_000,
    confirmed: false,
  },
  // Pending at 中车株洲所, whose demo login (crrc@) then has a claim to decide.
  {
    key: 'chongde-crrc',
    supplier: 'chongde',
    core: 'crrc',
    annualSales: 24_500_000,
    confirmed: false,
  },
] as const;

export const BANKS = [
  { key: 'boc', name: '中国银行湖南省分行', regionCode: PROVINCE, approvalLimit: 3_000_000 },
  { key: 'cssb', name: '长沙银行', regionCode: '430100' },
  { key: 'webank', name: '微众银行', regionCode: '440300' },
  { key: 'ccb', name: '中国建设银行湖南省分行', regionCode: PROVINCE },
] as const;

export interface DemoProduct {
  key: string;
  bank: (typeof BANKS)[number]['key'];
  name: string;
  description: string;
  kind: ProductKind;
  amount: [number, number];
  term: [number, number];
  rateBps: [number, number];
  minTier: Tier;
  regions: string[];
  sectors?: string[];
  chains?: string[];
  minRevenue?: number;
  minRdIntensityBps?: number;
  maxDebtRatioBps?: number;
  minInventionPatents?: number;
  minYearsInNiche?: number;
  requiresWhitelist?: boolean;
  collateralAccepted: Collateral[];
  coreEnterprises?: string[];
  purposes: Purpose[];
  creditQuota?: number;
}

export const PRODUCTS: DemoProduct[] = [
  {
    key: 'boc-little-giant',
    bank: 'boc',
    name: '小巨人贷',
    description: '面向国家级专精特新“小巨人”企业的信用贷款，额度高、利率低、审批快。',
    kind: 'credit',
    amount: [5_000_000, 50_000_000],
    term: [12, 36],
    rateBps: [345, 420],
    minTier: 'little_giant',
    regions: ['43'],
    maxDebtRatioBps: 7000,
    collateralAccepted: ['none', 'ip_pledge', 'guarantee'],
    purposes: [],
    creditQuota: 5_000_000_000,
  },
  {
    key: 'boc-innovation',
    bank: 'boc',
    name: '创新贷',
    description: '以技术评价为核心，支持研发投入高、知识产权多的创新型企业，可知识产权质押。',
    kind: 'innovation',
    amount: [1_000_000, 20_000_000],
    term: [6, 36],
    rateBps: [380, 480],
    minTier: 'innovative',
    regions: ['43'],
    minRdIntensityBps: 500,
    minInventionPatents: 3,
    collateralAccepted: ['none', 'ip_pledge'],
    purposes: ['rd', 'working_capital', 'equipment'],
  },
  {
    key: 'boc-growth',
    bank: 'boc',
    name: '成长贷',
    description: '支持省级专精特新企业扩产与技改，中长期限，可抵押或担保。',
    kind: 'growth',
    amount: [3_000_000, 30_000_000],
    term: [12, 60],
    rateBps: [400, 520],
    minTier: 'srdi',
    regions: ['43'],
    minRevenue: 20_000_000,
    maxDebtRatioBps: 7000,
    collateralAccepted: ['property', 'equipment', 'guarantee', 'receivables'],
    purposes: ['expansion', 'equipment', 'working_capital'],
  },
  {
    key: 'cssb-crrc',
    bank: 'cssb',
    name: '链e贷·中车株洲所供应商',
    description: '依托中企云链，为中车株洲所上游供应商提供应收账款融资。',
    kind: 'supply_chain',
    amount: [500_000, 10_000_000],
    term: [3, 12],
    rateBps: [350, 430],
    minTier: 'none',
    regions: ['43'],
    collateralAccepted: ['receivables', 'none'],
    coreEnterprises: ['crrc'],
    purposes: ['working_capital', 'supply_chain'],
  },
  {
    key: 'cssb-times',
    bank: 'cssb',
    name: '链e贷·时代新材供应商',
    description: '为时代新材上游供应商提供订单与应收账款融资。',
    kind: 'supply_chain',
    amount: [500_000, 8_000_000],
    term: [3, 12],
    rateBps: [360, 440],
    minTier: 'none',
    regions: ['43'],
    collateralAccepted: ['receivables', 'none'],
    coreEnterprises: ['times'],
    purposes: ['working_capital', 'supply_chain'],
  },
  {
    key: 'webank-weiye',
    bank: 'webank',
    name: '微业贷',
    description: '全线上、无抵押的企业流动资金贷款：有纳税记录即可申请，手机上几分钟放款。',
    kind: 'credit',
    amount: [100_000, 3_000_000],
    term: [1, 24],
    rateBps: [500, 1800],
    minTier: 'none',
    regions: [],
    minRevenue: 1_000_000,
    collateralAccepted: ['none'],
    purposes: ['working_capital'],
  },
  {
    key: 'ccb-kuaidai',
    bank: 'ccb',
    name: '小微快贷',
    description: '“惠懂你”线上申请，批量获客、精准画像、自动审批的小微企业快贷。',
    kind: 'credit',
    amount: [100_000, 3_000_000],
    term: [1, 36],
    rateBps: [380, 600],
    minTier: 'none',
    regions: ['43'],
    collateralAccepted: ['none', 'property'],
    purposes: ['working_capital'],
  },
  {
    // Only for firms the agency put on its white list: whitelisting one opens it.
    key: 'ccb-shanxin',
    bank: 'ccb',
    name: '善新贷',
    description:
      '面向省工信厅专精特新白名单“小巨人”企业的信用贷款：凭白名单推荐，免抵押、利率优惠。',
    kind: 'credit',
    amount: [5_000_000, 60_000_000],
    term: [12, 36],
    rateBps: [360, 450],
    minTier: 'little_giant',
    regions: ['43'],
    requiresWhitelist: true,
    collateralAccepted: ['none'],
    purposes: [],
  },
];

export const NEEDS = [
  {
    key: 'bojiang-wc',
    firm: 'bojiang',
    amount: 5_000_000,
    termMonths: 12,
    purpose: 'working_capital',
    maxRateBps: 450,
    collateral: 'none',
    note: '订单增长，补充流动资金',
  },
  {
    key: 'bojiang-plant',
    firm: 'bojiang',
    amount: 16_000_000,
    termMonths: 36,
    purpose: 'expansion',
    maxRateBps: 520,
    collateral: 'property',
    note: '新建生产基地',
  },
  {
    key: 'checheng-sc',
    firm: 'checheng',
    amount: 3_000_000,
    termMonths: 6,
    purpose: 'supply_chain',
    maxRateBps: 430,
    collateral: 'receivables',
    note: '中车株洲所应收账款融资',
  },
  {
    key: 'aiwei-rd',
    firm: 'aiwei',
    amount: 20_000_000,
    termMonths: 36,
    purpose: 'rd',
    maxRateBps: 450,
    collateral: 'ip_pledge',
    note: '新一代尿液分析仪研发',
  },
  {
    key: 'feiwo-equip',
    firm: 'feiwo',
    amount: 30_000_000,
    termMonths: 36,
    purpose: 'equipment',
    maxRateBps: 420,
    collateral: 'none',
    note: '螺栓套智能产线',
  },
  {
    key: 'weisuan-wc',
    firm: 'weisuan',
    amount: 2_000_000,
    termMonths: 12,
    purpose: 'working_capital',
    maxRateBps: 900,
    collateral: 'none',
    note: '云手机机房扩容',
  },
  {
    key: 'xingbang-exp',
    firm: 'xingbang',
    amount: 50_000_000,
    termMonths: 36,
    purpose: 'expansion',
    maxRateBps: 400,
    collateral: 'none',
    note: '高空作业平台新厂区',
  },
  {
    key: 'jinwei-sc',
    firm: 'jinwei',
    amount: 2_500_000,
    termMonths: 9,
    purpose: 'supply_chain',
    maxRateBps: 440,
    collateral: 'receivables',
    note: '时代新材订单备料',
  },
  // Two needs no product takes, so the agency's blockers page has something to explain:
  // 湘江智芯 offers a guarantee that only 小微快贷 would need to accept (one rule away);
  // 崇德科技 asks more, for longer and cheaper than any product (two rules away).
  {
    key: 'xiangjiang-wc',
    firm: 'xiangjiang',
    amount: 3_000_000,
    termMonths: 12,
    purpose: 'working_capital',
    maxRateBps: 600,
    collateral: 'guarantee',
    note: '流片费用周转，由融资担保公司担保',
  },
  {
    key: 'chongde-line',
    firm: 'chongde',
    amount: 60_000_000,
    termMonths: 60,
    purpose: 'expansion',
    maxRateBps: 380,
    collateral: 'none',
    note: '核电轴承新产线',
  },
] as const satisfies readonly {
  key: string;
  firm: string;
  amount: number;
  termMonths: number;
  purpose: Purpose;
  maxRateBps: number;
  collateral: Collateral;
  note: string;
}[];

export const GOV_AGENCY = { key: 'hunan-miit', name: '湖南省工业和信息化厅', regionCode: PROVINCE };
/** A city agency: it sees the chains with members in 长沙 and counts only 长沙's firms. */
export const CITY_AGENCY = {
  key: 'changsha-miit',
  name: '长沙市工业和信息化局',
  regionCode: '430100',
};
export const PLATFORM = { key: 'platform', name: '链融平台运营', regionCode: PROVINCE };

/** One login per role, plus the other banks' and a core enterprise's, all with DEMO_PASSWORD. */
export const USERS = [
  {
    email: 'firm@lianrong.demo',
    displayName: '张敏（财务总监）',
    role: 'firm',
    org: 'firm:bojiang',
  },
  { email: 'bank@lianrong.demo', displayName: '李华（客户经理）', role: 'bank', org: 'bank:boc' },
  // The second officer who confirms approvals above the branch's limit (四眼原则).
  { email: 'bank2@lianrong.demo', displayName: '何芳（审批复核）', role: 'bank', org: 'bank:boc' },
  {
    email: 'gov@lianrong.demo',
    displayName: '王强（中小企业处）',
    role: 'gov',
    org: 'gov:hunan-miit',
  },
  {
    email: 'changsha-gov@lianrong.demo',
    displayName: '陈晨（长沙市工信局中小企业科）',
    role: 'gov',
    org: 'gov:changsha-miit',
  },
  {
    email: 'admin@lianrong.demo',
    displayName: '平台管理员',
    role: 'admin',
    org: 'platform:platform',
  },
  { email: 'cssb@lianrong.demo', displayName: '陈静（长沙银行）', role: 'bank', org: 'bank:cssb' },
  {
    email: 'webank@lianrong.demo',
    displayName: '周磊（微众银行）',
    role: 'bank',
    org: 'bank:webank',
  },
  { email: 'ccb@lianrong.demo', displayName: '刘洋（建设银行）', role: 'bank', org: 'bank:ccb' },
  {
    email: 'crrc@lianrong.demo',
    displayName: '赵刚（中车株洲所采购部）',
    role: 'firm',
    org: 'firm:crrc',
  },
  {
    email: 'checheng@lianrong.demo',
    displayName: '孙丽（车城机车财务）',
    role: 'firm',
    org: 'firm:checheng',
  },
] as const;
