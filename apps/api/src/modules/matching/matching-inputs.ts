import {
  effectiveTier,
  type FinancialYear,
  type FirmProfile,
  type MatchContext,
  type NeedInput,
  type ProductInput,
} from '@lianrong/matching';
import { type NeedEntry } from '@lianrong/matching/batch';
import { type EntityManager } from 'typeorm';
import { type LoanProduct } from '../products/loan-product.entity';

// Reads the database into the matching library's plain inputs. Only shapes are
// translated here (bps → ratios, bigint strings → numbers); every rule stays in the library.

export interface NeedRow {
  id: string;
  firm_id: string;
  amount: string;
  term_months: number;
  purpose: NeedInput['purpose'];
  max_rate_bps: number;
  collateral: NeedInput['collateral'];
  status: NeedInput['status'];
  region_code: string;
  industry_code: string;
  tier: FirmProfile['tier'];
  tier_year: number | null;
  years_in_niche: number;
  whitelisted: boolean;
  chain_ids: string[];
  supplier_of: string[];
  financials: FinancialYear[] | null;
}

/** Latest two years are enough: the rules read the latest, growth reads the one before. */
export const NEED_ENTRY_SQL = `
  SELECT n.id, n.firm_id, n.amount, n.term_months, n.purpose, n.max_rate_bps, n.collateral, n.status,
         o.region_code, f.industry_code, f.tier, f.tier_year, f.years_in_niche, f.whitelisted,
         COALESCE((SELECT array_agg(cm.chain_id ORDER BY cm.chain_id) FROM chain_members cm WHERE cm.firm_id = f.id), '{}') AS chain_ids,
         COALESCE((SELECT array_agg(s.core_firm_id ORDER BY s.core_firm_id) FROM supply_links s
                    WHERE s.supplier_id = f.id AND s.status = 'confirmed'), '{}') AS supplier_of,
         (SELECT json_agg(json_build_object(
                   'year', y.year, 'revenue', y.revenue, 'costOfSales', y.cost_of_sales, 'netProfit', y.net_profit,
                   'rdExpense', y.rd_expense, 'totalAssets', y.total_assets, 'totalLiabilities', y.total_liabilities,
                   'inventionPatents', y.invention_patents, 'accountsReceivable', y.accounts_receivable,
                   'inventory', y.inventory, 'accountsPayable', y.accounts_payable, 'prepayments', y.prepayments,
                   'advancesReceived', y.advances_received, 'ownWorkingCapital', y.own_working_capital,
                   'existingWorkingCapitalLoans', y.existing_working_capital_loans, 'taxPaid', y.tax_paid,
                   'employees', y.employees, 'rdStaff', y.rd_staff) ORDER BY y.year DESC)
            FROM (SELECT * FROM financial_years fy WHERE fy.firm_id = f.id ORDER BY fy.year DESC LIMIT 2) y) AS financials
    FROM funding_needs n
    JOIN firms f ON f.id = n.firm_id
    JOIN organizations o ON o.id = f.id`;

export function toEntry(r: NeedRow, today: Date): NeedEntry {
  return {
    firm: {
      id: r.firm_id,
      regionCode: r.region_code,
      industryCode: r.industry_code,
      // A certification past its three years counts as none (the rule is the library's).
      tier: effectiveTier(r.tier, r.tier_year, today),
      yearsInNiche: r.years_in_niche,
      chainIds: r.chain_ids,
      whitelisted: r.whitelisted,
      supplierOf: r.supplier_of,
      financials: r.financials ?? [],
    },
    need: {
      id: r.id,
      amount: Number(r.amount),
      termMonths: r.term_months,
      purpose: r.purpose,
      maxRateBps: r.max_rate_bps,
      collateral: r.collateral,
      status: r.status,
    },
  };
}

export type NeedSelection =
  | { kind: 'open' }
  | { kind: 'ids'; ids: string[] }
  | { kind: 'firms'; firmIds: string[] }
  /** Open needs with lo ≤ id < hi (either bound may be null): a shard. */
  | { kind: 'range'; lo: string | null; hi: string | null };

export async function loadNeedEntries(
  em: EntityManager,
  selection: NeedSelection,
): Promise<NeedEntry[]> {
  let where: string;
  let params: unknown[] = [];
  switch (selection.kind) {
    case 'open':
      where = `n.status = 'open'`;
      break;
    case 'ids':
      where = 'n.id = ANY($1::uuid[])';
      params = [selection.ids];
      break;
    case 'firms':
      where = 'n.firm_id = ANY($1::uuid[])';
      params = [selection.firmIds];
      break;
    case 'range':
      where = `n.status = 'open' AND ($1::uuid IS NULL OR n.id >= $1) AND ($2::uuid IS NULL OR n.id < $2)`;
      params = [selection.lo, selection.hi];
      break;
  }
  const rows: NeedRow[] = await em.query(`${NEED_ENTRY_SQL} WHERE ${where} ORDER BY n.id`, params);
  const today = new Date();
  return rows.map((r) => toEntry(r, today));
}

export interface ProductRow {
  id: string;
  bank_id: string;
  kind: ProductInput['kind'];
  status: ProductInput['status'];
  amount_min: string;
  amount_max: string;
  term_min: number;
  term_max: number;
  rate_min_bps: number;
  rate_max_bps: number;
  min_tier: ProductInput['minTier'];
  regions: string[];
  sectors: string[];
  chain_ids: string[];
  min_revenue: string | null;
  min_rd_intensity_bps: number | null;
  max_debt_ratio_bps: number | null;
  min_invention_patents: number | null;
  min_years_in_niche: number | null;
  requires_whitelist: boolean;
  collateral_accepted: string;
  core_enterprise_ids: string[];
  purposes: string;
}

/** pg returns arrays of enum types as their text form, e.g. {none,ip_pledge}. */
function enumArray<T extends string>(value: string | string[]): T[] {
  if (Array.isArray(value)) return value as T[];
  const inner = value.replace(/^\{|\}$/g, '');
  return (inner ? inner.split(',') : []) as T[];
}

const nullableNumber = (v: string | number | null) => (v === null ? null : Number(v));

/** Stored as bps of the ratio; the library compares plain ratios. */
const ratioOfBps = (bps: number | null) => (bps === null ? null : bps / 10_000);

export function toProductInput(r: ProductRow): ProductInput {
  return {
    id: r.id,
    bankId: r.bank_id,
    kind: r.kind,
    status: r.status,
    amountMin: Number(r.amount_min),
    amountMax: Number(r.amount_max),
    termMin: r.term_min,
    termMax: r.term_max,
    rateMinBps: r.rate_min_bps,
    rateMaxBps: r.rate_max_bps,
    minTier: r.min_tier,
    regions: r.regions,
    sectors: r.sectors,
    chains: r.chain_ids,
    minRevenue: nullableNumber(r.min_revenue),
    minRdIntensity: ratioOfBps(r.min_rd_intensity_bps),
    maxDebtRatio: ratioOfBps(r.max_debt_ratio_bps),
    minInventionPatents: r.min_invention_patents,
    minYearsInNiche: r.min_years_in_niche,
    requiresWhitelist: r.requires_whitelist,
    collateralAccepted: enumArray(r.collateral_accepted),
    coreEnterpriseIds: r.core_enterprise_ids,
    purposes: enumArray(r.purposes),
  };
}

/** The same translation from a product entity not (yet) stored: a draft being tried. */
export function productInputOf(p: LoanProduct): ProductInput {
  return {
    id: p.id,
    bankId: p.bankId,
    kind: p.kind,
    status: p.status,
    amountMin: p.amountMin,
    amountMax: p.amountMax,
    termMin: p.termMin,
    termMax: p.termMax,
    rateMinBps: p.rateMinBps,
    rateMaxBps: p.rateMaxBps,
    minTier: p.minTier,
    regions: p.regions,
    sectors: p.sectors,
    chains: p.chainIds,
    minRevenue: p.minRevenue,
    minRdIntensity: ratioOfBps(p.minRdIntensityBps),
    maxDebtRatio: ratioOfBps(p.maxDebtRatioBps),
    minInventionPatents: p.minInventionPatents,
    minYearsInNiche: p.minYearsInNiche,
    requiresWhitelist: p.requiresWhitelist,
    collateralAccepted: p.collateralAccepted,
    coreEnterpriseIds: p.coreEnterpriseIds,
    purposes: p.purposes,
  };
}

export async function loadProducts(em: EntityManager, ids?: string[]): Promise<ProductInput[]> {
  const rows: ProductRow[] = await em.query(
    `SELECT * FROM loan_products ${ids ? 'WHERE id = ANY($1::uuid[])' : ''} ORDER BY id`,
    ids ? [ids] : [],
  );
  return rows.map(toProductInput);
}

/** Chain id → its lead bank, as one JSON object (for statements that read it with more). */
export const LEAD_BANKS_JSON_SQL = `(SELECT COALESCE(json_object_agg(id, lead_bank_id), '{}')
                                     FROM chains WHERE lead_bank_id IS NOT NULL)`;

export async function loadMatchContext(em: EntityManager): Promise<MatchContext> {
  const [row]: { lead_banks: Record<string, string> }[] = await em.query(
    `SELECT ${LEAD_BANKS_JSON_SQL} AS lead_banks`,
  );
  return { leadBankByChain: row.lead_banks };
}

/** Changes when any product or chain lead bank changes: the products cache key. */
export async function productsVersion(em: EntityManager): Promise<string> {
  const [row] = await em.query(
    `SELECT (SELECT count(*) || ':' || COALESCE(max(updated_at)::text, '') FROM loan_products) || '|' ||
            (SELECT COALESCE(md5(string_agg(id || ':' || COALESCE(lead_bank_id::text, ''), ',' ORDER BY id)), '') FROM chains) AS v`,
  );
  return row.v as string;
}

/** Bumped by every need- or firm-side change (OutboxService): the needs cache key. */
export async function needsVersion(em: EntityManager): Promise<string> {
  const [row] = await em.query(
    'SELECT last_value::text || is_called::text AS v FROM matching_data_seq',
  );
  return row.v as string;
}

/** Need entries by need id (worked matches are re-scored from these). */
export async function needEntryMap(
  em: EntityManager,
  needIds: string[],
): Promise<Map<string, NeedEntry>> {
  const entries = await loadNeedEntries(em, { kind: 'ids', ids: needIds });
  return new Map(entries.map((e) => [e.need.id, e]));
}
