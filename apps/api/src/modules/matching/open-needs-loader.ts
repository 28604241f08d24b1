import {
  effectiveTier,
  type FinancialYear,
  type FirmProfile,
  type NeedInput,
} from '@lianrong/matching';
import { NeedPacker, type PackedNeeds } from '@lianrong/matching/batch';
import { performance } from 'node:perf_hooks';
import { type PoolClient } from 'pg';
import { type DataSource } from 'typeorm';
import { CopyText, copyOut, uuidLiteral } from './copy-text';
import { yieldToEventLoop } from './fan-out';
import { needsVersion } from './matching-inputs';

/** All open needs with their firms, packed for the batch engine. */
export interface PackedOpenNeeds {
  /** Needs' side version and the day the tiers were judged on: what the snapshot is valid for. */
  key: string;
  needs: PackedNeeds;
  /** The firm of each packed need, as an index into `firmIds`. */
  firmOf: Int32Array;
  firmIds: string[];
  firmCount: number;
  /** Packed indices in need-id order (the inverse of `needs.columns.idRank`). */
  byId: Int32Array;
  /** When the open needs were read (the snapshot's start, by the database's clock). */
  readAt: Date;
  /** Wall milliseconds the read and packing took. */
  loadMs: number;
}

/**
 * Firms read per page: memory holds one page's rows besides the packed columns, and a
 * page is parsed in one go (tens of milliseconds the worker's other jobs wait).
 */
const FIRMS_PER_PAGE = 10_000;
/** Firms packed between turns of the event loop, in which the next page's rows arrive. */
const FIRMS_PER_YIELD = 1_000;

const FINANCIAL_COLUMNS = `year, revenue, cost_of_sales, net_profit, rd_expense, total_assets,
  total_liabilities, invention_patents, accounts_receivable, inventory, accounts_payable,
  prepayments, advances_received, own_working_capital, existing_working_capital_loans, tax_paid,
  employees, rd_staff`;

function readFinancialYear(t: CopyText): FinancialYear {
  return {
    year: t.int(),
    revenue: t.int(),
    costOfSales: t.int(),
    netProfit: t.int(),
    rdExpense: t.int(),
    totalAssets: t.int(),
    totalLiabilities: t.int(),
    inventionPatents: t.int(),
    accountsReceivable: t.int(),
    inventory: t.int(),
    accountsPayable: t.int(),
    prepayments: t.int(),
    advancesReceived: t.int(),
    ownWorkingCapital: t.int(),
    existingWorkingCapitalLoans: t.int(),
    taxPaid: t.int(),
    employees: t.int(),
    rdStaff: t.int(),
  };
}

interface Page {
  firms: Buffer;
  needs: Buffer;
  financials: Buffer;
  chains: Buffer;
  suppliers: Buffer;
}

/** Firms with lo < id ≤ hi (null = unbounded) and what matching reads of them, each ordered by firm. */
async function readPage(client: PoolClient, lo: string | null, hi: string | null): Promise<Page> {
  const range = (column: string) =>
    [
      lo === null ? null : `${column} > ${uuidLiteral(lo)}`,
      hi === null ? null : `${column} <= ${uuidLiteral(hi)}`,
    ]
      .filter(Boolean)
      .join(' AND ') || 'true';
  // One connection, one statement at a time: the page is consecutive reads of one snapshot.
  // The range on both sides lets the join merge two index ranges; with it on firms alone the
  // planner read every organization for each page (129 ms a page at 788k firms, now 12 ms).
  const firms = await copyOut(
    client,
    `SELECT f.id, o.region_code, f.industry_code, f.tier, f.tier_year, f.years_in_niche, f.whitelisted
       FROM firms f JOIN organizations o ON o.id = f.id
      WHERE ${range('f.id')} AND ${range('o.id')} ORDER BY f.id`,
  );
  const needs = await copyOut(
    client,
    `SELECT firm_id, id, amount, term_months, purpose, max_rate_bps, collateral FROM funding_needs
      WHERE status = 'open' AND ${range('firm_id')} ORDER BY firm_id`,
  );
  // Latest first; the rules read the latest two years.
  const financials = await copyOut(
    client,
    `SELECT firm_id, ${FINANCIAL_COLUMNS} FROM financial_years WHERE ${range('firm_id')}
      ORDER BY firm_id, year DESC`,
  );
  const chains = await copyOut(
    client,
    `SELECT firm_id, chain_id FROM chain_members WHERE ${range('firm_id')} ORDER BY firm_id`,
  );
  const suppliers = await copyOut(
    client,
    `SELECT supplier_id, core_firm_id FROM supply_links
      WHERE status = 'confirmed' AND ${range('supplier_id')} ORDER BY supplier_id`,
  );
  return { firms, needs, financials, chains, suppliers };
}

/** Walks a page's five ordered results together, firm by firm, into the packer. */
class PageWalker {
  private readonly needs: CopyText;
  private readonly financials: CopyText;
  private readonly chains: CopyText;
  private readonly suppliers: CopyText;
  private nextNeedFirm: string | null;
  private nextFinancialFirm: string | null;
  private nextChainFirm: string | null;
  private nextSupplierFirm: string | null;

  constructor(page: Page) {
    this.needs = new CopyText(page.needs);
    this.financials = new CopyText(page.financials);
    this.chains = new CopyText(page.chains);
    this.suppliers = new CopyText(page.suppliers);
    this.nextNeedFirm = this.needs.done ? null : this.needs.ascii();
    this.nextFinancialFirm = this.financials.done ? null : this.financials.ascii();
    this.nextChainFirm = this.chains.done ? null : this.chains.ascii();
    this.nextSupplierFirm = this.suppliers.done ? null : this.suppliers.ascii();
  }

  /** The firm's open needs; rows of firms before it (none in one snapshot) are skipped. */
  needsOf(firmId: string): NeedInput[] {
    const out: NeedInput[] = [];
    while (this.nextNeedFirm !== null && this.nextNeedFirm <= firmId) {
      const t = this.needs;
      const need: NeedInput = {
        id: t.ascii(),
        amount: t.int(),
        termMonths: t.int(),
        purpose: t.ascii() as NeedInput['purpose'],
        maxRateBps: t.int(),
        collateral: t.ascii() as NeedInput['collateral'],
        status: 'open',
      };
      if (this.nextNeedFirm === firmId) out.push(need);
      this.nextNeedFirm = t.done ? null : t.ascii();
    }
    return out;
  }

  financialsOf(firmId: string): FinancialYear[] {
    const out: FinancialYear[] = [];
    while (this.nextFinancialFirm !== null && this.nextFinancialFirm <= firmId) {
      const t = this.financials;
      if (this.nextFinancialFirm === firmId && out.length < 2) out.push(readFinancialYear(t));
      else for (let i = 0; i < 18; i++) t.skip();
      this.nextFinancialFirm = t.done ? null : t.ascii();
    }
    return out;
  }

  chainsOf(firmId: string): string[] {
    const out: string[] = [];
    while (this.nextChainFirm !== null && this.nextChainFirm <= firmId) {
      const chain = this.chains.ascii();
      if (this.nextChainFirm === firmId) out.push(chain);
      this.nextChainFirm = this.chains.done ? null : this.chains.ascii();
    }
    return out;
  }

  suppliersOf(firmId: string): string[] {
    const out: string[] = [];
    while (this.nextSupplierFirm !== null && this.nextSupplierFirm <= firmId) {
      const core = this.suppliers.ascii();
      if (this.nextSupplierFirm === firmId) out.push(core);
      this.nextSupplierFirm = this.suppliers.done ? null : this.suppliers.ascii();
    }
    return out;
  }
}

/** The day tiers are judged on (UTC, as effectiveTier reads a Date): a new day may lapse one. */
export const tierDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Reads every open need with its firm in one snapshot and packs them as they stream in,
 * firm page by firm page: memory holds the packed columns and one page, never a million
 * need objects. The result's key is the needs' version (read in the same snapshot) and
 * the day the tiers were judged on.
 */
export async function loadPackedOpenNeeds(
  db: DataSource,
  options: { shared?: boolean; firmsPerPage?: number } = {},
): Promise<PackedOpenNeeds> {
  const firmsPerPage = options.firmsPerPage ?? FIRMS_PER_PAGE;
  const runner = db.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  const started = performance.now();
  const today = new Date();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const version = await needsVersion(runner.manager);
    // The snapshot's own time: a later change carries a later updated_at.
    const [{ readAt }] = (await client.query<{ readAt: Date }>('SELECT now() AS "readAt"')).rows;
    const [{ open }] = (
      await client.query<{ open: number }>(
        `SELECT count(*)::int AS open FROM funding_needs WHERE status = 'open'`,
      )
    ).rows;
    const cuts = (
      await client.query<{ id: string }>(
        `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM firms) f
          WHERE n % $1 = 0 ORDER BY id`,
        [firmsPerPage],
      )
    ).rows.map((r) => r.id);
    const bounds = [null, ...cuts].map((lo, i) => ({ lo, hi: cuts[i] ?? null }));
    const packer = new NeedPacker(open, { shared: options.shared });
    const firmIds: string[] = [];
    const firmOfNeed: number[] = [];
    // The next page is read while this one is packed: Postgres produces it on the other
    // core, and the packing yields now and then so its rows are taken in as they come.
    const read = (b: number) => {
      const page = readPage(client, bounds[b].lo, bounds[b].hi);
      // A failure while packing leaves this read in flight; its own failure is then not the news.
      page.catch(() => undefined);
      return page;
    };
    let next = read(0);
    for (let b = 0; b < bounds.length; b++) {
      const page = await next;
      if (b + 1 < bounds.length) next = read(b + 1);
      const walker = new PageWalker(page);
      const firms = new CopyText(page.firms);
      let packed = 0;
      while (!firms.done) {
        if (++packed % FIRMS_PER_YIELD === 0) await yieldToEventLoop();
        const id = firms.ascii();
        const regionCode = firms.ascii();
        const industryCode = firms.ascii();
        const tier = firms.ascii() as FirmProfile['tier'];
        const tierYear = firms.nullableInt();
        const yearsInNiche = firms.int();
        const whitelisted = firms.bool();
        const needs = walker.needsOf(id);
        const financials = walker.financialsOf(id);
        const chainIds = walker.chainsOf(id);
        const supplierOf = walker.suppliersOf(id);
        if (needs.length === 0) continue;
        const firm: FirmProfile = {
          id,
          regionCode,
          industryCode,
          // A certification past its three years counts as none (the rule is the library's).
          tier: effectiveTier(tier, tierYear, today),
          yearsInNiche,
          chainIds,
          whitelisted,
          supplierOf,
          financials,
        };
        const f = firmIds.push(id) - 1;
        for (const need of needs) {
          packer.add(firm, need);
          firmOfNeed.push(f);
        }
      }
    }
    await client.query('COMMIT');
    const needs = packer.finish();
    // finish() reorders the needs into blocks; the firm column follows the ids.
    const firmOf = new Int32Array(needs.ids.length);
    const byId = new Int32Array(needs.ids.length);
    const rank = needs.columns.idRank;
    for (let n = 0; n < needs.ids.length; n++) {
      firmOf[n] = firmOfNeed[needs.inputIndex[n]];
      byId[rank[n]] = n;
    }
    return {
      key: `${version}/${tierDay(today)}`,
      needs,
      firmOf,
      firmIds,
      firmCount: firmIds.length,
      byId,
      readAt,
      loadMs: performance.now() - started,
    };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await runner.release();
  }
}
