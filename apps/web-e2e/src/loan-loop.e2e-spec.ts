import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, login, newPage, screenshot } from './support/browser';
import { e2eDatabaseUrl } from './support/stack';

// Issue 10, item 11: the whole loan loop in the browser, as three people live it. The demo
// firm (博匠) applies from its need page with the credit-record consent; the maker at 中国银行
// (approval limit 300万元) takes it into review from the firm view and proposes more than the
// limit; the checker confirms; the maker disburses; the firm follows every step in 我的申请 and
// hears of each in the bell. Then a decline at another bank offers the firm products elsewhere,
// one of which it applies to with one click — against the real API, worker, Redis and Postgres.

const FIRM = '湖南博匠信息科技有限公司';
const BOC = '中国银行湖南省分行';
// Expansion with a guarantee: of the demo's products only 中国银行's 成长贷 takes it, so the
// application touches no match another journey picks.
const NEED = { amount: 5_000_000, termMonths: 36, purpose: 'expansion', maxRateBps: 520, collateral: 'guarantee' };
const LOOP_PRODUCT = '成长贷';
// Unsecured working capital of 300万元: 小微快贷 (建设银行) takes it, and so do 微众银行's 微业贷
// and 中国银行's 创新贷, which the decline at 建设银行 offers as referrals.
const REFERRAL_NEED = { amount: 3_000_000, termMonths: 12, purpose: 'working_capital', maxRateBps: 600, collateral: 'none' };
const DECLINING_PRODUCT = '小微快贷';
const WORKER_TIMEOUT_MS = 60_000;

let browser: Browser;
/** Needs this journey posted, with the token that may withdraw them. */
const posted: { id: string; token: string }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  // The journey's needs would otherwise sit at the top of 中国银行's officer views and push the
  // demo rows other specs look for off the queue's first page: withdraw them and wait until the
  // worker has taken them out of every view.
  const db = new Client({ connectionString: e2eDatabaseUrl() });
  await db.connect();
  try {
    for (const need of posted) {
      await fetch(`${process.env.E2E_BASE_URL}/api/v1/needs/${need.id}/withdraw`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${need.token}` },
      });
    }
    const deadline = Date.now() + WORKER_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM matches WHERE need_id = ANY($1::uuid[]) AND status = 'suggested' AND in_product_top`,
        [posted.map((n) => n.id)],
      );
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await db.end();
    await browser?.close();
  }
});

/** Today on the calendar of the bank's branch (Asia/Shanghai), as YYYY-MM-DD. */
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Full-page shots of a scrolled page draw the sticky header mid-page; start from the top. */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name, fullPage);
}

async function toastsGone(page: Page): Promise<void> {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
}

async function token(page: Page, email: string): Promise<string> {
  const res = await page.request.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function postNeed(page: Page, need: typeof NEED): Promise<string> {
  const firmToken = await token(page, 'firm@lianrong.demo');
  const res = await page.request.post('/api/v1/needs', {
    data: need,
    headers: { Authorization: `Bearer ${firmToken}` },
  });
  expect(res.status()).toBe(201);
  const id = ((await res.json()) as { id: string }).id;
  posted.push({ id, token: firmToken });
  return id;
}

/** Opens a need's page, waits for the worker's ranking, and applies to `product` with the consent. */
async function applyFromNeed(page: Page, needId: string, product: string | null, shotName: string): Promise<string> {
  await page.goto(`/firm/needs/${needId}`);
  await page.getByTestId('need-match').first().waitFor({ timeout: WORKER_TIMEOUT_MS });
  const card = product
    ? page.getByTestId('need-match').filter({ has: page.getByTestId('need-match-name').getByText(product, { exact: true }) })
    : page.getByTestId('need-match').first();
  await card.getByTestId('need-match-apply').click();
  const modal = page.getByTestId('apply-modal');
  await modal.waitFor();
  expect(await page.getByTestId('apply-submit').isDisabled()).toBe(true);
  await page.getByTestId('apply-consent').check();
  await shot(page, shotName, false);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/needs/${needId}/applications`),
    page.getByTestId('apply-submit').click(),
  ]);
  expect(response.status()).toBe(201);
  await modal.waitFor({ state: 'hidden' });
  return ((await response.json()) as { id: string }).id;
}

const queueRow = (page: Page, matchId: string) => page.locator(`[data-testid="queue-table"] tr[data-row-key="${matchId}"]`);

/** The officer's 待办队列 on one status tab, with the row of the match waited for. */
async function queueAt(page: Page, tab: RegExp, matchId: string): Promise<Locator> {
  await page.getByRole('menuitem', { name: '待办队列' }).click();
  await page.waitForURL('**/bank/queue*');
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/bank/matches' && r.status() === 200),
    page.getByTestId('queue-status-tabs').getByText(tab).click(),
  ]);
  await page.locator('[data-testid="queue-rows"][data-fetching="false"]').waitFor();
  const row = queueRow(page, matchId);
  await row.waitFor();
  return row;
}

/** Picks a step in the open drawer, lets `fill` type its terms, submits, and waits for the move's answer. */
async function drawerStep(page: Page, step: string, fill: (drawer: Locator) => Promise<void>, shotName: string): Promise<void> {
  const drawer = page.getByTestId('review-drawer');
  await drawer.getByTestId('review-steps').getByText(step, { exact: true }).click();
  await fill(drawer);
  await shot(page, shotName, false);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/v1\/matches\/[^/]+\/transition$/.test(new URL(r.url()).pathname)),
    drawer.getByTestId('review-submit').click(),
  ]);
  expect(response.status()).toBe(200);
  await drawer.waitFor({ state: 'hidden' });
}

const bell = (page: Page) => page.getByTestId('notification-bell');
const unread = async (page: Page) => Number(await bell(page).getAttribute('data-unread'));

describe('the loan loop', () => {
  it('application → review → four-eyes approval above the limit → disbursement, followed by the firm', async () => {
    const firm = await newPage(browser);
    const maker = await newPage(browser);
    const checker = await newPage(browser);
    try {
      // 1. The firm applies to the best match of a fresh need, above the maker's limit.
      const needId = await postNeed(firm.page, NEED);
      await login(firm.page, 'firm@lianrong.demo');
      await firm.page.waitForURL('**/firm');
      // Products other journeys publish may rank above it; 成长贷 is the demo's own best fit.
      const matchId = await applyFromNeed(firm.page, needId, LOOP_PRODUCT, 'loop-1-firm-apply-modal');
      await firm.page
        .getByTestId('need-match')
        .filter({ has: firm.page.getByTestId('need-match-name').getByText(LOOP_PRODUCT, { exact: true }) })
        .getByTestId('need-match-status')
        .getByText('企业已申请')
        .waitFor();
      await toastsGone(firm.page);
      await shot(firm.page, 'loop-1-firm-applied');
      await bell(firm.page).waitFor();
      const unreadBefore = await unread(firm.page);

      // 2. The maker sees it in the queue with its clock, reads the firm, takes it into review.
      await login(maker.page, 'bank@lianrong.demo');
      await maker.page.waitForURL('**/bank');
      let row = await queueAt(maker.page, /^企业已申请/, matchId);
      expect(await row.innerText()).toContain(FIRM);
      expect(await row.innerText()).toContain(LOOP_PRODUCT);
      expect(await row.innerText()).toContain('申请 500万元');
      expect(await row.innerText()).toMatch(/已等待 \d+ 个工作日/);
      await shot(maker.page, 'loop-2-queue-applied');

      await row.getByTestId('queue-firm-name').click();
      await maker.page.waitForURL(`**/bank/firms/*?matchId=${matchId}`);
      await maker.page.getByTestId('bank-firm-name').filter({ hasText: FIRM }).waitFor();
      const matchCard = maker.page.getByTestId('bank-firm-match');
      await matchCard.getByText('企业已申请').waitFor();
      await shot(maker.page, 'loop-2-firm-view');
      await matchCard.getByTestId('bank-firm-handle').click();
      await drawerStep(maker.page, '进入审批', async () => undefined, 'loop-2-drawer-review');
      await matchCard.getByText('审批中').waitFor();

      // Above the limit of 300万元: the proposal waits for a second officer.
      await matchCard.getByTestId('bank-firm-handle').click();
      await drawerStep(
        maker.page,
        '批准授信',
        async (drawer) => {
          await drawer.getByLabel('授信金额（万元）').fill('500');
          await drawer.getByLabel('年化利率（%）').fill('4.5');
          await drawer.getByLabel('期限（月）').fill('36');
        },
        'loop-2-drawer-approve',
      );
      await matchCard.getByText('待复核').waitFor();
      await toastsGone(maker.page);
      await shot(maker.page, 'loop-2-firm-view-pending');

      // The maker cannot confirm their own proposal: no such step, and the API refuses it.
      await matchCard.getByTestId('bank-firm-handle').click();
      const makerDrawer = maker.page.getByTestId('review-drawer');
      await makerDrawer.getByTestId('review-steps').waitFor();
      expect(await makerDrawer.getByTestId('review-steps').innerText()).not.toContain('复核通过');
      await maker.page.keyboard.press('Escape');
      await makerDrawer.waitFor({ state: 'hidden' });
      const makerToken = await token(maker.page, 'bank@lianrong.demo');
      const pending = await maker.page.request.get(`/api/v1/matches/${matchId}`, { headers: { Authorization: `Bearer ${makerToken}` } });
      const proposal = (await pending.json()) as { status: string; version: number; proposedAmount: number; allowedMoves: string[] };
      expect(proposal).toMatchObject({ status: 'pending_approval', proposedAmount: 5_000_000 });
      expect(proposal.allowedMoves).not.toContain('approved');
      const own = await maker.page.request.post(`/api/v1/matches/${matchId}/transition`, {
        data: { to: 'approved', version: proposal.version },
        headers: { Authorization: `Bearer ${makerToken}` },
      });
      expect(own.status()).toBe(403);

      // 3. The checker confirms the proposal as it stands.
      await login(checker.page, 'bank2@lianrong.demo');
      await checker.page.waitForURL('**/bank');
      row = await queueAt(checker.page, /^待复核/, matchId);
      await shot(checker.page, 'loop-3-queue-pending');
      await row.getByTestId('row-handle').click();
      await drawerStep(
        checker.page,
        '复核通过',
        async (drawer) => {
          expect(await drawer.innerText()).toContain('待复核方案：500万元');
        },
        'loop-3-drawer-confirm',
      );
      await queueRow(checker.page, matchId).waitFor({ state: 'detached' });

      // 4. The maker disburses part of it, booked today.
      row = await queueAt(maker.page, /^已授信/, matchId);
      expect(await row.innerText()).toContain('授信 500万元');
      await row.getByTestId('row-handle').click();
      const today = shanghaiToday();
      await drawerStep(
        maker.page,
        '放款',
        async (drawer) => {
          expect(await drawer.innerText()).toContain('已授信 500万元，尚未放款');
          expect(await drawer.getByLabel('放款日期').inputValue()).toBe(today);
          await drawer.getByLabel('本次放款金额（万元）').fill('400');
        },
        'loop-4-drawer-disburse',
      );
      row = await queueAt(maker.page, /^已放款/, matchId);
      expect(await row.innerText()).toContain('已放款 400万元');
      await toastsGone(maker.page);
      await shot(maker.page, 'loop-4-queue-disbursed');

      // 5. The firm's 我的申请 tells each step, and the bell each move.
      await firm.page.goto(`/firm/applications?match=${matchId}`);
      const card = firm.page.locator(`[data-testid="application"][data-match-id="${matchId}"]`);
      await card.getByTestId('application-status').getByText('已放款').waitFor();
      const steps = await card.getByTestId('application-steps').innerText();
      expect(steps).toMatch(/已申请[\s\S]*审批中[\s\S]*已授信[\s\S]*500万元[\s\S]*已放款[\s\S]*400万元/);
      expect(steps).toContain(today);
      const history = card.getByTestId('application-history');
      await history.waitFor();
      const lines = await history.getByTestId('application-event').allInnerTexts();
      const events = lines.join('\n');
      expect(events).toContain('提交申请，并授权银行查询征信');
      expect(events).toContain('开始审批');
      expect(events).toContain('授信方案待复核');
      expect(events).toMatch(/授信 500万元，年利率 4\.50%/);
      expect(events).toContain(`放款 400万元（放款日 ${today}）`);
      await shot(firm.page, 'loop-5-firm-applications');

      await firm.page.waitForFunction(
        (n) => Number(document.querySelector('[data-testid="notification-bell"]')?.getAttribute('data-unread')) >= n,
        unreadBefore + 3,
      );
      await bell(firm.page).click();
      const list = firm.page.getByTestId('notification-list');
      await list.waitFor();
      for (const status of ['审批中', '已授信', '已放款'])
        await list.getByText(`${BOC} 已将「${LOOP_PRODUCT}」申请推进到 ${status}`, { exact: false }).first().waitFor();
      await list.getByText('已放款，金额 400万元').first().waitFor();
      await shot(firm.page, 'loop-5-firm-bell', false);
    } finally {
      await Promise.all([firm.context.close(), maker.context.close(), checker.context.close()]);
    }
  }, 300_000);

  it('a decline offers products at other banks, and the firm applies to one with one click', async () => {
    const firm = await newPage(browser);
    const officer = await newPage(browser);
    try {
      const needId = await postNeed(firm.page, REFERRAL_NEED);
      await login(firm.page, 'firm@lianrong.demo');
      await firm.page.waitForURL('**/firm');
      const matchId = await applyFromNeed(firm.page, needId, DECLINING_PRODUCT, 'loop-6-firm-apply-modal');

      // 建设银行 declines with a reason the firm will read.
      await login(officer.page, 'ccb@lianrong.demo');
      await officer.page.waitForURL('**/bank');
      const row = await queueAt(officer.page, /^企业已申请/, matchId);
      await row.getByTestId('row-handle').click();
      await drawerStep(
        officer.page,
        '拒绝',
        async (drawer) => {
          await drawer.getByTestId('review-reason').click();
          await officer.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '负债率过高' }).click();
          await drawer.getByLabel('说明').fill('请在偿还部分短期借款后再申请');
        },
        'loop-6-drawer-decline',
      );

      // The firm reads why, and where else to turn.
      await firm.page.goto(`/firm/applications?match=${matchId}`);
      const card = firm.page.locator(`[data-testid="application"][data-match-id="${matchId}"]`);
      await card.getByTestId('application-status').getByText('已拒绝').waitFor();
      expect(await card.getByTestId('application-steps').innerText()).toContain('负债率过高');
      const referrals = card.getByTestId('application-referrals');
      await referrals.getByText('其他银行的推荐产品').waitFor();
      // The best referral; products other journeys publish may outrank the demo's own.
      const offer = referrals.getByTestId('referral').first();
      await offer.waitFor();
      expect(await referrals.innerText()).not.toContain('建设银行');
      const referredProduct = await offer.locator('strong').first().innerText();
      await shot(firm.page, 'loop-6-firm-referrals');

      await offer.getByTestId('referral-apply').click();
      const modal = firm.page.getByTestId('apply-modal');
      await modal.waitFor();
      expect(await modal.innerText()).toContain(referredProduct);
      await firm.page.getByTestId('apply-consent').check();
      await shot(firm.page, 'loop-6-referral-apply-modal', false);
      const [request, response] = await Promise.all([
        firm.page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === `/api/v1/needs/${needId}/applications`),
        firm.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/needs/${needId}/applications`),
        firm.page.getByTestId('apply-submit').click(),
      ]);
      expect(request.postDataJSON()).toMatchObject({ creditCheckConsent: true, referredFromMatchId: matchId });
      expect(response.status()).toBe(201);
      const referred = (await response.json()) as { id: string; version: number };
      const referredId = referred.id;
      await modal.waitFor({ state: 'hidden' });

      const card2 = firm.page.locator(`[data-testid="application"][data-match-id="${referredId}"]`);
      await card2.waitFor();
      expect(await card2.getByTestId('application-product').innerText()).toBe(referredProduct);
      await card2.getByTestId('application-status').getByText('企业已申请').waitFor();
      await card2.getByText('经推荐申请').waitFor();
      await toastsGone(firm.page);
      await shot(firm.page, 'loop-6-firm-referred-applied');

      // Withdrawn again, so no bank's queue that another journey counts keeps an application of ours.
      const withdrawn = await firm.page.request.post(`/api/v1/matches/${referredId}/transition`, {
        data: { to: 'withdrawn', version: referred.version },
        headers: { Authorization: `Bearer ${await token(firm.page, 'firm@lianrong.demo')}` },
      });
      expect(withdrawn.status()).toBe(200);
    } finally {
      await Promise.all([firm.context.close(), officer.context.close()]);
    }
  }, 300_000);
});
