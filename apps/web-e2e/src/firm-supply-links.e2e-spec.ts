import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { asPhone, expectNoSidewaysScroll, launchBrowser, login, newPage, screenshot } from './support/browser';

// Issue 9, item 9: a supplier (博匠, firm@) finds a core enterprise by name and claims a
// link with its annual sales; the core enterprise (中车株洲所, crrc@) rejects the seeded
// claim of 崇德 with a reason and confirms 博匠's; both sides then see 已确认.

const SUPPLIER = 'firm@lianrong.demo';
const CORE = 'crrc@lianrong.demo';
const CORE_NAME = '中车株洲电力机车研究所有限公司';
const SUPPLIER_NAME = '湖南博匠信息科技有限公司';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function openSupplyLinks(page: Page, email: string): Promise<void> {
  await login(page, email);
  await page.waitForURL('**/firm');
  await page.getByRole('menuitem', { name: '供应链关系' }).click();
  await page.waitForURL('**/firm/supply-links');
  await page.getByTestId('supply-links-title').waitFor();
}

describe('supply links', () => {
  it('a supplier claims a core enterprise, the core firm rejects one claim and confirms another, both see the state', async () => {
    const supplier = await newPage(browser);
    const core = await newPage(browser);
    try {
      // The supplier searches by part of the name: only core enterprises are offered.
      const s = supplier.page;
      await openSupplyLinks(s, SUPPLIER);
      await s.getByTestId('supply-link-submit').click();
      await s.getByText('请选择链主企业').waitFor();
      await s.getByText('请填写年销售额').waitFor();
      await s.getByLabel('链主企业').click();
      await s.getByLabel('链主企业').pressSequentially('株洲');
      const options = s.locator('.ant-select-item-option');
      await options.filter({ hasText: CORE_NAME }).waitFor();
      expect(await options.filter({ hasText: '株洲车城机车配件' }).count()).toBe(0);
      await screenshot(s, 'supply-links-search-desktop', false);
      await options.filter({ hasText: CORE_NAME }).click();
      await s.getByLabel('年销售额（万元）').fill('1200');
      await s.getByTestId('supply-link-submit').click();
      const claimed = s.getByTestId('supplier-links-table').locator('tr', { hasText: CORE_NAME });
      await claimed.getByText('待确认').waitFor();
      await claimed.getByText('1,200万元').waitFor();
      await screenshot(s, 'supply-links-supplier-desktop');

      // The core firm sees both pending claims: the seeded one of 崇德 and 博匠's new one.
      const c = core.page;
      await openSupplyLinks(c, CORE);
      const table = c.getByTestId('core-links-table');
      const chongde = table.locator('tr', { hasText: '湖南崇德科技股份有限公司' });
      const bojiang = table.locator('tr', { hasText: SUPPLIER_NAME });
      await chongde.getByText('待确认').waitFor();
      await bojiang.getByText('待确认').waitFor();
      await screenshot(c, 'supply-links-core-desktop');

      // A rejection needs a reason, said beside the field.
      await chongde.getByTestId('reject-link').click();
      const modal = c.locator('.ant-modal');
      await modal.locator('.ant-btn-dangerous').click();
      await modal.getByText('请填写驳回原因（至少 2 个字）').waitFor();
      await screenshot(c, 'supply-links-reject-desktop', false);
      await modal.getByTestId('reject-reason').fill('2025 年度未发生采购，请核对客户名称');
      await modal.locator('.ant-btn-dangerous').click();
      await chongde.getByText('已驳回').waitFor();
      await chongde.getByText('2025 年度未发生采购，请核对客户名称').waitFor();

      await bojiang.getByTestId('confirm-link').click();
      await c.locator('.ant-popconfirm .ant-btn-primary').click();
      await bojiang.getByText('已确认').waitFor();
      expect(await bojiang.getByTestId('confirm-link').count()).toBe(0);
      await screenshot(c, 'supply-links-core-decided-desktop');

      await asPhone(c);
      await table.locator('tr', { hasText: SUPPLIER_NAME }).getByText('已确认').waitFor();
      await expectNoSidewaysScroll(c);
      await screenshot(c, 'supply-links-core-phone');

      // The supplier sees the decision.
      await s.reload();
      await claimed.getByText('已确认').waitFor();
      await screenshot(s, 'supply-links-supplier-confirmed-desktop');
      await asPhone(s);
      await claimed.getByText('已确认').waitFor();
      await expectNoSidewaysScroll(s);
      await screenshot(s, 'supply-links-supplier-phone');
    } finally {
      await supplier.context.close();
      await core.context.close();
    }
  });
});
