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
import { freshUscc } from './support/uscc';

// Issue 13, item 5: the agency officer (湖南省工信厅) reads the audit trail of the
// region's firms, narrows it, exports it as CSV; the platform admin reads everything,
// addresses included. Every page here runs under the production CSP, which `vite
// preview` sends from docker/security-headers.conf as nginx does (item 8).

let browser: Browser;

// A firm of this spec's own, so that its rows are the few it makes here, whatever the
// journeys before it wrote to the trail.
const STAMP = Date.now();
const FIRM_EMAIL = `audit-${STAMP}@example.test`;
const FIRM_NAME = `长沙审计测试${STAMP % 100_000}科技有限公司`;
const FIRM_PASSWORD = 'Audit#2026trail';
const FIRM_USER = '审计测试财务';

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl()}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/**
 * Events this spec can count on: the firm registered, signed in and refused a sign-in
 * (in its agency's region), and an export by the agency (which concerns no region).
 */
async function seedEvents(): Promise<void> {
  const registered = await post('/auth/register-firm', {
    uscc: freshUscc('MT'),
    name: FIRM_NAME,
    displayName: FIRM_USER,
    regionCode: '430100',
    industryCode: 'C3484',
    email: FIRM_EMAIL,
    password: FIRM_PASSWORD,
  });
  expect(registered.status).toBe(201);
  expect((await post('/auth/login', { email: FIRM_EMAIL, password: FIRM_PASSWORD })).status).toBe(200);
  expect((await post('/auth/login', { email: FIRM_EMAIL, password: 'not-the-password' })).status).toBe(401);
  const gov = (await (await post('/auth/login', { email: 'gov@lianrong.demo', password: DEMO_PASSWORD })).json()) as {
    accessToken: string;
  };
  const exported = await fetch(`${baseUrl()}/api/v1/audit-events/export.csv?actor=nobody-at-all`, {
    headers: { Authorization: `Bearer ${gov.accessToken}` },
  });
  expect(exported.status).toBe(200);
  await exported.arrayBuffer();
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
  await seedEvents();
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
      await refused.getByText(FIRM_NAME).waitFor();
      expect(new URL(page.url()).searchParams.get('action')).toBe('session.login_failed');
      // An agency is not shown addresses.
      expect(await page.getByTestId('audit-ip').count()).toBe(0);
      await screenshot(page, 'audit-gov-refused-logins');

      // By actor: what the firm's user did, newest first.
      await page.getByTestId('audit-filter-reset').click();
      await page.getByLabel('操作人').fill(FIRM_EMAIL);
      await page.waitForURL(/actor=/);
      // The address changes a moment before the table asks for the new rows: wait for them.
      await page.waitForFunction(
        (name) => {
          const cells = [...document.querySelectorAll('[data-testid="audit-table"] tr.ant-table-row td:nth-child(2)')];
          return cells.length > 0 && cells.every((c) => c.textContent?.includes(name));
        },
        FIRM_USER,
      );
      await settled(page);
      const actions = await rows(page).getByTestId('audit-action').allInnerTexts();
      expect(actions).toEqual(['登录', '企业注册']);
      const actors = await rows(page).locator('td:nth-child(2)').allInnerTexts();
      for (const actor of actors) expect(actor).toContain(FIRM_USER);
      await screenshot(page, 'audit-gov-actor');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
      const file = path.join(OUTPUT_DIR, 'audit-trail-e2e.csv');
      await download.saveAs(file);
      expect(download.suggestedFilename()).toMatch(/^审计日志-\d{8}\.csv$/);
      const csv = readFileSync(file, 'utf8');
      expect(csv.startsWith('\uFEFF"时间（北京时间）"')).toBe(true);
      const lines = csv.trim().split('\r\n');
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain('"session.login"');
      expect(lines[2]).toContain('"firm.registered"');

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

  it('shows an admin every event, with addresses, including an agency’s export', async () => {
    await withPage(browser, async (page) => {
      const violations = cspViolations(page);
      await login(page, 'admin@lianrong.demo');
      await page.waitForURL('**/admin');
      await page.getByRole('menuitem', { name: '审计日志' }).click();
      await page.waitForURL('**/admin/audit');
      await settled(page);
      // The agency's export (beforeAll) concerns no region: only an admin sees it.
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
