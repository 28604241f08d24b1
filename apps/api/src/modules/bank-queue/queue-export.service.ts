import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { type Actor } from '../../common/auth/actor';
import { BankQueueService, type QueueItem } from './bank-queue.service';
import { type BankQueueFilterQuery } from './dtos/bank-queue.query';
import { COLLATERAL_WORDS, PURPOSE_WORDS, STATUS_WORDS, TIER_WORDS } from './export-labels';
import { beijingClock } from '../../common/china-time';

/** Rows read per keyset page while writing: memory holds one page, however long the queue. */
export const EXPORT_PAGE_ROWS = 500;

export const EXPORT_SHEET = '待办队列';

/**
 * Excel has no time zones: a date cell shows the clock time it holds. Shifted by eight
 * hours, it shows Beijing time, which the header says.
 */
const beijing = (at: Date | null) => (at ? beijingClock(at) : null);

interface Column {
  header: string;
  width: number;
  numFmt?: string;
  value: (item: QueueItem) => ExcelJS.CellValue;
}

// Money is whole yuan as numbers (a bank sums and filters them in Excel), not 万元 text.
export const EXPORT_COLUMNS: readonly Column[] = [
  { header: '企业名称', width: 32, value: (i) => i.firm.name },
  { header: '统一社会信用代码', width: 22, value: (i) => i.firm.uscc },
  { header: '梯度', width: 18, value: (i) => TIER_WORDS[i.firm.tier] },
  { header: '地区代码', width: 10, value: (i) => i.firm.regionCode },
  {
    header: '产业链',
    width: 20,
    value: (i) => i.firm.chains.map((c) => c.name).join('、') || null,
  },
  { header: '白名单', width: 8, value: (i) => (i.firm.whitelisted ? '是' : '否') },
  { header: '贷款产品', width: 20, value: (i) => i.product.name },
  { header: '需求金额（元）', width: 16, numFmt: '#,##0', value: (i) => i.need.amount },
  { header: '期限（月）', width: 10, value: (i) => i.need.termMonths },
  { header: '资金用途', width: 12, value: (i) => PURPOSE_WORDS[i.need.purpose] },
  { header: '担保方式', width: 14, value: (i) => COLLATERAL_WORDS[i.need.collateral] },
  {
    header: '建议流动资金贷款额度（元）',
    width: 20,
    numFmt: '#,##0',
    value: (i) => i.suggestedLine ?? null,
  },
  { header: '匹配分', width: 8, numFmt: '0.0', value: (i) => i.score },
  { header: '状态', width: 12, value: (i) => STATUS_WORDS[i.status] },
  {
    header: '申请时间（北京时间）',
    width: 18,
    numFmt: 'yyyy-mm-dd hh:mm',
    value: (i) => beijing(i.appliedAt),
  },
  { header: '已等待工作日', width: 12, value: (i) => i.waitingWorkingDays },
  { header: '是否逾期', width: 10, value: (i) => (i.overdue ? '是' : '否') },
  { header: '授信金额（元）', width: 16, numFmt: '#,##0', value: (i) => i.approvedAmount },
  {
    header: '授信利率（%）',
    width: 12,
    numFmt: '0.00',
    value: (i) => bpsPercent(i.approvedRateBps),
  },
  { header: '授信期限（月）', width: 12, value: (i) => i.approvedTermMonths },
  { header: '累计放款（元）', width: 16, numFmt: '#,##0', value: (i) => i.disbursedAmount },
  { header: '匹配编号', width: 38, value: (i) => i.id },
];

function bpsPercent(bps: number | null): number | null {
  return bps === null ? null : bps / 100;
}

/**
 * The queue under the officer's filters as a workbook, streamed: rows are read a keyset
 * page at a time and committed to ExcelJS's streaming writer, which zips them out as it
 * goes, so neither the rows nor the file are ever held whole.
 */
@Injectable()
export class QueueExportService {
  private readonly logger = new Logger(QueueExportService.name);

  constructor(private readonly queue: BankQueueService) {}

  /**
   * Reads the first page before answering, so a failure there is an ordinary error answer;
   * afterwards the file is written into the returned stream.
   */
  async open(actor: Actor, query: BankQueueFilterQuery): Promise<PassThrough> {
    const pages = this.queue.allRows(actor, query, EXPORT_PAGE_ROWS);
    const first = await pages.next();
    const out = new PassThrough();
    void this.write(out, first.done ? [] : first.value, pages).catch((err: unknown) => {
      this.logger.error(err);
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    });
    return out;
  }

  private async write(
    out: PassThrough,
    first: QueueItem[],
    rest: AsyncGenerator<QueueItem[]>,
  ): Promise<void> {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    book.creator = 'Lianrong 链融';
    const sheet = book.addWorksheet(EXPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = EXPORT_COLUMNS.map((c, i) => ({
      key: String(i),
      header: c.header,
      width: c.width,
      style: c.numFmt ? { numFmt: c.numFmt } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    const writePage = async (items: QueueItem[]) => {
      for (const item of items) sheet.addRow(EXPORT_COLUMNS.map((c) => c.value(item))).commit();
      // A slow reader fills the stream: wait for it instead of piling pages up in memory.
      // (A closed stream never drains, so its close ends the wait too.)
      if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
    };
    await writePage(first);
    for await (const page of rest) {
      // The client went away (the response closed the stream): stop reading pages.
      if (out.destroyed) return;
      await writePage(page);
    }
    sheet.commit();
    await book.commit();
  }
}
