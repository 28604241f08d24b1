import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { FinancialYear } from '../../src/modules/firms/financial-year.entity';
import { bearer, createTestApp, type Session, type TestApp } from './test-app';

const SHEET = '财务数据';

// supertest buffers JSON and text only; a workbook is read as raw bytes.
function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('firm financials: XLSX template and import', () => {
  let t: TestApp;
  let firm: Session;
  let bank: Session;

  beforeAll(async () => {
    t = await createTestApp();
    firm = await t.login('firm@lianrong.demo');
    bank = await t.login('bank@lianrong.demo');
  });
  afterAll(() => t.close());

  const download = async (): Promise<ExcelJS.Workbook> => {
    const res = await t
      .http()
      .get('/api/v1/firms/me/financials/template.xlsx')
      .set(bearer(firm))
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', /spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as ExcelJS.Buffer);
    return book;
  };
  const bytes = async (book: ExcelJS.Workbook) => Buffer.from(await book.xlsx.writeBuffer());
  const upload = (file: Buffer) =>
    t
      .http()
      .post('/api/v1/firms/me/financials/import')
      .set(bearer(firm))
      .attach('file', file, 'financials.xlsx');
  const rowOf = (sheet: ExcelJS.Worksheet, key: string): number => {
    let found = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).text === key) found = n;
    });
    return found;
  };
  const stored = (year: number) =>
    t.db.getRepository(FinancialYear).findOneBy({ firmId: firm.user.organization.id, year });

  it('round-trips: the template carries the latest years in 万元, and a filled-in year is stored in whole yuan', async () => {
    const before2025 = await stored(2025);
    const book = await download();
    const sheet = book.getWorksheet(SHEET);
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getCell('D1').value).toBe(2024);
    expect(sheet.getCell('E1').value).toBe(2025);
    expect(sheet.getCell(rowOf(sheet, 'revenue'), 3).value).toBe('万元');
    expect(sheet.getCell(rowOf(sheet, 'revenue'), 5).value).toBe(14_630);

    // Column D becomes 2022; 2025 stays pre-filled and must come back unchanged.
    sheet.getCell('D1').value = 2022;
    const figures: Record<string, number> = {
      revenue: 10_123.4567,
      costOfSales: 6_800,
      netProfit: -12.5,
      rdExpense: 650,
      totalAssets: 12_000,
      totalLiabilities: 6_500,
      taxPaid: 420,
      employees: 180,
      rdStaff: 45,
      inventionPatents: 8,
      accountsReceivable: 2_400,
      inventory: 1_400,
      accountsPayable: 1_200,
      prepayments: 130,
      advancesReceived: 300,
      ownWorkingCapital: 900,
      existingWorkingCapitalLoans: 400,
    };
    for (const [key, value] of Object.entries(figures))
      sheet.getCell(rowOf(sheet, key), 4).value = value;

    const res = await upload(await bytes(book)).expect(200);
    expect(res.body.years).toEqual([2022, 2025]);
    expect(res.body.firm.financials.map((f: { year: number }) => f.year)).toEqual(
      expect.arrayContaining([2022, 2025]),
    );
    expect(await stored(2022)).toMatchObject({
      revenue: 101_234_567,
      netProfit: -125_000,
      employees: 180,
      inventionPatents: 8,
      existingWorkingCapitalLoans: 4_000_000,
    });
    expect(await stored(2025)).toEqual(
      before2025 && { ...before2025, updatedAt: expect.any(Date) },
    );
  });

  it('reports each bad cell by sheet, row and column and writes nothing', async () => {
    const book = await download();
    const sheet = book.getWorksheet(SHEET);
    if (!sheet) throw new Error('no sheet');
    sheet.getCell('D1').value = 2021;
    sheet.getCell('E1').value = 2023;
    const revenueRow = rowOf(sheet, 'revenue');
    const inventoryRow = rowOf(sheet, 'inventory');
    const staffRow = rowOf(sheet, 'employees');
    sheet.getCell(revenueRow, 4).value = 'abc';
    sheet.getCell(inventoryRow, 5).value = -3;
    sheet.getCell(staffRow, 5).value = 12.5;

    const res = await upload(await bytes(book)).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        { field: `${SHEET}!D${revenueRow}`, problem: 'must be a number' },
        { field: `${SHEET}!E${inventoryRow}`, problem: 'must not be negative' },
        { field: `${SHEET}!E${staffRow}`, problem: 'must be an integer' },
      ]),
    );
    // The good column (2021) was not written either: one transaction for all years.
    expect(await stored(2021)).toBeNull();
    expect(await stored(2023)).toBeNull();
  });

  it('names the file when there is none or it is not a workbook, and keeps banks out', async () => {
    const none = await t
      .http()
      .post('/api/v1/firms/me/financials/import')
      .set(bearer(firm))
      .expect(400);
    expect(none.body.details).toEqual([{ field: 'file', problem: 'an .xlsx file is required' }]);
    const junk = await t
      .http()
      .post('/api/v1/firms/me/financials/import')
      .set(bearer(firm))
      .attach('file', Buffer.from('not a workbook'), 'x.xlsx')
      .expect(400);
    expect(junk.body.details).toEqual([
      { field: 'file', problem: 'is not a readable .xlsx workbook' },
    ]);
    await t.http().get('/api/v1/firms/me/financials/template.xlsx').set(bearer(bank)).expect(403);
  });
});
