import { type FinancialYearDto } from './dtos/firm.dto';

// The layout of the financials workbook, shared by the template and the import so the
// two cannot drift: one sheet, a row per field (key, Chinese label, unit), a column per
// fiscal year. Keys in column A make the rows findable even if a user reorders them.

export type FinancialField = keyof FinancialYearDto;

export interface SheetField {
  key: FinancialField;
  label: string;
  /** 万元 cells are converted to whole yuan; 人 and 件 are whole counts. */
  unit: '万元' | '人' | '件';
}

export const SHEET_NAME = '财务数据';
export const HEADER_ROW = 1;
export const FIRST_FIELD_ROW = 2;
/** Columns A–C hold key, label and unit; years start in D. */
export const FIRST_YEAR_COLUMN = 4;
export const MAX_UPLOAD_BYTES = 1024 * 1024;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const SHEET_FIELDS: readonly SheetField[] = [
  { key: 'revenue', label: '营业收入', unit: '万元' },
  { key: 'costOfSales', label: '营业成本', unit: '万元' },
  { key: 'netProfit', label: '净利润', unit: '万元' },
  { key: 'rdExpense', label: '研发费用', unit: '万元' },
  { key: 'totalAssets', label: '资产总额', unit: '万元' },
  { key: 'totalLiabilities', label: '负债总额', unit: '万元' },
  { key: 'taxPaid', label: '纳税总额', unit: '万元' },
  { key: 'employees', label: '职工人数', unit: '人' },
  { key: 'rdStaff', label: '研发人员', unit: '人' },
  { key: 'inventionPatents', label: '发明专利', unit: '件' },
  { key: 'accountsReceivable', label: '应收账款', unit: '万元' },
  { key: 'inventory', label: '存货', unit: '万元' },
  { key: 'accountsPayable', label: '应付账款', unit: '万元' },
  { key: 'prepayments', label: '预付账款', unit: '万元' },
  { key: 'advancesReceived', label: '预收账款', unit: '万元' },
  { key: 'ownWorkingCapital', label: '自有营运资金', unit: '万元' },
  { key: 'existingWorkingCapitalLoans', label: '现有流动资金贷款', unit: '万元' },
];

export const SHEET_NOTES = [
  '填写说明 / How to fill in:',
  '每列一个会计年度，第 1 行填年份（如 2025）；整列留空的年份不导入。One column per fiscal year, the year in row 1; an empty column is skipped.',
  '金额单位为万元，最多 4 位小数（精确到元）；人数、专利数为整数。Money in 万元 (10,000 yuan), at most 4 decimals; headcounts and patents are whole numbers.',
  '净利润、自有营运资金可为负数，其余不得为负。Only net profit and own working capital may be negative.',
  '任一单元格有误则整份文件都不导入。If any cell is wrong, nothing is imported.',
];

/** Column letters for a 1-based index (1 → A, 27 → AA), for cell addresses in errors. */
export function columnLetter(index: number): string {
  let n = index;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * 万元 as a spreadsheet number → whole yuan, shifting the decimal point in the number's
 * shortest decimal text rather than multiplying (no float money); null when the value has
 * more than four decimals, i.e. is not a whole number of yuan.
 */
export function wanToYuanExact(wan: number): number | null {
  if (!Number.isFinite(wan)) return null;
  const text = Math.abs(wan).toString();
  if (/e/i.test(text)) return Number.isInteger(wan) ? wan * 10_000 : null;
  const [whole, frac = ''] = text.split('.');
  if (frac.length > 4) return null;
  const magnitude = Number(`${whole}${frac.padEnd(4, '0')}`);
  return wan < 0 && magnitude !== 0 ? -magnitude : magnitude;
}

/** Whole yuan → 万元 for the template's pre-filled cells (exact for any whole-yuan amount below 2^53). */
export function yuanToWan(yuan: number): number {
  return yuan / 10_000;
}
