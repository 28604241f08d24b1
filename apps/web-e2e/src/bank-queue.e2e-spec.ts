import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, asPhone, expectNoSidewaysScroll, launchBrowser, login, screenshot, withPage } from './support/browser';
import { OUTPUT_DIR } from './support/paths';
import { e2eDatabaseUrl } from './support/stack';

// Issue 10, items 3, 4 and 9: the demo officer (中国银行湖南省分行) opens the review queue
// across the bank's products, narrows it with filters and status tabs, reads a firm as the
// reviewer sees it, and downloads the queue as Excel — against the real API, worker and
// Postgres. The demo history holds an application unanswered for two weeks (星邦 at
// 小巨人贷); one of the worker's matches is turned into a fresh application first.

const OVERDUE_FIRM = '湖南星邦智能装备股份有限公司';
const OVERDUE_PRODUCT = '小巨人贷';
// Paused products of the demo bank whose low-ranked rows push the queue past one page (30 rows).
const PAGING_PRODUCT = '队列分页测试贷';
const FRESH_FIRM = '湖南博匠信息科技有限公司';
const PRODUCT = '创新贷';
const WORKER_TIMEOUT_MS = 60_000;

let browser: Browser;
let db: Client;
let applied: string[] = [];
let pagingProducts: string[] = [];

/** The demo bank's matches with one of its products, once the worker has ranked them. */
async function bankMatch(firm: string, product: string): Promise<string> {
  const deadline = Date.now() + WORKER_TIMEOUT_MS;
  for (;;) {
    const { rows } = await db.query<{ id: string }>(
      `SELECT m.id FROM matches m JOIN organizations o ON o.id = m.firm_id JOIN loan_products p ON p.id = m.product_id
        WHERE o.name = $1 AND p.name = $2 AND p.bank_id = (SELECT organization_id FROM users WHERE email = 'bank@lianrong.demo')
          AND m.in_product_top`,
      [firm, product],
    );
    if (rows[0]) return rows[0].id;
    if (Date.now() > deadline) throw new Error(`the worker ranked no ${firm} × ${product} within ${WORKER_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  db = new Client({ connectionString: e2eDatabaseUrl() });
  await db.connect();
  // The overdue application is seeded history: a worked match, in the queue whatever the views hold.
  const fresh = await bankMatch(FRESH_FIRM, PRODUCT);
  await db.query(`UPDATE matches SET status = 'applied', applied_at = now() - interval '2 hours' WHERE id = $1`, [fresh]);
  applied = [fresh];
  // Four more products, each ranking every demo need low: more rows than a page holds.
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO loan_products (bank_id, name, kind, status, amount_min, amount_max, term_min, term_max, rate_min_bps, rate_max_bps)
     SELECT u.organization_id, $1 || g, 'credit', 'paused', 100000, 50000000, 1, 60, 300, 900
       FROM users u, generate_series(1, 4) g WHERE u.email = 'bank@lianrong.demo' RETURNING id`,
    [PAGING_PRODUCT],
  );
  pagingProducts = rows.map((r) => r.id);
  await db.query(
    `INSERT INTO matches (need_id, product_id, firm_id, bank_id, score, engine_version, in_product_top)
     SELECT n.id, p.id, n.firm_id, p.bank_id, 20 + (row_number() OVER (ORDER BY n.id, p.id)) % 10, 'e2e', true
       FROM funding_needs n, loan_products p WHERE p.id = ANY($1::uuid[])`,
    [pagingProducts],
  );
});

afterAll(async () => {
  // Back to what the worker wrote, for the specs that run after this one.
  if (applied.length)
    await db.query(`UPDATE matches SET status = 'suggested', applied_at = NULL WHERE id = ANY($1::uuid[])`, [applied]);
  if (pagingProducts.length) await db.query(`DELETE FROM loan_products WHERE id = ANY($1::uuid[])`, [pagingProducts]);
  await db?.end();
  await browser?.close();
});

const rows = (page: Page) => page.getByTestId('queue-table').locator('tr.ant-table-row');
const row = (page: Page, firm: string) =>
  rows(page)
    .filter({ hasText: firm })
    .filter({ hasText: firm === OVERDUE_FIRM ? OVERDUE_PRODUCT : PRODUCT });

/** Waits for the table to settle on the answer of the request a filter change sends. */
async function afterQuery(page: Page, change: () => Promise<void>): Promise<URL> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/bank/matches' && r.status() === 200),
    change(),
  ]);
  // The page keeps the previous rows until the new ones are in: wait for it to finish.
  await page.locator('[data-testid="queue-rows"][data-fetching="false"]').waitFor();
  return new URL(response.url());
}

async function pickOption(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
  await page.keyboard.press('Escape');
}

describe('the officer works the review queue', () => {
  it('filters the queue, opens a firm, and downloads the queue as Excel', async () => {
    await withPage(browser, async (page) => {
      await login(page, 'bank@lianrong.demo');
      await page.waitForURL('**/bank');
      await afterQuery(page, () => page.getByRole('menuitem', { name: '待办队列' }).click());
      await page.waitForURL('**/bank/queue');
      await row(page, OVERDUE_FIRM).waitFor();

      // The overdue application is flagged red with its working days; the fresh one is not.
      const overdueRow = row(page, OVERDUE_FIRM);
      await overdueRow.getByTestId('row-overdue').waitFor();
      expect(await overdueRow.innerText()).toMatch(/已等待 \d+ 个工作日/);
      expect(await overdueRow.innerText()).toContain('申请 5,000万元');
      expect(await overdueRow.innerText()).toContain('测算额度');
      expect(await row(page, FRESH_FIRM).getByTestId('row-overdue').count()).toBe(0);
      const tabs = page.getByTestId('queue-status-tabs');
      expect(await tabs.innerText()).toContain('企业已申请 2');
      const all = Number(/全部 (\d+)/.exec(await tabs.innerText())?.[1]);
      expect(all).toBeGreaterThan(30);
      await screenshot(page, 'bank-queue-desktop');

      // One keyset page at a time: "load more" brings the rest, each row once.
      expect(await rows(page).count()).toBe(30);
      expect(await page.getByTestId('queue-shown').innerText()).toBe(`已显示 30 / ${all} 条`);
      while (await page.getByTestId('queue-more').isVisible()) {
        const before = await rows(page).count();
        await page.getByTestId('queue-more').click();
        await page.waitForFunction(
          ([n]) => document.querySelectorAll('[data-testid="queue-table"] tr.ant-table-row').length > n,
          [before],
        );
      }
      expect(await rows(page).count()).toBe(all);
      expect(await page.getByTestId('queue-shown').innerText()).toBe(`已全部显示（${all} 条）`);
      const shownNames = await page.getByTestId('queue-firm-name').allInnerTexts();
      const shownIds = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')));
      expect(new Set(shownIds).size).toBe(all);

      // The export carries the same rows as the pages, money as numbers of yuan.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('queue-export').click()]);
      expect(download.suggestedFilename()).toMatch(/^待办队列-\d{8}\.xlsx$/);
      const file = path.join(OUTPUT_DIR, 'bank-queue-export.xlsx');
      await download.saveAs(file);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const sheet = book.getWorksheet('待办队列');
      expect(sheet).toBeDefined();
      const header = (sheet!.getRow(1).values as ExcelJS.CellValue[]).slice(1);
      expect(header).toEqual(expect.arrayContaining(['企业名称', '需求金额（元）', '状态', '是否逾期', '匹配编号']));
      const names: string[] = [];
      const ids: string[] = [];
      let overdueAmount: ExcelJS.CellValue = null;
      sheet!.eachRow((r, n) => {
        if (n === 1) return;
        const values = r.values as ExcelJS.CellValue[];
        const cell = (h: string) => values[header.indexOf(h) + 1];
        names.push(String(cell('企业名称')));
        ids.push(String(cell('匹配编号')));
        if (cell('企业名称') === OVERDUE_FIRM && cell('贷款产品') === OVERDUE_PRODUCT) overdueAmount = cell('需求金额（元）');
      });
      expect(ids).toEqual(shownIds);
      expect(names).toEqual(shownNames);
      expect(overdueAmount).toBe(50_000_000);

      // The state-machine actions of the row: an application can go to review, or further in the drawer.
      await overdueRow.getByTestId('row-step-review').waitFor();
      await overdueRow.getByTestId('row-handle').click();
      const drawer = page.getByTestId('review-drawer');
      await drawer.getByTestId('review-steps').waitFor();
      expect(await drawer.getByTestId('review-steps').innerText()).toMatch(/拒绝[\s\S]*补充材料/);
      await drawer.getByTestId('review-form').getByLabel('拒绝原因').waitFor();
      await screenshot(page, 'bank-queue-review-drawer', false);
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });

      // Filters go to the API as its own parameters, and narrow the rows.
      let url = await afterQuery(page, () => pickOption(page, 'filter-tier', '专精特新“小巨人”'));
      expect(url.searchParams.get('tier')).toBe('little_giant');
      for (const text of await rows(page).allInnerTexts()) expect(text).toContain('专精特新“小巨人”');
      url = await afterQuery(page, () => tabs.getByText(/^企业已申请/).click());
      expect(url.searchParams.get('status')).toBe('applied');
      expect(await rows(page).count()).toBe(1);
      await row(page, OVERDUE_FIRM).waitFor();
      url = await afterQuery(page, () => page.getByTestId('filter-overdue').click());
      expect(url.searchParams.get('overdue')).toBe('true');
      url = await afterQuery(page, () => page.getByTestId('queue-sort').getByText('按等待时长').click());
      expect(url.searchParams.get('sort')).toBe('waiting');
      expect(await rows(page).count()).toBe(1);
      // The filtered queue is an address the officer can bookmark.
      expect(new URL(page.url()).searchParams.get('overdue')).toBe('true');
      await screenshot(page, 'bank-queue-filtered-desktop');

      // Cleared filters and the "all" tab bring every row back, a page at a time.
      await afterQuery(page, () => page.getByTestId('filter-reset').click());
      await afterQuery(page, () => tabs.getByText(/^全部/).click());
      expect(await rows(page).count()).toBe(30);
      expect(await tabs.innerText()).toContain(`全部 ${all}`);

      // The firm view, reached from its row: profile with confirmations, financials, line and rules.
      await row(page, OVERDUE_FIRM).getByTestId('queue-firm-name').click();
      await page.waitForURL('**/bank/firms/*?matchId=*');
      await page.getByTestId('bank-firm-name').filter({ hasText: OVERDUE_FIRM }).waitFor();
      await page.getByTestId('bank-firm-profile').getByText(/已认定 · 湖南省工业和信息化厅/).first().waitFor();
      await page.getByTestId('bank-firm-financials-table').waitFor();
      expect(await page.getByTestId('financials-stale').count()).toBe(0);
      expect(await page.getByTestId('bank-firm-new-line').innerText()).toMatch(/万元|亿元/);
      const checks = page.getByTestId('bank-firm-checks');
      expect(await checks.innerText()).toContain('资产负债率');
      expect(await checks.innerText()).toMatch(/70\.0%/);
      expect(await page.getByTestId('bank-firm-match').innerText()).toContain('企业已申请');
      await screenshot(page, 'bank-firm-view-desktop');

      await asPhone(page);
      await page.getByTestId('bank-firm-name').waitFor();
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'bank-firm-view-phone');
      await page.setViewportSize(DESKTOP);
    });
  });

  it('reads in English and fits a 375 px phone', async () => {
    await withPage(browser, async (page) => {
      await login(page, 'bank@lianrong.demo');
      await page.waitForURL('**/bank');
      await page.goto('/bank/queue');
      await row(page, OVERDUE_FIRM).waitFor();
      await page.getByTestId('language-toggle').click();
      await page.getByRole('heading', { name: 'Review queue' }).waitFor();
      expect(await row(page, OVERDUE_FIRM).innerText()).toContain('Overdue');
      await screenshot(page, 'bank-queue-desktop-en');
      await page.getByTestId('language-toggle').click();
      await page.getByRole('heading', { name: '待办队列' }).waitFor();

      await asPhone(page);
      await row(page, OVERDUE_FIRM).waitFor();
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'bank-queue-phone');
    });
  });
});
