import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { PHONE, asPhone, expectNoSidewaysScroll, launchBrowser, login, screenshot, withPage } from './support/browser';

// Smoke test of the web shell against the real API and the seeded demo data
// (issue 3, items 8 and 10): every demo role lands in its own portal with its data.

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('login page', () => {
  it('shows the product, the demo accounts and an error for a wrong password', async () => {
    await withPage(browser, async (page) => {
      await page.goto('/login');
      await page.getByText('专精特新企业融资对接平台').waitFor();
      await page.getByTestId('demo-accounts').waitFor();
      await screenshot(page, 'login-desktop');

      // 中国银行's second officer, who confirms approvals above the bank's limit.
      await page.getByTestId('demo-checker').click();
      expect(await page.getByLabel('邮箱').inputValue()).toBe('bank2@lianrong.demo');
      await page.getByTestId('demo-firm').click();
      expect(await page.getByLabel('邮箱').inputValue()).toBe('firm@lianrong.demo');

      await login(page, 'firm@lianrong.demo', 'wrong-password');
      await page.getByTestId('login-error').waitFor();
      expect(await page.getByTestId('login-error').innerText()).toContain('邮箱或密码错误');
      expect(new URL(page.url()).pathname).toBe('/login');

      await page.setViewportSize(PHONE);
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'login-phone');
    });
  });

  it('sends a visitor without a session to the login page', async () => {
    await withPage(browser, async (page) => {
      await page.goto('/firm');
      await page.waitForURL('**/login');
    });
  });
});

describe('firm portal', () => {
  it('shows the firm, its financials and needs; keeps it out of /bank; switches language; fits a phone', async () => {
    await withPage(browser, async (page) => {
      await login(page, 'firm@lianrong.demo');
      await page.waitForURL('**/firm');
      await page.getByTestId('firm-name').filter({ hasText: '湖南博匠信息科技有限公司' }).waitFor();
      await page.getByTestId('financials-table').waitFor();
      await page.getByTestId('needs-table').locator('tr.ant-table-row').first().waitFor();
      expect(await page.getByTestId('org-name').innerText()).toContain('湖南博匠信息科技有限公司');
      // Money in 亿元/万元 and the revenue chart drawn (博匠 2025 revenue 146.3m yuan, illustrative seed).
      await page.getByTestId('financials-table').getByText('1.46亿元').waitFor();
      await page.getByRole('img', { name: '营业收入与净利润（万元）' }).locator('canvas').waitFor();
      await screenshot(page, 'firm-desktop');

      // Another role's portal sends the firm user back to its own.
      await page.goto('/bank');
      await page.waitForURL('**/firm');
      await page.getByTestId('firm-name').waitFor();

      await page.getByTestId('language-toggle').click();
      await page.getByText('Key financials').waitFor();
      await page.getByTestId('financials-table').getByText('CNY 146.3m').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.getByTestId('logout').innerText()).toContain('Log out');
      await screenshot(page, 'firm-desktop-en');
      await page.getByTestId('language-toggle').click();
      await page.getByText('主要财务指标').waitFor();

      await asPhone(page);
      await page.getByTestId('firm-name').filter({ hasText: '湖南博匠信息科技有限公司' }).waitFor();
      await page.getByTestId('needs-table').locator('tr.ant-table-row').first().waitFor();
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'firm-phone');

      await page.getByTestId('menu-toggle').click();
      await page.getByRole('menuitem', { name: '企业工作台' }).waitFor();
      await screenshot(page, 'firm-phone-menu', false);
    });
  });
});

describe('bank portal', () => {
  it('shows the bank its loan products', async () => {
    await withPage(browser, async (page) => {
      await login(page, 'bank@lianrong.demo');
      await page.waitForURL('**/bank');
      await page.getByTestId('products-table').getByText('小巨人贷').waitFor();
      await screenshot(page, 'bank-desktop');

      await asPhone(page);
      await page.getByTestId('products-table').getByText('小巨人贷').waitFor();
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'bank-phone');
    });
  });
});

describe('gov portal', () => {
  it('shows the chains with their needs, credit and disbursement', async () => {
    await withPage(browser, async (page) => {
      await login(page, 'gov@lianrong.demo');
      await page.waitForURL('**/gov');
      await page.getByTestId('chains-table').getByText('工程机械').waitFor();
      await page.getByRole('img', { name: '各产业链需求、授信与放款（万元）' }).locator('canvas').waitFor();
      await screenshot(page, 'gov-desktop');

      await asPhone(page);
      await page.getByTestId('chains-table').getByText('工程机械').waitFor();
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'gov-phone');
    });
  });
});

describe('admin portal', () => {
  it('lists the organisations and logs out', async () => {
    await withPage(browser, async (page) => {
      await login(page, 'admin@lianrong.demo');
      await page.waitForURL('**/admin');
      await page.getByTestId('orgs-table').getByText('中国银行湖南省分行').waitFor();
      await screenshot(page, 'admin-desktop');

      await asPhone(page);
      await page.getByTestId('orgs-table').locator('tr.ant-table-row').first().waitFor();
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'admin-phone');

      await page.getByTestId('logout').click();
      await page.waitForURL('**/login');
      await page.goto('/admin');
      await page.waitForURL('**/login');
    });
  });

  it('opens the queue board in a new tab, with no token in any URL', async () => {
    await withPage(browser, async (page) => {
      await login(page, 'admin@lianrong.demo');
      await page.waitForURL('**/admin');
      const [board] = await Promise.all([
        page.context().waitForEvent('page'),
        page.getByTestId('open-queue-board').click(),
      ]);
      await board.waitForURL(/\/admin\/queues\//);
      await board.getByText('matching-background').first().waitFor();
      expect(board.url()).not.toMatch(/token/i);
      await screenshot(board, 'admin-queue-board', true, { ours: false });
    });
  });
});
