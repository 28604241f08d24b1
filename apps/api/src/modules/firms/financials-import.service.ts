import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { type Actor } from '../../common/auth/actor';
import { ApiException, type ErrorDetail } from '../../common/http/api-error';
import { AuditService } from '../audit/audit.service';
import { OutboxService } from '../../outbox/outbox.service';
import { FinancialYearDto } from './dtos/firm.dto';
import {
  FIRST_FIELD_ROW,
  FIRST_YEAR_COLUMN,
  HEADER_ROW,
  SHEET_FIELDS,
  SHEET_NAME,
  SHEET_NOTES,
  type FinancialField,
  columnLetter,
  wanToYuanExact,
  yuanToWan,
} from './financials-sheet';
import { FinancialYear } from './financial-year.entity';
import { FirmsService, type FirmView } from './firms.service';

export interface FinancialsImportView {
  /** The fiscal years written, ascending. */
  years: number[];
  firm: FirmView;
}

/** More than this many bad cells are summarised: the first ones are enough to fix the file. */
const MAX_DETAILS = 50;

type CellValue = ExcelJS.CellValue;

// A cell as a number: plain numbers, numeric text ("1,234.5") and a formula's cached result.
function cellNumber(value: CellValue): number | 'blank' | 'bad' {
  if (value === null || value === undefined) return 'blank';
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const text = value.trim().replace(/,/g, '');
    if (text === '') return 'blank';
    return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : 'bad';
  }
  if (typeof value === 'object' && 'result' in value) {
    const result = value.result;
    return typeof result === 'number' ? result : 'bad';
  }
  return 'bad';
}

@Injectable()
export class FinancialsImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly firms: FirmsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** The workbook to fill in: the firm's two latest years pre-filled, or last year and the one before empty. */
  async template(actor: Actor): Promise<Buffer> {
    const years = await this.db
      .getRepository(FinancialYear)
      .find({ where: { firmId: actor.orgId }, order: { year: 'DESC' }, take: 2 });
    const columns: (FinancialYear | number)[] =
      years.length > 0
        ? [...years].reverse()
        : [new Date().getFullYear() - 2, new Date().getFullYear() - 1];

    const book = new ExcelJS.Workbook();
    book.creator = 'Lianrong 链融';
    const sheet = book.addWorksheet(SHEET_NAME);
    sheet.getRow(HEADER_ROW).values = [
      'field',
      '项目',
      '单位',
      ...columns.map((c) => (typeof c === 'number' ? c : c.year)),
    ];
    sheet.getRow(HEADER_ROW).font = { bold: true };
    SHEET_FIELDS.forEach((field, i) => {
      const row = sheet.getRow(FIRST_FIELD_ROW + i);
      row.values = [
        field.key,
        field.label,
        field.unit,
        ...columns.map((c) => {
          if (typeof c === 'number') return null;
          const value = c[field.key];
          return field.unit === '万元' ? yuanToWan(value) : value;
        }),
      ];
    });
    const notesRow = FIRST_FIELD_ROW + SHEET_FIELDS.length + 1;
    SHEET_NOTES.forEach((note, i) => {
      sheet.getCell(notesRow + i, 1).value = note;
    });
    sheet.getColumn(1).width = 28;
    sheet.getColumn(2).width = 18;
    sheet.getColumn(3).width = 8;
    for (let c = FIRST_YEAR_COLUMN; c < FIRST_YEAR_COLUMN + columns.length + 3; c += 1) {
      sheet.getColumn(c).width = 14;
      sheet.getColumn(c).numFmt = '#,##0.####';
    }
    sheet.views = [{ state: 'frozen', xSplit: 3, ySplit: 1 }];
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  /** Every year column of the upload, all or nothing: a bad cell anywhere writes no year. */
  async import(actor: Actor, file: Buffer | undefined): Promise<FinancialsImportView> {
    if (file === undefined || file.length === 0)
      throw new ApiException(HttpStatus.BAD_REQUEST, 'file: an .xlsx file is required', [
        { field: 'file', problem: 'an .xlsx file is required' },
      ]);
    const book = new ExcelJS.Workbook();
    try {
      // exceljs types its input as its own Buffer alias; Node's Buffer is what it reads.
      await book.xlsx.load(file as unknown as ExcelJS.Buffer);
    } catch {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'file: not a readable .xlsx workbook', [
        { field: 'file', problem: 'is not a readable .xlsx workbook' },
      ]);
    }
    const sheet = book.getWorksheet(SHEET_NAME) ?? book.worksheets[0];
    if (sheet === undefined)
      throw new ApiException(HttpStatus.BAD_REQUEST, 'file: the workbook has no sheet', [
        { field: 'file', problem: 'has no sheet' },
      ]);
    const { years, details } = this.parse(sheet);
    if (details.length > 0) {
      const shown = details.slice(0, MAX_DETAILS);
      throw new ApiException(
        HttpStatus.BAD_REQUEST,
        `${details.length} bad cell(s), nothing was imported: ${shown
          .slice(0, 3)
          .map((d) => `${d.field} ${d.problem}`)
          .join('; ')}`,
        shown,
      );
    }
    return this.db.transaction(async (em) => {
      for (const [year, dto] of years)
        await em.upsert(FinancialYear, { firmId: actor.orgId, year, ...dto }, ['firmId', 'year']);
      await this.outbox.record(em, 'firm.changed', actor.orgId);
      await this.audit.record(
        em,
        this.audit.auditActor(actor),
        'firm',
        actor.orgId,
        'firm.financials.import',
        { data: { years: [...years.keys()] } },
      );
      return { years: [...years.keys()], firm: await this.firms.view(actor.orgId, em) };
    });
  }

  private parse(sheet: ExcelJS.Worksheet): {
    years: Map<number, FinancialYearDto>;
    details: ErrorDetail[];
  } {
    const details: ErrorDetail[] = [];
    const at = (row: number, col: number) => `${sheet.name}!${columnLetter(col)}${row}`;

    // Which row holds which field, by the key in column A.
    const rowOf = new Map<FinancialField, number>();
    sheet.eachRow((row, rowNumber) => {
      const key = row.getCell(1).text.trim();
      if (SHEET_FIELDS.some((f) => f.key === key)) rowOf.set(key as FinancialField, rowNumber);
    });
    for (const field of SHEET_FIELDS)
      if (!rowOf.has(field.key))
        details.push({ field: `${sheet.name}!A`, problem: `has no row for ${field.key}` });

    const years = new Map<number, FinancialYearDto>();
    const lastColumn = Math.max(sheet.columnCount, FIRST_YEAR_COLUMN);
    for (let col = FIRST_YEAR_COLUMN; col <= lastColumn; col += 1) {
      const cells = SHEET_FIELDS.map((field) => {
        const row = rowOf.get(field.key);
        return { field, row, value: row === undefined ? null : sheet.getCell(row, col).value };
      });
      const header = cellNumber(sheet.getCell(HEADER_ROW, col).value);
      if (header === 'blank' && cells.every((c) => cellNumber(c.value) === 'blank')) continue;
      if (
        typeof header !== 'number' ||
        !Number.isInteger(header) ||
        header < 1990 ||
        header > 2100
      ) {
        details.push({
          field: at(HEADER_ROW, col),
          problem: 'must be a year between 1990 and 2100',
        });
        continue;
      }
      if (years.has(header)) {
        details.push({ field: at(HEADER_ROW, col), problem: `repeats the year ${header}` });
        continue;
      }
      const raw: Record<string, number> = {};
      const cellOf = new Map<string, string>();
      for (const { field, row, value } of cells) {
        if (row === undefined) continue;
        const where = at(row, col);
        cellOf.set(field.key, where);
        const n = cellNumber(value);
        if (n === 'blank') {
          details.push({ field: where, problem: 'is required' });
          continue;
        }
        if (n === 'bad') {
          details.push({ field: where, problem: 'must be a number' });
          continue;
        }
        if (field.unit === '万元') {
          const yuan = wanToYuanExact(n);
          if (yuan === null) {
            details.push({ field: where, problem: 'must be 万元 with at most 4 decimals' });
            continue;
          }
          raw[field.key] = yuan;
        } else raw[field.key] = n;
      }
      // The API's own rules for one year (whole, non-negative, in range), reported per cell.
      const dto = plainToInstance(FinancialYearDto, raw);
      const errors = validateSync(dto, { skipMissingProperties: true });
      for (const error of errors) {
        const where = cellOf.get(error.property) ?? at(HEADER_ROW, col);
        const field = SHEET_FIELDS.find((f) => f.key === error.property);
        const problem = Object.values(error.constraints ?? {})[0] ?? 'is invalid';
        details.push({
          field: where,
          problem:
            field?.unit === '万元'
              ? problem.replace('a whole number of yuan (integer)', 'a number')
              : problem,
        });
      }
      if (
        errors.length === 0 &&
        raw.rdStaff !== undefined &&
        raw.employees !== undefined &&
        raw.rdStaff > raw.employees
      )
        details.push({
          field: cellOf.get('rdStaff') ?? at(HEADER_ROW, col),
          problem: 'must not exceed employees',
        });
      years.set(header, dto);
    }
    if (details.length === 0 && years.size === 0)
      details.push({
        field: at(HEADER_ROW, FIRST_YEAR_COLUMN),
        problem: 'no year column with figures',
      });
    return { years: new Map([...years].sort(([a], [b]) => a - b)), details };
  }
}
