import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { asPhone, DEMO_PASSWORD, DESKTOP, expectNoSidewaysScroll, launchBrowser, login, screenshot, withPage } from './support/browser';
import { freshUscc } from './support/uscc';

// Issue 10, item 8 (firm side): the demo firm (博匠) applies from its need page to the best
// ranked product after ticking the credit-record consent, follows the application in 我的申请
// (pipeline steps and the history, times in Asia/Shanghai), and withdraws it — against the real
// API, worker, Redis and Postgres.

// A need of 博匠 like its seeded one (500万元 of unsecured working capital for 12 months at up
// to 4.5%), posted by this spec so that its own re-ranking job ranks it and nothing another
// journey relies on is touched.
const NEED = { amount: 5_000_000, termMonths: 12, purpose: 'working_capital', maxRateBps: 450, collateral: 'none' };
const PASSWORD = 'Lianrong#2026x';
// The worker ranks a new need in well under a second; the slack covers a cold worker on a busy machine.
const WORKER_TIMEOUT_MS = 60_000;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Full-page shots of a scrolled page draw the sticky header mid-page; start from the top. */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

async function toastGone(page: Page): Promise<void> {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
}

describe('firm applications', () => {
  it('a firm that has applied nowhere finds 我的申请 in its menu, empty, with the way to its needs', async () => {
    await withPage(browser, async (page) => {
      // A firm of its own, so no other journey's applications can show up in the picture.
      const email = `apply-${Date.now()}@example.test`;
      const res = await page.request.post('/api/v1/auth/register-firm', {
        data: {
          uscc: freshUscc('MQ'),
          name: `长沙申请测试${Date.now() % 100_000}科技有限公司`,
          regionCode: '430100',
          industryCode: 'C3484',
          email,
          password: PASSWORD,
        },
      });
      expect(res.status()).toBe(201);
      await login(page, email, PASSWORD);
      await page.waitForURL('**/firm');
      await page.getByRole('menuitem', { name: '我的申请' }).click();
      await page.waitForURL('**/firm/applications');
      await page.getByTestId('applications-title').getByText('我的申请').waitFor();
      await page.getByTestId('applications-empty').waitFor();
      expect(await page.getByTestId('applications-empty').innerText()).toContain('还没有贷款申请');
      await shot(page, 'firm-applications-empty-desktop');
      await asPhone(page);
      await page.getByTestId('applications-empty').waitFor();
      await expectNoSidewaysScroll(page);
      await shot(page, 'firm-applications-empty-phone');
    });
  });

  // Needs the loan-loop routes: POST /needs/:id/applications, GET /matches/:id/events and
  // POST /matches/:id/transition.
  it('applies to the best match with the credit-record consent, follows it in 我的申请 and withdraws it', async () => {
    await withPage(browser, async (page) => {
      const session = await page.request.post('/api/v1/auth/login', {
        data: { email: 'firm@lianrong.demo', password: DEMO_PASSWORD },
      });
      const { accessToken } = (await session.json()) as { accessToken: string };
      const posted = await page.request.post('/api/v1/needs', {
        data: NEED,
        headers: { Authorization: `Bearer ${accessToken}` },
      });
      expect(posted.status()).toBe(201);
      const needId = ((await posted.json()) as { id: string }).id;

      await login(page, 'firm@lianrong.demo');
      await page.waitForURL('**/firm');
      await page.goto(`/firm/needs/${needId}`);

      // The best match: rank 1, not applied for yet.
      const best = page.getByTestId('need-match').first();
      await best.waitFor({ timeout: WORKER_TIMEOUT_MS });
      const product = await best.getByTestId('need-match-name').innerText();
      await best.getByTestId('need-match-apply').click();

      // The modal shows product and terms, and will not send before the consent is ticked.
      const modal = page.getByTestId('apply-modal');
      await modal.waitFor();
      const shown = await modal.innerText();
      expect(shown).toContain(product);
      expect(shown).toMatch(/年利率\s*\d+\.\d{2}(–\d+\.\d{2})?%/);
      expect(shown).toContain('500万元 · 12个月 · 流动资金');
      expect(await page.getByTestId('apply-consent-text').innerText()).toContain('征信中心');
      expect(await page.getByTestId('apply-submit').isDisabled()).toBe(true);
      await page.getByTestId('apply-consent').check();
      await screenshot(page, 'firm-apply-modal-desktop', false);
      const [request, response] = await Promise.all([
        page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === `/api/v1/needs/${needId}/applications`),
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/needs/${needId}/applications`),
        page.getByTestId('apply-submit').click(),
      ]);
      expect(request.postDataJSON()).toEqual({ productId: expect.any(String), creditCheckConsent: true });
      expect(response.status()).toBe(201);
      const matchId = ((await response.json()) as { id: string }).id;
      await modal.waitFor({ state: 'hidden' });

      // The card now says where the application stands and links to it.
      const applied = page.getByTestId('need-match').filter({ hasText: product }).first();
      await applied.getByTestId('need-match-status').getByText('企业已申请').waitFor();
      await toastGone(page);
      await applied.getByTestId('need-match-progress').click();
      await page.waitForURL(`**/firm/applications?match=${matchId}`);

      // Newest activity first: the application just made heads the list, with its steps and history.
      const card = page.getByTestId('application').first();
      expect(await card.getAttribute('data-match-id')).toBe(matchId);
      expect(await card.getByTestId('application-product').innerText()).toBe(product);
      await card.getByTestId('application-status').getByText('企业已申请').waitFor();
      const steps = await card.getByTestId('application-steps').innerText();
      for (const word of ['已申请', '审批中', '已授信', '已放款']) expect(steps).toContain(word);
      const event = card.getByTestId('application-event').first();
      await event.waitFor();
      const line = await event.innerText();
      expect(line).toContain('提交申请，并授权银行查询征信');
      expect(line).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      await shot(page, 'firm-applications-desktop');

      await asPhone(page);
      await page.getByTestId('application').first().getByTestId('application-steps').waitFor();
      await expectNoSidewaysScroll(page);
      await shot(page, 'firm-applications-phone');
      await page.setViewportSize(DESKTOP);

      // Withdrawing asks first, then sends the version the firm saw.
      const first = page.getByTestId('application').first();
      await first.getByTestId('application-withdraw').click();
      const dialog = page.locator('.ant-modal-confirm:visible');
      await dialog.locator('.ant-modal-confirm-title', { hasText: '撤回这笔申请？' }).waitFor();
      expect(await dialog.innerText()).toContain(product);
      const [move] = await Promise.all([
        page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === `/api/v1/matches/${matchId}/transition`),
        page.getByTestId('application-withdraw-confirm').click(),
      ]);
      expect(move.postDataJSON()).toEqual({ to: 'withdrawn', version: expect.any(Number) });
      await first.getByTestId('application-status').getByText('已撤回').waitFor();
      expect(await first.getByTestId('application-steps').innerText()).toContain('已撤回');
      expect(await first.getByTestId('application-withdraw').count()).toBe(0);
      await toastGone(page);
      await shot(page, 'firm-applications-withdrawn-desktop');

      // Back on the need page the product can be applied for again.
      await page.goto(`/firm/needs/${needId}`);
      const again = page.getByTestId('need-match').filter({ hasText: product }).first();
      await again.getByTestId('need-match-status').getByText('已撤回').waitFor();
      expect(await again.getByTestId('need-match-apply').innerText()).toContain('重新申请');
    });
  }, 300_000);
});
