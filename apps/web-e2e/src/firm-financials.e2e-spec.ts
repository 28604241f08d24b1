import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  PHONE,
  asPhone,
  expectNoSidewaysScroll,
  launchBrowser,
  login,
  screenshot,
  withPage,
} from './support/browser';

// Issue 9, items 3 and 4: the demo firm (博匠信息) enters a fiscal year in 万元 and sees
// the ratios move as it types, fills in the downloaded XLSX template and uploads it (a
// bad cell first, which is named and writes nothing), then reads the suggested
// working-capital line step by step — on a desktop and on a 375 px phone.

const SHEET = '财务数据';
let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(path.join(tmpdir(), 'lianrong-financials-'));
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Full-page shots of a scrolled page draw the sticky header mid-page; start from the top. */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

async function toastGone(page: Page): Promise<void> {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
}

async function pickOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

const rowOf = (sheet: ExcelJS.Worksheet, key: string): number => {
  let found = 0;
  sheet.eachRow((row, n) => {
    if (row.getCell(1).text === key) found = n;
  });
  return found;
};

// 2022 in 万元, as a CFO would copy it from the annual report.
const FIGURES_2022: Record<string, number> = {
  revenue: 10_800.5,
  costOfSales: 7_100,
  netProfit: 640,
  rdExpense: 700,
  totalAssets: 13_500,
  totalLiabilities: 7_600,
  taxPaid: 480,
  employees: 186,
  rdStaff: 47,
  inventionPatents: 10,
  accountsReceivable: 2_600,
  inventory: 1_500,
  accountsPayable: 1_280,
  prepayments: 140,
  advancesReceived: 320,
  ownWorkingCapital: 970,
  existingWorkingCapitalLoans: 430,
};

describe('firm financials and the suggested credit line', () => {
  it('enters a year with live ratios, imports the filled-in template, and reads the estimate step by step', async () => {
    await withPage(browser, async (page) => {
      await login(page, 'firm@lianrong.demo');
      await page.waitForURL('**/firm');
      await page.getByRole('menuitem', { name: '财务数据' }).click();
      await page.waitForURL('**/firm/financials');

      // A year not reported yet: the form starts empty and the ratios follow the typing.
      await pickOption(page, '会计年度', '2023 年');
      const ratios = page.getByTestId('live-ratios');
      const type = async (label: string, value: string) => {
        await page.getByLabel(label, { exact: true }).fill(value);
      };
      await type('营业收入', '12000');
      await type('研发费用', '780');
      await ratios.getByText('6.5%').waitFor();
      await type('资产总额', '15000');
      await type('负债总额', '8250');
      await ratios.getByText('55.0%').waitFor();
      await type('净利润', '900');
      await ratios.getByText('7.5%').waitFor();
      // A field left out is named beside it, not only in a banner.
      await page.getByTestId('financials-save').click();
      await page.getByText('请填写').first().waitFor();
      await shot(page, 'firm-financials-errors-desktop');
      for (const [label, value] of [
        ['营业成本', '7900'],
        ['纳税总额', '520'],
        ['应收账款', '2800'],
        ['存货', '1650'],
        ['应付账款', '1400'],
        ['预付账款', '150'],
        ['预收账款', '360'],
        ['自有营运资金', '1100'],
        ['现有流动资金贷款', '500'],
        ['职工人数', '196'],
        ['研发人员', '50'],
        ['发明专利', '11'],
      ])
        await type(label, value);
      // What only the API refuses (beyond 10^15 yuan) comes back beside its field too.
      await type('营业收入', '200000000000');
      await page.getByTestId('financials-save').click();
      await page
        .locator('.ant-form-item-explain-error')
        .filter({ hasText: 'must not exceed' })
        .waitFor();
      await type('营业收入', '12000');
      await page.getByTestId('financials-save').click();
      await page.getByText('2023 年财务数据已保存').waitFor();
      await toastGone(page);
      await shot(page, 'firm-financials-desktop');

      // The template, downloaded as the user would, filled in by the test.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('template-download').click(),
      ]);
      const templateFile = path.join(dir, 'template.xlsx');
      await download.saveAs(templateFile);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(templateFile);
      const sheet = book.getWorksheet(SHEET);
      if (!sheet) throw new Error(`the template has no ${SHEET} sheet`);
      expect(sheet.getCell('E1').value).toBe(2025);
      sheet.getCell('D1').value = 2022;
      for (const [key, value] of Object.entries(FIGURES_2022))
        sheet.getCell(rowOf(sheet, key), 4).value = value;

      // One bad cell: the file is refused whole and the cell is named.
      const badRow = rowOf(sheet, 'inventory');
      sheet.getCell(badRow, 4).value = '一千五';
      const badFile = path.join(dir, 'bad.xlsx');
      await book.xlsx.writeFile(badFile);
      const fileInput = page.locator('input[type="file"]');
      await fileInput.setInputFiles(badFile);
      await page.getByTestId('import-errors').getByText(`${SHEET}!D${badRow}`).waitFor();
      await shot(page, 'firm-financials-import-errors-desktop');

      sheet.getCell(badRow, 4).value = FIGURES_2022.inventory;
      const goodFile = path.join(dir, 'good.xlsx');
      await book.xlsx.writeFile(goodFile);
      await fileInput.setInputFiles(goodFile);
      await page.getByText('已导入 2022、2025 年财务数据').waitFor();
      await toastGone(page);
      // The page moves to the newest imported year; 2022 is now offered as reported.
      await pickOption(page, '会计年度', '2022 年');
      await expect(page.getByLabel('营业收入', { exact: true }).inputValue()).resolves.toMatch(
        /^10,?800\.5$/,
      );

      // The suggested line: the latest year (2025), growth defaulting to last year's.
      await page.getByRole('menuitem', { name: '授信测算' }).click();
      await page.waitForURL('**/firm/credit-line');
      const steps = page.getByTestId('estimate-steps');
      await steps.getByText('一、营运资金周转次数').waitFor();
      await steps.getByText('三、新增流动资金贷款额度').waitFor();
      await page.getByText('默认取上年实际增长率').waitFor();
      const firstLine = await page.getByTestId('estimate-new-line').innerText();
      expect(firstLine).toMatch(/万元/);
      await page
        .getByRole('img', { name: '营运资金量、扣减项与新增额度（万元）' })
        .locator('canvas')
        .waitFor();
      await shot(page, 'firm-credit-line-desktop');

      // A higher expected growth asks for more working capital.
      await page.getByTestId('estimate-growth').fill('40');
      await page.getByTestId('estimate-growth').press('Tab');
      await page.getByTestId('estimate-new-line').filter({ hasNotText: firstLine }).waitFor();
    });
  });

  it('fits a 375 px phone without sideways scrolling', async () => {
    await withPage(browser, async (page) => {
      await login(page, 'firm@lianrong.demo');
      await page.waitForURL('**/firm');
      await asPhone(page);
      expect(page.viewportSize()).toEqual(PHONE);
      // The reload trades the refresh token; navigating before it lands would present the
      // old token again, which the API treats as theft.
      await page.getByTestId('firm-name').waitFor();
      await page.goto('/firm/financials');
      await page.getByTestId('live-ratios').waitFor();
      await expectNoSidewaysScroll(page);
      await shot(page, 'firm-financials-phone');
      await page.goto('/firm/credit-line');
      await page.getByTestId('estimate-steps').waitFor();
      await expectNoSidewaysScroll(page);
      await shot(page, 'firm-credit-line-phone');
    });
  });
});
