import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  PHONE,
  asPhone,
  expectNoSidewaysScroll,
  launchBrowser,
  login,
  screenshot,
  withPage,
} from './support/browser';

// Issue 5, item 3: a bank officer publishes a product, watches the worker match it
// (progress bar, then the number of firms matched), opens the ranked firms, and
// pauses the product again — against the real API, worker, Redis and Postgres.
// Issue 10, item 0: the officer edits a product with every eligibility field, and the
// form says how many open needs the draft would reach before it is saved.

const PRODUCT = '专精特新信用贷';
const EDITED = '研发门槛测试贷';
// A little giant (tier ≥ innovative) whose R&D need (2,000万元, 36 months, up to
// 4.50%) fits 100–3000万元, 6–36 months, from 3.80%.
const DEMO_FIRM = '爱威科技股份有限公司';
// The worker's job over the demo data takes well under a second; the slack covers a
// cold worker on a busy two-core machine.
const JOB_TIMEOUT_MS = 30_000;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

/** Products this file published through the API, with the token that may pause them. */
const published: { id: string; token: string }[] = [];

afterAll(async () => {
  // Left active, a product this open (any amount, term and collateral in 长沙) would match the
  // demo's deliberately blocked needs, which the government dashboard journey reads.
  for (const { id, token } of published) {
    await fetch(`${process.env.E2E_BASE_URL}/api/v1/products/${id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'paused' }),
    });
  }
  await browser?.close();
});

function progressPanel(page: Page): Locator {
  return page.getByTestId('matching-progress');
}

/** The panel once its job has ended either way, so a failed job fails the test at once rather than at the timeout. */
function finishedPanel(page: Page): Locator {
  return page.locator('[data-testid="matching-progress"]:is([data-phase="completed"], [data-phase="failed"])');
}

/** Waits for the panel to reach `completed` (failing fast on `failed`) and returns the firms matched. */
async function matchedFirmsAfterCompletion(page: Page): Promise<number> {
  const panel = progressPanel(page);
  await panel.waitFor();
  await finishedPanel(page).waitFor({ timeout: JOB_TIMEOUT_MS });
  expect(await panel.getAttribute('data-phase')).toBe('completed');
  expect(await panel.getByTestId('matching-state').innerText()).toBe('完成');
  expect(await panel.locator('.ant-progress').getAttribute('aria-valuenow')).toBe('100');
  const text = await panel.getByTestId('matched-firms').innerText();
  const found = /已匹配\s*(\d+)\s*家企业/.exec(text);
  expect(found).not.toBeNull();
  return Number(found?.[1]);
}

/** The publish toast covers the header for 3 s; screenshots wait for it so they show the page. */
async function toastGone(page: Page): Promise<void> {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
}

/** The dry run's figure once it has caught up with the form: needs and firms the draft would reach. */
async function settledReach(page: Page): Promise<{ needs: number; firms: number }> {
  const reach = page.locator('[data-testid="dry-run-reach"][data-updating="false"]:not([data-count=""])');
  await reach.waitFor();
  // The figure follows the form after a pause in typing; wait out the pause, then for the answer.
  await page.waitForTimeout(600);
  await reach.waitFor();
  return { needs: Number(await reach.getAttribute('data-count')), firms: Number(await reach.getAttribute('data-firms')) };
}

async function pickOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

describe('bank publishes a product and follows its matching', () => {
  it('validates the form, publishes, shows progress to completion, lists the matched firms, then pauses', async () => {
    await withPage(browser, async (page) => {
      await login(page, 'bank@lianrong.demo');
      await page.waitForURL('**/bank');
      await page.getByTestId('products-table').getByText('小巨人贷').waitFor();

      // The form refuses an empty submit and a maximum below its minimum.
      await page.getByTestId('publish-product').click();
      const form = page.getByTestId('product-form');
      await form.waitFor();
      await page.getByTestId('product-submit').click();
      await form.getByText('请输入产品名称（2–100 字）').waitFor();
      expect(await form.getByText('必填').count()).toBeGreaterThanOrEqual(6);
      await page.getByLabel('最低额度（万元）').fill('3000');
      await page.getByLabel('最高额度（万元）').fill('100');
      await page.getByLabel('最高额度（万元）').blur();
      await form.getByText('不能小于下限').waitFor();
      await screenshot(page, 'bank-publish-form-errors-desktop', false);

      await page.getByLabel('产品名称').fill(PRODUCT);
      await page.getByLabel('最低额度（万元）').fill('100');
      await page.getByLabel('最高额度（万元）').fill('3000');
      await page.getByLabel('最短期限（月）').fill('6');
      await page.getByLabel('最长期限（月）').fill('36');
      await page.getByLabel('最低年化利率（%）').fill('3.80');
      await page.getByLabel('最高年化利率（%）').fill('5.00');

      // A supply-chain loan names its core enterprises, searched by name rather than typed as ids.
      await pickOption(page, '类型', '供应链贷');
      await page.getByTestId('product-submit').click();
      await form.getByText('供应链贷须指定链主企业').waitFor();
      const corePicker = page.getByLabel('链主企业', { exact: true });
      await corePicker.click();
      await corePicker.fill('中车');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '中车株洲电力机车研究所' }).click();
      await form.getByTestId('core-enterprise-picker').getByText('中车株洲电力机车研究所有限公司').waitFor();
      // antd keeps a cleared message through its leave animation: wait until it is gone.
      await form.getByText('供应链贷须指定链主企业').waitFor({ state: 'detached' });

      // A field only the API can check (no amount beyond 10^15 yuan) comes back onto its field.
      await page.getByLabel('最高额度（万元）').fill('200000000000');
      await page.getByTestId('product-submit').click();
      await form.locator('.ant-form-item-has-error').filter({ hasText: '最高额度' }).getByText('must not exceed', { exact: false }).waitFor();
      await page.getByTestId('product-form-error').getByText('请检查标红的字段').waitFor();
      await pickOption(page, '类型', '信用贷');

      await pickOption(page, '最低梯度', '创新型中小企业');
      await page.getByLabel('最低额度（万元）').fill('100');
      await page.getByLabel('最高额度（万元）').fill('3000');
      await page.getByLabel('最短期限（月）').fill('6');
      await page.getByLabel('最长期限（月）').fill('36');
      await page.getByLabel('最低年化利率（%）').fill('3.80');
      await page.getByLabel('最高年化利率（%）').fill('5.00');
      await page.getByLabel('最高年化利率（%）').blur();
      await form.getByText('不能小于下限').waitFor({ state: 'detached' });
      // Before publishing, the form says how many open needs the draft would reach.
      const reachBefore = await settledReach(page);
      expect(reachBefore.needs).toBeGreaterThanOrEqual(1);
      await screenshot(page, 'bank-publish-form-desktop', false);

      // The POST body carries whole yuan and integer bps, converted from 万元 and %.
      const [request] = await Promise.all([
        page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/products'),
        page.getByTestId('product-submit').click(),
      ]);
      expect(request.postDataJSON()).toMatchObject({
        name: PRODUCT,
        kind: 'credit',
        amountMin: 1_000_000,
        amountMax: 30_000_000,
        termMin: 6,
        termMax: 36,
        rateMinBps: 380,
        rateMaxBps: 500,
        minTier: 'innovative',
        coreEnterpriseIds: [],
        status: 'active',
      });

      await form.waitFor({ state: 'hidden' });
      expect(await progressPanel(page).innerText()).toContain(`新产品「${PRODUCT}」· 企业匹配`);
      await progressPanel(page).locator('.ant-progress').waitFor();
      const matched = await matchedFirmsAfterCompletion(page);
      expect(matched).toBeGreaterThanOrEqual(1);
      // The worker matched exactly the firms the dry run foresaw.
      expect(matched).toBe(reachBefore.firms);
      const row = page.getByTestId('products-table').locator('tr.ant-table-row').filter({ hasText: PRODUCT });
      await row.getByText('已发布').waitFor();
      await toastGone(page);
      await screenshot(page, 'bank-published-desktop');

      // The ranked firms of the new product.
      await progressPanel(page).getByTestId('view-matches').click();
      await page.waitForURL('**/bank/products/*');
      const productUrl = page.url();
      await page.getByTestId('product-title').filter({ hasText: PRODUCT }).waitFor();
      const table = page.getByTestId('product-matches-table');
      await table.getByText(DEMO_FIRM).waitFor();
      const aiwei = table.locator('tr.ant-table-row').filter({ hasText: DEMO_FIRM });
      expect(await aiwei.innerText()).toContain('2,000万元');
      expect(await aiwei.innerText()).toContain('专精特新“小巨人”');
      // One row per matched need; a firm with two fitting needs (博匠) appears twice.
      const firmNames = await table.getByTestId('match-firm-name').allInnerTexts();
      expect(new Set(firmNames).size).toBe(matched);
      expect(await page.getByTestId('match-total').innerText()).toContain(`共 ${firmNames.length} 条匹配`);
      await screenshot(page, 'product-matches-desktop');

      await asPhone(page);
      await table.getByText(DEMO_FIRM).waitFor();
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'product-matches-phone');
      await page.setViewportSize({ width: 1366, height: 860 });

      // Back in the table, the same product is paused from its row.
      await page.getByTestId('back-to-products').click();
      await page.waitForURL('**/bank');
      await row.getByTestId('toggle-status').filter({ hasText: '暂停' }).click();
      await progressPanel(page).getByText(`「${PRODUCT}」已暂停 · 更新匹配`).waitFor();
      await matchedFirmsAfterCompletion(page);
      await row.getByText('已暂停').waitFor();
      await row.getByTestId('toggle-status').filter({ hasText: '恢复' }).waitFor();
      await screenshot(page, 'bank-paused-desktop');

      // Its matches page now says why it is empty.
      await page.goto(productUrl);
      await page.getByText('该产品已暂停，恢复后将重新匹配企业').waitFor();

      // English labels for the same panel after resuming.
      await page.goto('/bank');
      await page.getByTestId('language-toggle').click();
      await row.getByTestId('toggle-status').filter({ hasText: 'Resume' }).click();
      const panel = progressPanel(page);
      await finishedPanel(page).waitFor({ timeout: JOB_TIMEOUT_MS });
      expect(await panel.getAttribute('data-phase')).toBe('completed');
      expect(await panel.getByTestId('matching-state').innerText()).toBe('Done');
      expect(await panel.getByTestId('matched-firms').innerText()).toMatch(new RegExp(`^\\s*${matched} firms? matched$`));
      await page.getByTestId('language-toggle').click();
    });
  });

  it('edits a product: the reach before saving follows the thresholds, and saving re-matches it', async () => {
    await withPage(browser, async (page) => {
      // Published through the API, so this journey does not lean on the one above.
      const session = await page.request.post('/api/v1/auth/login', {
        data: { email: 'bank@lianrong.demo', password: DEMO_PASSWORD },
      });
      const token = ((await session.json()) as { accessToken: string }).accessToken;
      const created = await page.request.post('/api/v1/products', {
        headers: { Authorization: `Bearer ${token}` },
        data: {
          name: EDITED,
          kind: 'credit',
          amountMin: 100_000,
          amountMax: 50_000_000,
          termMin: 1,
          termMax: 60,
          rateMinBps: 300,
          rateMaxBps: 600,
          regions: ['43'],
        },
      });
      expect(created.status()).toBe(201);
      published.push({ id: ((await created.json()) as { id: string }).id, token });

      await login(page, 'bank@lianrong.demo');
      await page.waitForURL('**/bank');
      const row = page.getByTestId('products-table').locator('tr.ant-table-row').filter({ hasText: EDITED });
      const form = page.getByTestId('product-form');
      // A draft typed into the publish form and cancelled does not leak into an edit.
      await page.getByTestId('publish-product').click();
      await form.waitFor();
      await page.getByLabel('产品名称').fill('未发布的草稿');
      await page.getByLabel('最低研发投入占比（%）').fill('9');
      await page.getByRole('button', { name: '取 消' }).or(page.getByRole('button', { name: '取消' })).click();
      await form.waitFor({ state: 'detached' });

      await row.getByTestId('edit-product').click();
      await form.waitFor();
      expect(await page.getByLabel('产品名称').inputValue()).toBe(EDITED);
      expect(await page.getByLabel('最低研发投入占比（%）').inputValue()).toBe('');
      await page.getByText(`编辑产品：${EDITED}`).waitFor();
      // The stored product comes back in 万元 and %.
      expect(await page.getByLabel('最高额度（万元）').inputValue()).toBe('5000');
      expect(await page.getByLabel('最低年化利率（%）').inputValue()).toBe('3.00');
      await form.getByTestId('regions-picker').getByText('湖南省').waitFor();
      const wide = await settledReach(page);
      expect(wide.needs).toBeGreaterThanOrEqual(2);

      // Tighter thresholds: the figure drops before anything is saved.
      await page.getByLabel('最低研发投入占比（%）').fill('6');
      await page.getByLabel('最少发明专利（件）').fill('5');
      await page.locator(`[data-testid="dry-run-reach"]:not([data-count="${wide.needs}"])`).waitFor();
      const thresholds = await settledReach(page);
      expect(thresholds.needs).toBeLessThan(wide.needs);
      expect(await page.getByTestId('dry-run-count').innerText()).toBe(`预计可触达 ${thresholds.needs} 个开放需求`);

      // Regions come from the GB/T 2260 tree, searched by name: Hunan gives way to Changsha alone.
      const regionsPicker = form.getByTestId('regions-picker');
      await regionsPicker.locator('.ant-select-selection-item').filter({ hasText: '湖南省' }).locator('.ant-select-selection-item-remove').click();
      const regions = page.getByLabel('适用地区', { exact: true });
      await regions.click();
      await regions.fill('长沙');
      const changsha = page.locator('.ant-select-dropdown:visible .ant-select-tree-treenode').filter({ hasText: /^长沙市$/ });
      await changsha.waitFor();
      await screenshot(page, 'bank-edit-region-picker-desktop', false);
      await changsha.locator('.ant-select-tree-checkbox').click();
      await page.keyboard.press('Escape');
      await regionsPicker.getByText('湖南省长沙市').waitFor();
      const tight = await settledReach(page);
      expect(tight.needs).toBeLessThanOrEqual(thresholds.needs);
      await screenshot(page, 'bank-edit-form-desktop', false);

      const [request] = await Promise.all([
        page.waitForRequest((r) => r.method() === 'PATCH' && new URL(r.url()).pathname.startsWith('/api/v1/products/')),
        page.getByTestId('product-submit').click(),
      ]);
      expect(request.postDataJSON()).toMatchObject({
        name: EDITED,
        minRdIntensityBps: 600,
        minInventionPatents: 5,
        minRevenue: null,
        regions: ['4301'],
      });
      await form.waitFor({ state: 'hidden' });
      expect(await progressPanel(page).innerText()).toContain(`「${EDITED}」已更新 · 重新匹配企业`);
      const matched = await matchedFirmsAfterCompletion(page);
      expect(matched).toBe(tight.firms);
      await toastGone(page);

      // Opened again, the form shows what was saved.
      await row.getByTestId('edit-product').click();
      await form.waitFor();
      expect(await page.getByLabel('最低研发投入占比（%）').inputValue()).toBe('6');
      expect((await settledReach(page)).needs).toBe(tight.needs);

      await asPhone(page);
      await row.getByTestId('edit-product').click();
      await form.waitFor();
      await settledReach(page);
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'bank-edit-form-phone', false);
    });
  });

  it('fits the publish form and the progress panel on a 375 px phone', async () => {
    await withPage(browser, async (page) => {
      await page.setViewportSize(PHONE);
      await login(page, 'bank@lianrong.demo');
      await page.waitForURL('**/bank');
      await page.getByTestId('products-table').locator('tr.ant-table-row').first().waitFor();
      await expectNoSidewaysScroll(page);

      await page.getByTestId('publish-product').click();
      await page.getByTestId('product-form').waitFor();
      const drawer = page.locator('.ant-drawer-content-wrapper');
      const box = await drawer.boundingBox();
      expect(box?.width).toBe(PHONE.width);
      await page.getByTestId('product-submit').click();
      await page.getByText('请输入产品名称（2–100 字）').waitFor();
      await screenshot(page, 'bank-publish-form-phone', false);

      // Publishing from the phone shows the same job panel; 500.5万元 and 4.35% arrive as whole yuan and bps.
      await page.getByLabel('产品名称').fill('成长贷（手机发布）');
      await page.getByLabel('最低额度（万元）').fill('50');
      await page.getByLabel('最高额度（万元）').fill('500.5');
      await page.getByLabel('最短期限（月）').fill('12');
      await page.getByLabel('最长期限（月）').fill('24');
      await page.getByLabel('最低年化利率（%）').fill('4.35');
      await page.getByLabel('最高年化利率（%）').fill('6');
      const [request] = await Promise.all([
        page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/products'),
        page.getByTestId('product-submit').click(),
      ]);
      expect(request.postDataJSON()).toMatchObject({ amountMin: 500_000, amountMax: 5_005_000, rateMinBps: 435, rateMaxBps: 600 });
      await page.getByTestId('product-form').waitFor({ state: 'hidden' });
      await matchedFirmsAfterCompletion(page);
      await expectNoSidewaysScroll(page);
      await toastGone(page);
      await screenshot(page, 'bank-published-phone');
    });
  });
});
