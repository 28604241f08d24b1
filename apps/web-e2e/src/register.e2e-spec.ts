import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { usccProblem } from '@lianrong/matching/registration';
import { freshUscc, withWrongCharacter } from './support/uscc';
import type { Browser } from 'playwright-core';
import { PHONE, expectNoSidewaysScroll, launchBrowser, screenshot, withPage } from './support/browser';

// Issue 9, item 1: a new firm registers on /register. The USCC is checked as it is typed,
// and the message says which check character is wrong; the region follows from the code.


let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('register page', () => {
  it('names the wrong check character, then registers a new firm into the firm portal', async () => {
    const uscc = freshUscc('MA');
    const wrong17 = withWrongCharacter(uscc, 16);
    const wrong18 = withWrongCharacter(uscc, 17);
    expect([usccProblem(uscc), usccProblem(wrong17), usccProblem(wrong18)]).toEqual([
      null,
      'organisation_check',
      'uscc_check',
    ]);
    const name = `湖南链融测试${uscc.slice(10, 16)}科技有限公司`;

    await withPage(browser, async (page) => {
      await page.goto('/login');
      await page.getByTestId('login-to-register').click();
      await page.waitForURL('**/register');

      const field = page.getByTestId('register-uscc');
      const wrong17Text = page.getByText('第 17 位校验码不正确', { exact: false });
      const wrong18Text = page.getByText('第 18 位校验码不正确', { exact: false });
      await field.fill(wrong17);
      await wrong17Text.waitFor();
      // A two-line message keeps clear of the next label instead of touching it.
      const helpBox = await wrong17Text.boundingBox();
      const nextLabel = await page.locator('label', { hasText: '注册地' }).boundingBox();
      expect(nextLabel && helpBox && nextLabel.y - (helpBox.y + helpBox.height)).toBeGreaterThanOrEqual(8);
      await screenshot(page, 'register-wrong-17th-desktop');

      await field.fill(wrong18);
      await wrong18Text.waitFor();
      await wrong17Text.waitFor({ state: 'detached' });
      await screenshot(page, 'register-wrong-18th-desktop');

      await field.fill(uscc);
      await page.getByTestId('register-region').getByText('430100', { exact: false }).waitFor();
      await wrong18Text.waitFor({ state: 'detached' });

      await page.getByTestId('register-name').fill(name);
      await page.getByTestId('register-industry').click();
      await page.keyboard.type('C3484');
      await page.locator('.ant-cascader-menu-item', { hasText: 'C3484' }).first().click();
      await page.getByTestId('register-email').fill(`cfo-${uscc.slice(10, 16).toLowerCase()}@example.test`);
      await page.getByTestId('register-password').fill('Lianrong#2026x');
      await screenshot(page, 'register-filled-desktop');

      await page.setViewportSize(PHONE);
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'register-phone');

      await page.getByTestId('register-submit').click();
      await page.waitForURL('**/firm');
      await page.getByTestId('firm-name').filter({ hasText: name }).waitFor();
      expect(await page.getByTestId('org-name').innerText()).toContain(name);
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'register-firm-portal-phone');
    });
  });
});
