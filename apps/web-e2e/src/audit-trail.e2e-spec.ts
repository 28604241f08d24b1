import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  asPhone,
  baseUrl,
  expectNoSidewaysScroll,
  launchBrowser,
  login,
  networkSettled,
  screenshot,
  withPage,
} from './support/browser';
import { OUTPUT_DIR } from './support/paths';

// Issue 13, item 5: the agency officer (湖南省工信厅) reads the audit trail of the
// region's firms, narrows it, exports it as CSV; the platform admin reads everything,
// addresses included. Every page here runs under the production CSP, which `vite
// preview` sends from docker/security-headers.conf as nginx does (item 8).

let browser: Browser;

/** Events this spec can count on: a sign-in of the demo firm's CFO and a refused one. */
async function signIns(): Promise<void> {
  const post = (password: string) =>
    fetch(`${baseUrl()}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'firm@lianrong.demo', password }),
    });
  expect((await post(DEMO_PASSWORD)).status).toBe(200);
  expect((await post('not-the-password')).status).toBe(401);
}

/** Content-Security-Policy refusals the page reports: antd's styles or ECharts broken by the policy. */
function cspViolations(page: Page): string[] {
  const found: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) found.push(m.text());
  });
  return found;
}

const rows = (page: Page) => page.getByTestId('audit-table').locator('tr.ant-table-row');

async function settled(page: Page): Promise<void> {
  await page.locator('[data-testid="audit-rows"][data-fetching="false"]').waitFor();
  await networkSettled(page);
}

beforeAll(async () => {
  browser = await launchBrowser();
  await signIns();
});

afterAll(async () => {
  await browser?.close();
});

describe('audit trail', () => {
  it("shows an agency its region's trail, filtered, in both languages, exported as CSV", async () => {
    await withPage(browser, async (page) => {
      const violations = cspViolations(page);
      const response = await page.goto('/login');
      expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response?.headers()['x-frame-options']).toBe('DENY');
      await login(page, 'gov@lianrong.demo');
      await page.waitForURL('**/gov');
      // The agency's home draws its charts (ECharts, canvas) under the policy.
      await page.locator('canvas').first().waitFor();

      await page.getByRole('menuitem', { name: '审计日志' }).click();
      await page.waitForURL('**/gov/audit');
      await page.getByRole('heading', { name: '审计日志' }).waitFor();
      await settled(page);
      expect(await rows(page).count()).toBeGreaterThan(0);

      // The refused sign-in: nobody proven as actor, the firm it concerns named.
      await page.getByTestId('audit-filter-action').click();
      await page.getByRole('option', { name: '登录失败' }).click();
      await settled(page);
      const refused = rows(page).first();
      await refused.getByText('登录失败').waitFor();
      await refused.getByText('身份未经验证').waitFor();
      await refused.getByText('湖南博匠信息科技有限公司').waitFor();
      expect(new URL(page.url()).searchParams.get('action')).toBe('session.login_failed');
      // An agency is not shown addresses.
      expect(await page.getByTestId('audit-ip').count()).toBe(0);
      await screenshot(page, 'audit-gov-refused-logins');

      // By actor: the CFO's own sign-ins.
      await page.getByTestId('audit-filter-reset').click();
      await page.getByLabel('操作人').fill('张敏');
      await page.waitForURL(/actor=/);
      await settled(page);
      const actors = await rows(page).locator('td:nth-child(2)').allInnerTexts();
      expect(actors.length).toBeGreaterThan(0);
      for (const actor of actors) expect(actor).toContain('张敏');
      await rows(page).getByText('登录', { exact: true }).first().waitFor();
      await screenshot(page, 'audit-gov-actor');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
      const file = path.join(OUTPUT_DIR, 'audit-trail-e2e.csv');
      await download.saveAs(file);
      expect(download.suggestedFilename()).toMatch(/^审计日志-\d{8}\.csv$/);
      const csv = readFileSync(file, 'utf8');
      expect(csv.startsWith('\uFEFF"时间（北京时间）"')).toBe(true);
      expect(csv).toContain('"session.login"');
      expect(csv).not.toContain('"session.login_failed"');

      await page.getByTestId('language-toggle').click();
      await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
      await rows(page).getByText('Signed in', { exact: true }).first().waitFor();
      await screenshot(page, 'audit-gov-en');
      await page.getByTestId('language-toggle').click();
      await page.getByRole('heading', { name: '审计日志' }).waitFor();

      await asPhone(page);
      await settled(page);
      await rows(page).first().waitFor();
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'audit-gov-phone');
      expect(violations).toEqual([]);
    });
  });

  it('shows an admin every event, with addresses, including the agency’s export', async () => {
    await withPage(browser, async (page) => {
      const violations = cspViolations(page);
      await login(page, 'admin@lianrong.demo');
      await page.waitForURL('**/admin');
      await page.getByRole('menuitem', { name: '审计日志' }).click();
      await page.waitForURL('**/admin/audit');
      await settled(page);
      // The agency's export concerns no region: only an admin sees it.
      await page.getByTestId('audit-filter-action').click();
      await page.getByRole('option', { name: '导出审计日志' }).click();
      await settled(page);
      const exported = rows(page).first();
      await exported.getByText('王强（中小企业处）').waitFor();
      await exported.getByText('审计日志').first().waitFor();
      expect(await page.getByTestId('audit-ip').count()).toBeGreaterThan(0);
      await screenshot(page, 'audit-admin');
      expect(violations).toEqual([]);
    });
  });
});
