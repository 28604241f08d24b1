import { PassThrough } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { type Actor } from '../../common/auth/actor';
import { type RoadshowDetail, RoadshowsService } from '../roadshows/roadshows.service';
import { DashboardService, type FilterInput } from './dashboard.service';
import { type DashboardFilters, type DashboardOverview } from './dashboard.types';
import { type ExportTable } from './dtos/dashboard.query';
import { type Cell, type Table, aboutRows, csvCell, dashboardTables } from './export-tables';

/**
 * The dashboard as a workbook (a sheet per table of the page, and one saying what the
 * figures mean, for which region, period and filters, as of when) or as one CSV table.
 * The figures are the page's own answers, so the file and the page agree number for number.
 */
@Injectable()
export class DashboardExportService {
  private readonly logger = new Logger(DashboardExportService.name);

  constructor(
    private readonly dashboard: DashboardService,
    private readonly roadshows: RoadshowsService,
  ) {}

  /** Every table, read before the first byte is written: a refusal stays a JSON error. */
  private async tables(actor: Actor, input: FilterInput, now: Date) {
    const overview = await this.dashboard.overview(actor, { ...input, chain: undefined }, now);
    const blockers = await this.dashboard.blockers(
      actor,
      { chain: input.chain, tier: input.tier, city: input.city },
      now,
    );
    const banks = await this.dashboard.banks(actor, input, now);
    const roadshows = await this.roadshowDetails(actor, overview.filters, input.chain);
    const tables = dashboardTables({ overview, blockers, banks, roadshows, chainId: input.chain });
    return { overview, tables };
  }

  /** Roadshows of the agency's region in the period (and chain), with their banks. */
  private async roadshowDetails(
    actor: Actor,
    filters: DashboardFilters,
    chainId?: string,
  ): Promise<RoadshowDetail[]> {
    const { items } = await this.roadshows.list(actor);
    const chosen = items.filter(
      (r) =>
        r.month >= filters.period.from &&
        r.month <= filters.period.to &&
        (!chainId || r.chain.id === chainId),
    );
    const details: RoadshowDetail[] = [];
    for (const r of chosen) details.push(await this.roadshows.detail(actor, r.id));
    return details;
  }

  async xlsx(actor: Actor, input: FilterInput, now = new Date()): Promise<PassThrough> {
    const { overview, tables } = await this.tables(actor, input, now);
    const out = new PassThrough();
    void this.writeBook(out, overview, tables).catch((err: unknown) => {
      this.logger.error(err);
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    });
    return out;
  }

  async csv(
    actor: Actor,
    input: FilterInput,
    table: ExportTable,
    now = new Date(),
  ): Promise<string> {
    const { tables } = await this.tables(actor, input, now);
    const t = tables[table];
    const line = (cells: Cell[]) => cells.map(csvCell).join(',');
    // The byte-order mark makes Excel read the Chinese headers as UTF-8.
    return `\uFEFF${[line(t.columns.map((c) => c.header)), ...t.cells.map(line)].join('\r\n')}\r\n`;
  }

  private async writeBook(
    out: PassThrough,
    overview: DashboardOverview,
    tables: Record<ExportTable, Table>,
  ): Promise<void> {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    book.creator = 'Lianrong 链融';
    const about = book.addWorksheet('说明');
    about.columns = [
      { key: 'k', width: 22 },
      { key: 'v', width: 80 },
    ];
    for (const [k, v] of aboutRows(overview.region, overview.filters, overview.freshness))
      about.addRow([k, v]).commit();
    about.commit();
    for (const t of Object.values(tables)) {
      const sheet = book.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = t.columns.map((c, i) => ({
        key: String(i),
        header: c.header,
        width: c.width,
        style: c.numFmt ? { numFmt: c.numFmt } : {},
      }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
      for (const cells of t.cells) sheet.addRow(cells).commit();
      sheet.commit();
    }
    await book.commit();
  }
}
