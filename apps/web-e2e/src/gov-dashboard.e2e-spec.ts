import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { DESKTOP, asPhone, expectNoSidewaysScroll, launchBrowser, login, screenshot, withPage } from './support/browser';
import { OUTPUT_DIR } from './support/paths';

// Issue 11, items 1–4, 9 and 12: a provincial agency reads its chains (一链一行) with charts,
// drills into 轨道交通, reads what blocks the needs no product takes, whitelists a firm and
// watches that firm's matches change, and exports the workbook, which must hold the numbers
// the page shows.

const RAIL = '轨道交通';
const FIRM = '湖南华菱线缆股份有限公司';
const WHITELIST_PRODUCT = '善新贷';
/** The worker re-matches the firm, then sums the facts again (at most every 30 s): allow for both. */
const WORKER_TIMEOUT_MS = 90_000;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function openMenu(page: Page, name: string, url: string): Promise<void> {
  await page.getByRole('menuitem', { name }).click();
  await page.waitForURL(url);
}

/** Money as the page writes it in Chinese: 万元 below 1亿, 亿元 from 1亿, at most two decimals. */
function wan(yuan: number): string {
  const [divisor, unit] = yuan >= 100_000_000 ? [100_000_000, '亿元'] : [10_000, '万元'];
  const hundredths = Math.round((yuan * 100) / divisor);
  const whole = Math.floor(hundredths / 100).toLocaleString('en-US');
  const frac = hundredths % 100;
  return `${frac ? `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}` : whole}${unit}`;
}

/** The chains table's row of a chain (or the region's row). */
function chainRow(page: Page, name: string): Locator {
  return page.getByTestId('chains-table').locator('tr.ant-table-row').filter({ hasText: name }).first();
}

describe('government dashboard', () => {
  it('shows the region chain by chain with charts, a chain’s firms and suppliers, and what blocks the rest', async () => {
    await withPage(browser, async (gov) => {
      await login(gov, 'gov@lianrong.demo');
      await gov.waitForURL('**/gov');
      await chainRow(gov, RAIL).waitFor();
      await gov.getByTestId('dashboard-freshness').getByText(/数据时点 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/).waitFor();
      expect(await gov.getByTestId('dashboard-period').innerText()).toMatch(/\d{4}年\d+月 – \d{4}年\d+月/);
      // Four pictures, each drawn on a canvas and named for screen readers.
      for (const chart of [
        '各产业链需求、授信与放款（万元）',
        '月度趋势',
        '各产业链企业梯度构成（家）',
        '银行响应：首次处理用时中位数（工作日）与超时未响应（笔）',
      ]) {
        await gov.locator(`[role="img"][aria-label="${chart}"] canvas`).first().waitFor();
      }
      // The headline figures of the region: credit, drawdowns and first-time borrowers from the demo history.
      expect(await gov.getByTestId('kpi-approved').innerText()).toMatch(/授信\s*[\d,.]+(万元|亿元)\s*\d+ 笔/);
      expect(await gov.getByTestId('kpi-firstTimeBorrowers').innerText()).toMatch(/首贷户\s*[1-9]/);
      expect(await gov.getByTestId('banks-table').innerText()).toContain('中国银行湖南省分行');
      await screenshot(gov, 'gov-dashboard-desktop');

      // A city (市州) narrows the figures; the address bar keeps the filters.
      await gov.getByTestId('filter-city').click();
      await gov.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '株洲市' }).click();
      await gov.waitForURL('**/gov?city=430200');
      // 生物医药 has no member in 株洲: it leaves the table.
      await gov.waitForFunction(() => !document.querySelector('[data-testid="chains-table"]')?.textContent?.includes('生物医药'));
      await chainRow(gov, RAIL).waitFor();
      await gov.getByTestId('filter-reset').click();
      await gov.waitForURL(/\/gov$/);

      await asPhone(gov);
      await chainRow(gov, RAIL).waitFor();
      await expectNoSidewaysScroll(gov);
      await screenshot(gov, 'gov-dashboard-phone');
      await gov.setViewportSize(DESKTOP);

      // 轨道交通: its member firms and how far each got; 中车株洲所's suppliers and their financing.
      await gov.getByTestId(`chain-link-${RAIL}`).click();
      await gov.waitForURL('**/gov/chains/*');
      await gov.getByText(`${RAIL} · 产业链详情`).waitFor();
      const firms = gov.getByTestId('chain-firms');
      const checheng = firms.locator('tr.ant-table-row').filter({ hasText: '株洲车城机车配件股份有限公司' });
      await checheng.waitFor();
      expect(await checheng.getByTestId('firm-stage').innerText()).toMatch(/已放款|已授信|审批中|已匹配产品/);
      const crrc = firms.locator('tr.ant-table-row').filter({ hasText: '中车株洲电力机车研究所有限公司' });
      expect(await crrc.innerText()).toContain('链主');
      const core = gov.getByTestId('core-中车株洲电力机车研究所有限公司');
      await core.getByText('已确认供应商 2 家').waitFor();
      expect(await core.innerText()).toContain('株洲车城机车配件股份有限公司');
      expect(await core.innerText()).toContain(FIRM);
      await gov.locator('[role="img"][aria-label="本链月度趋势"] canvas').waitFor();
      await screenshot(gov, 'gov-chain-rail-desktop');

      // What blocks the needs no product takes, in the matching rules' terms.
      await openMenu(gov, '融资阻碍', '**/gov/blockers');
      // Which demo needs stay blocked depends on what earlier journeys published; the figures
      // themselves are checked against plain SQL in gov-dashboard.integration-spec.
      await gov.getByTestId('blocker-code-list').getByText(/\d+\.\d% /).first().waitFor();
      const codes = await gov.getByTestId('blocker-code-list').innerText();
      expect(codes).toMatch(/\d+\.\d% \S+（\d+）/);
      expect(await gov.getByTestId('one-rule-away').innerText()).toMatch(/差一条规则即可匹配\s*\d/);
      await gov.locator('[role="img"][aria-label="阻碍因素（占无可匹配需求的比例）"] canvas').waitFor();
      await screenshot(gov, 'gov-blockers-desktop');

      await asPhone(gov);
      await gov.getByTestId('blocker-code-list').waitFor();
      await expectNoSidewaysScroll(gov);
      await screenshot(gov, 'gov-blockers-phone');
    });
  });

  it('whitelists a firm and sees its matches change, then exports a workbook with the page’s numbers', async () => {
    await withPage(browser, async (gov) => {
      await login(gov, 'gov@lianrong.demo');
      await gov.waitForURL('**/gov');
      await openMenu(gov, '白名单', '**/gov/whitelist');
      const search = gov.getByLabel('企业', { exact: true });
      await search.click();
      await search.pressSequentially('华菱');
      await gov.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: FIRM }).click();
      await gov.getByLabel('理由').fill('2026年度省级专精特新白名单（第一批）');
      await gov.getByTestId('whitelist-add-submit').click();
      const effect = gov.getByTestId('whitelist-effect');
      await effect.getByText(`已将${FIRM}列入白名单`).waitFor();
      expect(await effect.innerText()).toContain(`新增可申请： ${WHITELIST_PRODUCT}`);
      // The firm's own ranked products gain 善新贷 once the worker has re-matched it.
      await effect.getByTestId('whitelist-effect-matches').click();
      const drawer = gov.getByTestId('firm-matches-drawer');
      await drawer.getByTestId('firm-match').filter({ hasText: WHITELIST_PRODUCT }).waitFor({ timeout: WORKER_TIMEOUT_MS });
      await screenshot(gov, 'gov-dashboard-whitelisted-matches', false);
      await gov.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });

      // Back on the dashboard once the worker has summed the change: the page and the
      // workbook are read from the same build of the figures.
      await gov.goto('/gov');
      const freshness = gov.getByTestId('dashboard-freshness');
      await freshness.getByText('已是最新').waitFor({ timeout: WORKER_TIMEOUT_MS }).catch(async () => {
        await gov.reload();
        await freshness.getByText('已是最新').waitFor({ timeout: WORKER_TIMEOUT_MS });
      });
      let asOf = '';
      let book = new ExcelJS.Workbook();
      let page: Record<string, { approved: string; disbursed: string }> = {};
      for (let attempt = 0; attempt < 3; attempt++) {
        await gov.reload();
        await chainRow(gov, RAIL).waitFor();
        asOf = (await freshness.innerText()).match(/数据时点 (\d{4}-\d{2}-\d{2} \d{2}:\d{2})/)?.[1] ?? '';
        page = {};
        for (const row of await gov.getByTestId('chains-table').locator('tr.ant-table-row').all()) {
          const name = (await row.getByTestId('chain-row-name').innerText()).trim();
          page[name] = {
            approved: (await row.getByTestId('cell-approved').innerText()).replace(/\s+/g, ''),
            disbursed: (await row.getByTestId('cell-disbursed').innerText()).replace(/\s+/g, ''),
          };
        }
        const [download] = await Promise.all([gov.waitForEvent('download'), gov.getByTestId('export-xlsx').click()]);
        expect(download.suggestedFilename()).toMatch(/^产业链融资监测-\d{8}\.xlsx$/);
        const file = path.join(OUTPUT_DIR, 'gov-dashboard-export.xlsx');
        await download.saveAs(file);
        book = new ExcelJS.Workbook();
        await book.xlsx.readFile(file);
        let bookAsOf = '';
        book.getWorksheet('说明')!.eachRow((r) => {
          if (r.getCell(1).value === '数据时点（北京时间）') bookAsOf = String(r.getCell(2).value);
        });
        // A build landed between reading the page and the export: read both again.
        if (bookAsOf === asOf) break;
      }
      expect(book.worksheets.map((s) => s.name)).toEqual(['说明', '产业链', '市州', '融资阻碍', '银行响应', '路演']);
      const sheet = book.getWorksheet('产业链')!;
      const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
      const col = (h: string) => header.indexOf(h) + 1;
      const rows: Record<string, { approved: string; disbursed: string }> = {};
      sheet.eachRow((r, n) => {
        if (n === 1) return;
        const amount = (h: string) => Number(r.getCell(col(h)).value);
        const count = (h: string) => Number(r.getCell(col(h)).value);
        rows[String(r.getCell(1).value)] = {
          approved: `${wan(amount('授信金额（元）'))}(${count('授信笔数')})`,
          disbursed: `${wan(amount('放款金额（元）'))}(${count('放款笔数')})`,
        };
      });
      expect(Object.keys(rows).sort()).toEqual(Object.keys(page).sort());
      expect(rows).toEqual(page);
      expect(rows[RAIL].approved).not.toBe('0万元(0)');
      // The seeded roadshows of the period, with their banks' intents.
      expect(book.getWorksheet('路演')!.rowCount).toBeGreaterThan(1);

      // Back off the list, as the demo had it.
      await gov.goto('/gov/whitelist');
      const listed = gov.getByTestId('whitelist-table').locator('tr.ant-table-row').filter({ hasText: FIRM });
      await listed.getByTestId('whitelist-remove').click();
      await gov.locator('.ant-modal').getByLabel('理由').fill('演示结束，恢复原状');
      await gov.getByTestId('whitelist-remove-submit').click();
      await gov.getByTestId('whitelist-effect').getByText(`已将${FIRM}移出白名单`).waitFor();
    });
  });

  it('a city agency sees only the chains with firms in its city', async () => {
    await withPage(browser, async (city) => {
      await login(city, 'changsha-gov@lianrong.demo');
      await city.waitForURL('**/gov');
      await chainRow(city, '电子信息').waitFor();
      const table = await city.getByTestId('chains-table').innerText();
      expect(table).toContain('生物医药');
      expect(table).not.toContain(RAIL);
      expect(await city.getByText('辖区：长沙市').count()).toBe(1);
      await screenshot(city, 'gov-dashboard-city-desktop');
    });
  });
});
