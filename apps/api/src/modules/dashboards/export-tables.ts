import { beijingClock } from '../../common/china-time';
import { type Tier } from '../../common/domain-enums';
import { TIER_WORDS } from '../bank-queue/export-labels';
import { type RoadshowDetail } from '../roadshows/roadshows.service';
import { type ChainFigures } from './dashboard-figures';
import {
  type BankResponsiveness,
  type BlockerFigures,
  type BlockersView,
  type DashboardFilters,
  type BanksView,
  type DashboardOverview,
  type Freshness,
} from './dashboard.types';
import { type ExportTable } from './dtos/dashboard.query';
import { FAILURE_WORDS } from './failure-words';

// The dashboard's tables as the exports write them (pure: no I/O), so the XLSX and the CSV
// carry the same columns and the same numbers as the page.

export type Cell = string | number | Date | null;

interface Column<R> {
  header: string;
  width: number;
  numFmt?: string;
  value: (row: R) => Cell;
}

/** A table ready to write: its columns and every row's cells. */
export interface Table {
  sheet: string;
  columns: Omit<Column<never>, 'value'>[];
  cells: Cell[][];
}

function table<R>(sheet: string, columns: Column<R>[], rows: R[]): Table {
  return {
    sheet,
    columns: columns.map(({ header, width, numFmt }) => ({ header, width, numFmt })),
    cells: rows.map((r) => columns.map((c) => c.value(r))),
  };
}

const MONEY = '#,##0';
const PERCENT = '0.00';
/** Basis points as a percentage number (6300 → 63.00), so a spreadsheet can sum and sort it. */
const pct = (bps: number | null) => (bps === null ? null : bps / 100);

/** A row of the chains and cities tables: a chain (or the whole region), maybe one city. */
interface FigureRow {
  chain: string;
  city: string | null;
  leadBank: string | null;
  leadShareBps: number | null;
  f: ChainFigures;
}

// Every figure the page shows, in the page's words; the same columns in the XLSX and the CSV.
const FIGURE_COLUMNS: Column<FigureRow>[] = [
  { header: '企业数', width: 10, value: (r) => r.f.firms },
  { header: '创新型中小企业', width: 12, value: (r) => r.f.firmsByTier.innovative },
  { header: '专精特新中小企业', width: 14, value: (r) => r.f.firmsByTier.srdi },
  { header: '专精特新“小巨人”', width: 14, value: (r) => r.f.firmsByTier.little_giant },
  { header: '制造业单项冠军', width: 12, value: (r) => r.f.firmsByTier.champion },
  { header: '未认定', width: 8, value: (r) => r.f.firmsByTier.none },
  { header: '有融资需求的企业', width: 14, value: (r) => r.f.firmsWithOpenNeeds },
  { header: '融资需求数', width: 10, value: (r) => r.f.openNeeds },
  { header: '需求金额（元）', width: 16, numFmt: MONEY, value: (r) => r.f.amountAsked },
  { header: '有可匹配产品的需求', width: 14, value: (r) => r.f.matchedNeeds },
  { header: '申请数', width: 8, value: (r) => r.f.applications },
  { header: '已响应', width: 8, value: (r) => r.f.answered },
  { header: '超时未响应', width: 10, value: (r) => r.f.overdue },
  { header: '响应时间中位数（工作日）', width: 14, value: (r) => r.f.medianResponseDays },
  { header: '授信笔数', width: 10, value: (r) => r.f.approvedCount },
  { header: '授信金额（元）', width: 16, numFmt: MONEY, value: (r) => r.f.approvedAmount },
  { header: '拒绝笔数', width: 10, value: (r) => r.f.declinedCount },
  { header: '审批通过率（%）', width: 12, numFmt: PERCENT, value: (r) => pct(r.f.approvalRateBps) },
  { header: '放款笔数', width: 10, value: (r) => r.f.disbursedCount },
  { header: '放款金额（元）', width: 16, numFmt: MONEY, value: (r) => r.f.disbursedAmount },
  { header: '首贷户', width: 8, value: (r) => r.f.firstTimeBorrowers },
  {
    header: '信用贷占比（%）',
    width: 12,
    numFmt: PERCENT,
    value: (r) => pct(r.f.creditLoanShareBps),
  },
  {
    header: '平均授信利率（%）',
    width: 12,
    numFmt: PERCENT,
    value: (r) => pct(r.f.averageRateBps),
  },
  { header: '获得授信或放款的企业', width: 14, value: (r) => r.f.coveredFirms },
  { header: '覆盖率（%）', width: 10, numFmt: PERCENT, value: (r) => pct(r.f.coverageBps) },
];

const ALL_FIRMS = '本辖区全部企业';

function blockerRows(view: BlockersView): (BlockerFigures & { scope: string; tier: string })[] {
  return [
    { scope: view.filters.chain?.name ?? ALL_FIRMS, tier: '全部', ...view.totals },
    ...view.byTier.map((t) => ({
      ...t,
      scope: view.filters.chain?.name ?? ALL_FIRMS,
      tier: TIER_WORDS[t.tier as Tier],
    })),
    ...(view.filters.chain
      ? []
      : view.byChain.map((c) => ({ ...c, scope: c.chain.name, tier: '全部' }))),
  ];
}

type BlockerRow = {
  scope: string;
  tier: string;
  openNeeds: number;
  blockedNeeds: number;
  oneRuleAway: number;
  code: string | null;
  needs: number | null;
  shareBps: number | null;
};

interface RoadshowRow {
  r: RoadshowDetail;
  bank: string | null;
  leadBank: boolean | null;
  intendedAmount: number;
  approvedAmount: number;
  disbursedAmount: number;
  intents: number;
}

/** Every table of the export from the page's own answers; `chainId` keeps one chain only. */
export function dashboardTables(data: {
  overview: DashboardOverview;
  blockers: BlockersView;
  banks: BanksView;
  roadshows: RoadshowDetail[];
  chainId?: string;
}): Record<ExportTable, Table> {
  const { overview, blockers, banks, roadshows } = data;
  const chainFilter = data.chainId;
  const chains = overview.items.filter((c) => !chainFilter || c.id === chainFilter);
  const chainRows: FigureRow[] = [
    ...(chainFilter
      ? []
      : [
          {
            chain: ALL_FIRMS,
            city: null,
            leadBank: null,
            leadShareBps: null,
            f: overview.totals,
          },
        ]),
    ...chains.map((c) => ({
      chain: c.name,
      city: null,
      leadBank: c.leadBank?.name ?? null,
      leadShareBps: c.leadBankShareBps,
      f: c.figures,
    })),
  ];
  const cityRows: FigureRow[] = [
    ...(chainFilter
      ? []
      : overview.cities.map((c) => ({
          chain: ALL_FIRMS,
          city: c.name,
          leadBank: null,
          leadShareBps: null,
          f: c.figures,
        }))),
    ...chains.flatMap((c) =>
      c.cities.map((city) => ({
        chain: c.name,
        city: city.name,
        leadBank: null,
        leadShareBps: null,
        f: city.figures,
      })),
    ),
  ];
  const blockerTable: BlockerRow[] = blockerRows(blockers).flatMap((g) => [
    { ...g, code: null, needs: null, shareBps: null },
    ...g.codes.map((c) => ({
      ...g,
      code: FAILURE_WORDS[c.code],
      needs: c.needs,
      shareBps: c.shareBps,
    })),
  ]);
  const roadshowRows: RoadshowRow[] = roadshows.flatMap((r) => [
    {
      r,
      bank: null,
      leadBank: null,
      intendedAmount: r.intendedAmount,
      approvedAmount: r.approvedAmount,
      disbursedAmount: r.disbursedAmount,
      intents: r.intents,
    },
    ...r.banks.map((b) => ({
      r,
      bank: b.bank.name,
      leadBank: b.leadBank,
      intendedAmount: b.intendedAmount,
      approvedAmount: b.approvedAmount,
      disbursedAmount: b.disbursedAmount,
      intents: b.intents,
    })),
  ]);
  const tables: Record<ExportTable, Table> = {
    chains: table(
      '产业链',
      [
        { header: '产业链', width: 16, value: (r: FigureRow) => r.chain },
        { header: '链长银行（一链一行）', width: 22, value: (r: FigureRow) => r.leadBank },
        {
          header: '链长银行授信占比（%）',
          width: 14,
          numFmt: PERCENT,
          value: (r: FigureRow) => pct(r.leadShareBps),
        },
        ...FIGURE_COLUMNS,
      ],
      chainRows,
    ),
    cities: table(
      '市州',
      [
        { header: '产业链', width: 16, value: (r: FigureRow) => r.chain },
        { header: '市州', width: 14, value: (r: FigureRow) => r.city },
        ...FIGURE_COLUMNS,
      ],
      cityRows,
    ),
    blockers: table(
      '融资阻碍',
      [
        { header: '范围', width: 16, value: (r: BlockerRow) => r.scope },
        { header: '梯度', width: 18, value: (r: BlockerRow) => r.tier },
        { header: '在途需求', width: 10, value: (r: BlockerRow) => r.openNeeds },
        { header: '无可匹配产品的需求', width: 16, value: (r: BlockerRow) => r.blockedNeeds },
        { header: '差一条规则即可匹配', width: 16, value: (r: BlockerRow) => r.oneRuleAway },
        { header: '阻碍因素', width: 22, value: (r: BlockerRow) => r.code ?? '（合计）' },
        { header: '涉及需求数', width: 12, value: (r: BlockerRow) => r.needs },
        {
          header: '占无可匹配需求（%）',
          width: 16,
          numFmt: PERCENT,
          value: (r: BlockerRow) => pct(r.shareBps),
        },
      ],
      blockerTable,
    ),
    banks: table(
      '银行响应',
      [
        { header: '银行', width: 22, value: (r: BankResponsiveness) => r.bank.name },
        {
          header: '响应时限（工作日）',
          width: 14,
          value: (r: BankResponsiveness) => r.responseDays,
        },
        { header: '申请数', width: 8, value: (r: BankResponsiveness) => r.applications },
        { header: '已响应', width: 8, value: (r: BankResponsiveness) => r.answered },
        {
          header: '响应时间中位数（工作日）',
          width: 14,
          value: (r: BankResponsiveness) => r.medianResponseDays,
        },
        { header: '超时未响应', width: 10, value: (r: BankResponsiveness) => r.overdue },
        { header: '授信笔数', width: 10, value: (r: BankResponsiveness) => r.approvedCount },
        { header: '拒绝笔数', width: 10, value: (r: BankResponsiveness) => r.declinedCount },
        {
          header: '审批通过率（%）',
          width: 12,
          numFmt: PERCENT,
          value: (r: BankResponsiveness) => pct(r.approvalRateBps),
        },
        {
          header: '授信金额（元）',
          width: 16,
          numFmt: MONEY,
          value: (r: BankResponsiveness) => r.approvedAmount,
        },
        {
          header: '放款金额（元）',
          width: 16,
          numFmt: MONEY,
          value: (r: BankResponsiveness) => r.disbursedAmount,
        },
      ],
      banks.items,
    ),
    roadshows: table(
      '路演',
      [
        { header: '路演', width: 30, value: (r: RoadshowRow) => r.r.title },
        { header: '产业链', width: 14, value: (r: RoadshowRow) => r.r.chain.name },
        { header: '月份', width: 10, value: (r: RoadshowRow) => r.r.month },
        { header: '银行', width: 22, value: (r: RoadshowRow) => r.bank ?? '（合计）' },
        {
          header: '链长银行',
          width: 8,
          value: (r: RoadshowRow) => (r.leadBank === null ? null : r.leadBank ? '是' : '否'),
        },
        {
          header: '邀请企业',
          width: 10,
          value: (r: RoadshowRow) => (r.bank === null ? r.r.invitedFirms : null),
        },
        {
          header: '邀请银行',
          width: 10,
          value: (r: RoadshowRow) => (r.bank === null ? r.r.invitedBanks : null),
        },
        { header: '意向笔数', width: 10, value: (r: RoadshowRow) => r.intents },
        {
          header: '意向融资额（元）',
          width: 16,
          numFmt: MONEY,
          value: (r: RoadshowRow) => r.intendedAmount,
        },
        {
          header: '已授信（元）',
          width: 16,
          numFmt: MONEY,
          value: (r: RoadshowRow) => r.approvedAmount,
        },
        {
          header: '已放款（元）',
          width: 16,
          numFmt: MONEY,
          value: (r: RoadshowRow) => r.disbursedAmount,
        },
      ],
      roadshowRows,
    ),
  };
  return tables;
}

export function aboutRows(
  region: { code: string; name: string },
  f: DashboardFilters,
  fresh: Freshness,
): [string, Cell][] {
  return [
    ['报表', '产业链融资监测（一链一行）'],
    ['辖区', `${region.name}（${region.code}）`],
    ['统计期间', `${f.period.from} 至 ${f.period.to}（按北京时间自然月）`],
    ['梯度', f.tier ? TIER_WORDS[f.tier] : '全部'],
    ['市州', f.city ?? '全部'],
    ['银行', f.bank?.name ?? '全部'],
    ['产业链', f.chain?.name ?? '全部'],
    ['数据时点（北京时间）', beijingClock(fresh.asOf).toISOString().slice(0, 16).replace('T', ' ')],
    [
      '数据来源',
      fresh.source === 'facts'
        ? `汇总表（至少每 ${fresh.refreshEveryMinutes} 分钟及数据变动后更新）`
        : '实时计算',
    ],
    ['口径', '仅统计注册地在本辖区的企业；跨辖区的产业链只计本辖区成员。金额单位为元。'],
    ['融资需求', '统计期内任一时点处于开放状态的需求（发布至满足或撤回的月份）。'],
    ['授信', '统计期内批准且仍有效（已授信或已放款）的授信；企业撤回或因他行放款而关闭的不计。'],
    ['放款', '放款金额按每笔放款的起息日计入；放款笔数按首笔放款日计入。'],
    ['首贷户', '在平台上首次获得有效授信的时间落在统计期内的企业。'],
    ['信用贷占比', '需求未提供抵押担保的授信金额 ÷ 全部授信金额。'],
    ['平均授信利率', '按授信金额加权的平均利率。'],
    ['覆盖率', '统计期内获得授信或放款的企业 ÷ 统计期内有融资需求的企业。'],
    ['审批通过率', '授信笔数 ÷（授信笔数 + 拒绝笔数）。'],
    [
      '响应时间',
      '自申请日次日起至银行首次处理当日的法定工作日数（含调休），取中位数；超时按各银行的响应时限计。',
    ],
    [
      '融资阻碍',
      '当前无任何可匹配产品的开放需求，按其最接近产品（未通过规则最少者）的未通过规则统计，一个需求对每条规则各计一次。',
    ],
  ];
}

/** One CSV field (RFC 4180 quoting). */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
