import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, asPhone, expectNoSidewaysScroll, launchBrowser, login, screenshot, withPage } from './support/browser';

// Issue 9, item 2: facts that decide eligibility are confirmed, not self-declared. The
// demo firm (博匠, 专精特新 since 2024, due for 复核 on 2026-12-31) files its renewal (2026); the
// province's agency confirms it; the firm's profile then shows it as 已认定.

const FIRM = '湖南博匠信息科技有限公司';
const AGENCY = '湖南省工业和信息化厅';
const CERTIFICATE = '工信部企业函〔2026〕第0321号';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function pickOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

async function toastGone(page: Page): Promise<void> {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
}

describe('a tier claim, confirmed by the agency', () => {
  it('the firm files it, the agency confirms it, the firm sees 已认定', async () => {
    await withPage(browser, async (firm) => {
      await login(firm, 'firm@lianrong.demo');
      await firm.waitForURL('**/firm');
      const tierStatus = firm.getByTestId('fact-status-tier');
      // Seeded facts carry who confirmed them; the 2024 certificate is due for 复核.
      await tierStatus.getByText(new RegExp(`已认定 · ${AGENCY}`)).waitFor();
      expect(await firm.getByTestId('tier-expiring').innerText()).toContain('2026-12-31 到期');
      expect(await firm.getByTestId('fact-status-region').innerText()).toContain('已认定');

      // The form refuses an empty claim beside its fields.
      await firm.getByTestId('claim-open-tier').click();
      const form = firm.getByTestId('claim-form-tier');
      await form.waitFor();
      await firm.getByTestId('claim-submit').click();
      await form.getByText('请选择认定梯度').waitFor();
      await form.getByText('请填写证书或认定文件编号').waitFor();
      await firm.getByLabel('认定年份').fill('2031');
      await firm.getByLabel('认定年份').blur();
      await form.getByText(/年份应在 2011 至 \d{4} 之间/).waitFor();
      await screenshot(firm, 'firm-claim-form-errors-desktop', false);

      // A renewal (复核) of the same tier: other suites read 博匠's tier and rules, and must not
      // see it change.
      await pickOption(firm, '认定梯度', '专精特新中小企业');
      await firm.getByLabel('认定年份').fill('2026');
      await firm.getByLabel('证书/文件编号').fill(CERTIFICATE);
      const [request] = await Promise.all([
        firm.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/firms/me/claims'),
        firm.getByTestId('claim-submit').click(),
      ]);
      expect(request.postDataJSON()).toEqual({ kind: 'tier', tier: 'srdi', tierYear: 2026, certificateNo: CERTIFICATE });
      await form.waitFor({ state: 'hidden' });
      await tierStatus.getByText('待核验').waitFor();
      expect(await tierStatus.innerText()).toContain('专精特新中小企业（2026年认定）');
      // Filing changes nothing a rule reads: still 专精特新 until confirmed.
      expect(await firm.getByTestId('firm-name').innerText()).toBe(FIRM);
      await toastGone(firm);
      await screenshot(firm, 'firm-claim-pending-desktop');

      await withPage(browser, async (gov) => {
        await login(gov, 'gov@lianrong.demo');
        await gov.waitForURL('**/gov');
        await gov.getByRole('menuitem', { name: '认定核验' }).click();
        await gov.waitForURL('**/gov/claims');
        const row = gov.getByTestId('pending-claims').locator('tr.ant-table-row').filter({ hasText: FIRM });
        await row.waitFor();
        expect(await row.innerText()).toContain('专精特新中小企业（2026年认定）');
        expect(await row.innerText()).toContain(CERTIFICATE);
        // Certifications running out within 90 days are listed for 复核.
        await gov.getByTestId('expiring-tiers').getByText(FIRM).waitFor();
        await screenshot(gov, 'gov-claims-desktop');

        // On a phone the claims are a list: firm, claim and buttons together.
        await asPhone(gov);
        const item = gov.getByTestId('pending-claims').locator('.ant-list-item').filter({ hasText: FIRM });
        await item.waitFor();
        expect(await item.innerText()).toContain('专精特新中小企业（2026年认定）');
        await item.locator('[data-testid^="confirm-"]').waitFor();
        await expectNoSidewaysScroll(gov);
        await screenshot(gov, 'gov-claims-phone');
        await gov.setViewportSize(DESKTOP);
        await row.waitFor();

        await row.locator('[data-testid^="confirm-"]').click();
        await gov.locator('.ant-popconfirm:visible .ant-popconfirm-buttons .ant-btn-primary').click();
        await gov.getByText('已确认认定').waitFor();
        await row.waitFor({ state: 'detached' });
      });

      await firm.reload();
      await tierStatus.getByText(new RegExp(`已认定 · ${AGENCY} 王强（中小企业处） · \\d{4}-\\d{2}-\\d{2}`)).waitFor();
      expect(await tierStatus.innerText()).not.toContain('待核验');
      await firm.getByText('专精特新中小企业（2026年认定）').first().waitFor();
      // A 2026 certificate runs to 2028: no 复核 warning any more.
      expect(await firm.getByTestId('tier-expiring').count()).toBe(0);
      await screenshot(firm, 'firm-claim-confirmed-desktop');

      await asPhone(firm);
      await tierStatus.getByText(/已认定/).waitFor();
      await expectNoSidewaysScroll(firm);
      await screenshot(firm, 'firm-claim-confirmed-phone');
    });
  });
});
