import type { FinancialYear, FirmProfile, NeedInput, ProductInput, Tier } from '@lianrong/matching';
import { completeUscc } from '../../common/uscc';
import {
  ID_KIND,
  SYNTHETIC_BANK_COUNT,
  SYNTHETIC_CHAINS,
  SYNTHETIC_CORE_COUNT,
  syntheticId,
} from '@lianrong/matching/testing';

// Pure translation of the seeded synthetic data set (libs/matching/bench) into rows of
// PostgreSQL's COPY text format. No I/O here, so the formatting and the id scheme are
// unit-tested without a database.

/** Id kinds beyond the generator's own (firm 1 … core 5). */
export const SCALE_ID_KIND = { ...ID_KIND, chain: 6, supplyLink: 7 } as const;

/** What a COPY cell may hold; null is SQL NULL. */
export type Cell = string | number | boolean | null | readonly string[];

/** COPY text format: backslash, tab, newline and carriage return are backslash-escaped. */
export function escapeCopyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;
}

/** A PostgreSQL array literal; elements are quoted only when the array syntax requires it. */
export function arrayLiteral(items: readonly string[]): string {
  const parts = items.map((item) =>
    item === '' || /^null$/i.test(item) || /[{},"\\\s]/.test(item)
      ? `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"`
      : item,
  );
  return `{${parts.join(',')}}`;
}

function cell(value: Cell): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') {
    // A float or NaN would be silently rounded or rejected by a bigint column: fail here instead.
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer for COPY: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'string') return escapeCopyText(value);
  return escapeCopyText(arrayLiteral(value));
}

/** One line of COPY text (tab-separated, newline-terminated). */
export function copyRow(cells: readonly Cell[]): string {
  let line = cell(cells[0]);
  for (let i = 1; i < cells.length; i++) line += '\t' + cell(cells[i]);
  return line + '\n';
}

// --- ids and the USCC ----------------------------------------------------------------

const CHAIN_UUID: ReadonlyMap<string, string> = new Map(
  SYNTHETIC_CHAINS.map((key, i) => [key, syntheticId(SCALE_ID_KIND.chain, i)]),
);

/** The generator names chains by key; the database wants uuids. */
export function chainUuid(key: string): string {
  const id = CHAIN_UUID.get(key);
  if (!id) throw new Error(`unknown synthetic chain ${key}`);
  return id;
}

export const bankUuid = (i: number): string => syntheticId(SCALE_ID_KIND.bank, i);
export const coreUuid = (i: number): string => syntheticId(SCALE_ID_KIND.core, i);

/** 链主 i belongs to one chain; cores 0 and 1 (中车株洲所, 时代新材) to rail transit. */
export function coreChainIndex(core: number): number {
  return (Math.floor(core / 2) + 1) % SYNTHETIC_CHAINS.length;
}

/** The index encoded in a synthetic UUID's last group. */
export function syntheticIndex(id: string): number {
  return parseInt(id.slice(24), 16);
}

const USCC_DIGITS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** First character of the organisation-code part, so synthetic codes never meet the demo's (MA4…) or each other. */
export const USCC_MARK = { firm: 'Y', core: 'X', bank: 'W' } as const;

/**
 * 统一社会信用代码 of a synthetic organisation: 91 (company) + region + a mark + the index
 * in base 31 (7 digits, up to 2.7e10) + the GB 11714 and GB 32100 check characters.
 */
export function syntheticUscc(
  mark: (typeof USCC_MARK)[keyof typeof USCC_MARK],
  index: number,
  regionCode: string,
): string {
  let body = '';
  let n = index;
  for (let i = 0; i < 7; i++) {
    body = USCC_DIGITS[n % 31] + body;
    n = Math.floor(n / 31);
  }
  if (n > 0) throw new Error(`index too large for a synthetic USCC: ${index}`);
  return completeUscc(`91${regionCode}${mark}${body}`);
}

// --- rows per table (column lists are the COPY statements' own) ------------------------

export const COLUMNS = {
  organizations: ['id', 'kind', 'name', 'region_code', 'uscc'],
  firms: [
    'id',
    'industry_code',
    'tier',
    'tier_year',
    'years_in_niche',
    'chain_role',
    'whitelisted',
    'whitelist_reason',
    'whitelisted_at',
  ],
  financial_years: [
    'firm_id',
    'year',
    'revenue',
    'cost_of_sales',
    'net_profit',
    'rd_expense',
    'total_assets',
    'total_liabilities',
    'tax_paid',
    'employees',
    'rd_staff',
    'invention_patents',
    'accounts_receivable',
    'inventory',
    'accounts_payable',
    'prepayments',
    'advances_received',
    'own_working_capital',
    'existing_working_capital_loans',
  ],
  funding_needs: [
    'id',
    'firm_id',
    'amount',
    'term_months',
    'purpose',
    'max_rate_bps',
    'collateral',
    'status',
    'closed_at',
  ],
  chain_members: ['chain_id', 'firm_id'],
  supply_links: ['id', 'supplier_id', 'core_firm_id', 'annual_sales', 'status', 'confirmed_at'],
  chains: ['id', 'name', 'region_code', 'lead_bank_id'],
  chain_core_enterprises: ['chain_id', 'firm_id'],
  loan_products: [
    'id',
    'bank_id',
    'name',
    'kind',
    'status',
    'amount_min',
    'amount_max',
    'term_min',
    'term_max',
    'rate_min_bps',
    'rate_max_bps',
    'min_tier',
    'regions',
    'sectors',
    'chain_ids',
    'min_revenue',
    'min_rd_intensity_bps',
    'max_debt_ratio_bps',
    'min_invention_patents',
    'min_years_in_niche',
    'requires_whitelist',
    'collateral_accepted',
    'core_enterprise_ids',
    'purposes',
  ],
} as const;

export type ScaleTable = keyof typeof COLUMNS;

export function copySql(table: ScaleTable): string {
  return `COPY ${table} (${COLUMNS[table].join(', ')}) FROM STDIN`;
}

// Fixed timestamps keep reloads byte-identical (now() would differ per run).
const WHITELISTED_AT = '2024-03-01 00:00:00+00';
const CONFIRMED_AT = '2024-06-30 00:00:00+00';

const CHAIN_NAMES = [
  '工程机械',
  '轨道交通',
  '航空航天',
  '新材料',
  '电力装备',
  '集成电路设计',
  '生物医药',
  '新能源汽车',
  '智能终端',
  '软件',
  '人工智能与机器人',
  '先进陶瓷',
  '特种线缆',
  '储能',
  '绿色建筑',
  '农业机械',
  '船舶装备',
  '卫星应用',
  '医疗器械',
  '精细化工',
];

export function bankRows(): string[] {
  return Array.from({ length: SYNTHETIC_BANK_COUNT }, (_, i) =>
    copyRow([bankUuid(i), 'bank', `合成银行${i + 1}号`, '430000', syntheticUscc('W', i, '430000')]),
  );
}

/** Chains led by bank i (一链一行), named apart from the demo's chains (unique region + name). */
export function chainRows(): string[] {
  return SYNTHETIC_CHAINS.map((key, i) =>
    copyRow([chainUuid(key), `${CHAIN_NAMES[i]}（合成）`, '430000', bankUuid(i)]),
  );
}

const CORE_INDUSTRIES = ['C3711', 'C3714', 'C3411', 'C3511', 'C3824', 'C3984', 'C2710', 'C3562'];

/** The 链主 as firms: organisation, firm, two financial years, chain membership and leadership. */
export function coreRows(): Partial<Record<ScaleTable, string[]>> {
  const out: Record<
    'organizations' | 'firms' | 'financial_years' | 'chain_members' | 'chain_core_enterprises',
    string[]
  > = {
    organizations: [],
    firms: [],
    financial_years: [],
    chain_members: [],
    chain_core_enterprises: [],
  };
  for (let i = 0; i < SYNTHETIC_CORE_COUNT; i++) {
    const id = coreUuid(i);
    const region = i < 2 ? '430200' : '430100';
    const chain = syntheticId(SCALE_ID_KIND.chain, coreChainIndex(i));
    out.organizations.push(
      copyRow([id, 'firm', `合成链主${i + 1}号`, region, syntheticUscc('X', i, region)]),
    );
    out.firms.push(
      copyRow([
        id,
        CORE_INDUSTRIES[i % CORE_INDUSTRIES.length],
        i < 10 ? 'champion' : 'little_giant',
        2020,
        20,
        'core',
        true,
        '链主企业（合成）',
        WHITELISTED_AT,
      ]),
    );
    const revenue = 3_000_000_000 + i * 100_000_000;
    for (const [year, r] of [
      [2022, Math.round(revenue / 1.1)],
      [2023, revenue],
    ] as const) {
      out.financial_years.push(
        financialRow(id, {
          year,
          revenue: r,
          costOfSales: Math.round(r * 0.7),
          netProfit: Math.round(r * 0.08),
          rdExpense: Math.round(r * 0.06),
          totalAssets: Math.round(r * 1.6),
          totalLiabilities: Math.round(r * 0.8),
          inventionPatents: 200 + i,
          accountsReceivable: Math.round(r * 0.25),
          inventory: Math.round(r * 0.15),
          accountsPayable: Math.round(r * 0.2),
          prepayments: Math.round(r * 0.02),
          advancesReceived: Math.round(r * 0.05),
          ownWorkingCapital: Math.round(r * 0.1),
          existingWorkingCapitalLoans: Math.round(r * 0.05),
          taxPaid: Math.round(r * 0.05),
          employees: 5_000 + i * 100,
        }),
      );
    }
    out.chain_members.push(copyRow([chain, id]));
    out.chain_core_enterprises.push(copyRow([chain, id]));
  }
  return out;
}

export function organizationRow(firm: FirmProfile): string {
  return copyRow([
    firm.id,
    'firm',
    `合成企业${syntheticIndex(firm.id) + 1}号`,
    firm.regionCode,
    syntheticUscc('Y', syntheticIndex(firm.id), firm.regionCode),
  ]);
}

export function firmRow(firm: FirmProfile): string {
  const tier: Tier = firm.tier;
  const role =
    firm.chainIds.length === 0 ? null : firm.supplierOf.length > 0 ? 'upstream' : 'downstream';
  return copyRow([
    firm.id,
    firm.industryCode,
    tier,
    // The year the tier was granted: spread over the recent 梯度培育 rounds.
    tier === 'none' ? null : 2019 + (syntheticIndex(firm.id) % 5),
    firm.yearsInNiche,
    role,
    firm.whitelisted,
    firm.whitelisted ? '合成数据' : null,
    firm.whitelisted ? WHITELISTED_AT : null,
  ]);
}

export function financialRow(firmId: string, y: FinancialYear): string {
  const employees = y.employees ?? 0;
  // The generator has no R&D head count; derive one from R&D intensity, never above staff.
  const rdStaff =
    y.rdStaff ??
    (y.revenue > 0
      ? Math.min(employees, Math.round(employees * Math.min(0.6, (3 * y.rdExpense) / y.revenue)))
      : 0);
  return copyRow([
    firmId,
    y.year,
    y.revenue,
    y.costOfSales,
    y.netProfit,
    y.rdExpense,
    y.totalAssets,
    y.totalLiabilities,
    y.taxPaid ?? 0,
    employees,
    rdStaff,
    y.inventionPatents,
    y.accountsReceivable,
    y.inventory,
    y.accountsPayable,
    y.prepayments,
    y.advancesReceived,
    y.ownWorkingCapital,
    y.existingWorkingCapitalLoans,
  ]);
}

export function needRow(firmId: string, need: NeedInput): string {
  return copyRow([
    need.id,
    firmId,
    need.amount,
    need.termMonths,
    need.purpose,
    need.maxRateBps,
    need.collateral,
    need.status,
    // A closed need says when it closed (the schema insists); 'now' is the load's own
    // transaction time, the same instant its created_at defaults to.
    need.status === 'fulfilled' || need.status === 'withdrawn' ? 'now' : null,
  ]);
}

export function chainMemberRows(firm: FirmProfile): string[] {
  return firm.chainIds.map((key) => copyRow([chainUuid(key), firm.id]));
}

/**
 * Confirmed supply links of a firm (firm.supplierOf). `linkIndex` numbers links across the
 * whole load so their ids are stable; annual sales are a share of the latest revenue.
 */
export function supplyLinkRows(firm: FirmProfile, linkIndex: number): string[] {
  const latest = firm.financials[firm.financials.length - 1];
  const revenue = latest?.revenue ?? 20_000_000;
  const firmIndex = syntheticIndex(firm.id);
  return firm.supplierOf.map((coreId, j) =>
    copyRow([
      syntheticId(SCALE_ID_KIND.supplyLink, linkIndex + j),
      firm.id,
      coreId,
      Math.round(revenue * (0.05 + ((firmIndex * 7 + j * 13) % 30) / 100)),
      'confirmed',
      CONFIRMED_AT,
    ]),
  );
}

const PRODUCT_KIND_NAMES: Record<ProductInput['kind'], string> = {
  credit: '信用贷',
  ip_pledge: '知识产权质押贷',
  supply_chain: '供应链融资',
  equipment: '设备更新贷',
  growth: '成长贷',
  innovation: '科创贷',
};

/** Ratios (fractions) become basis points, chain keys uuids, as the schema stores them. */
export function productRow(p: ProductInput): string {
  const bps = (x: number | null) => (x === null ? null : Math.round(x * 10_000));
  return copyRow([
    p.id,
    p.bankId,
    `合成${PRODUCT_KIND_NAMES[p.kind]}${syntheticIndex(p.id) + 1}号`,
    p.kind,
    p.status,
    p.amountMin,
    p.amountMax,
    p.termMin,
    p.termMax,
    p.rateMinBps,
    p.rateMaxBps,
    p.minTier,
    p.regions,
    p.sectors,
    p.chains.map(chainUuid),
    p.minRevenue,
    bps(p.minRdIntensity),
    bps(p.maxDebtRatio),
    p.minInventionPatents,
    p.minYearsInNiche,
    p.requiresWhitelist,
    p.collateralAccepted,
    p.coreEnterpriseIds,
    p.purposes,
  ]);
}
