import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import { DESKTOP, asPhone, expectNoSidewaysScroll, launchBrowser, login, screenshot, withPage } from './support/browser';

// Issue 11, items 5, 6 and 8: what the agency does besides watching. It names a chain's lead
// bank (一链一行), keeps the white list (白名单) and sees a whitelisted firm's matches change, and
// runs a roadshow (一月一链 路演) whose invited bank records its intended financing (意向融资额).

const LEAD_CHAIN = '生物医药';
const SEEDED_LEAD = '长沙银行';
const NEW_LEAD = '中国银行湖南省分行';
const FIRM = '湖南星邦智能装备股份有限公司';
const WHITELIST_PRODUCT = '善新贷';
const ROADSHOW_CHAIN = '工程机械';
const CCB = '中国建设银行湖南省分行';
/** The worker re-matches a firm after the outbox relays its change; allow for a cold start. */
const WORKER_TIMEOUT_MS = 60_000;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function pick(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

async function openMenu(page: Page, name: string, url: string): Promise<void> {
  await page.getByRole('menuitem', { name }).click();
  await page.waitForURL(url);
}

async function toastGone(page: Page): Promise<void> {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 15_000 });
}

async function changeLeadBank(page: Page, card: Locator, bank: string): Promise<void> {
  await pick(page, card.getByTestId('lead-bank-select'), bank);
  await page.getByTestId('lead-bank-confirm').click();
  await card.getByTestId('lead-bank-name').getByText(bank, { exact: true }).waitFor();
}

describe('government operations', () => {
  it('the agency changes a chain’s lead bank and reads the new bank’s record on the chain', async () => {
    await withPage(browser, async (gov) => {
      await login(gov, 'gov@lianrong.demo');
      await gov.waitForURL('**/gov');
      await openMenu(gov, '一链一行', '**/gov/lead-banks');
      const card = gov.getByTestId(`lead-bank-${LEAD_CHAIN}`);
      await card.getByTestId('lead-bank-name').getByText(SEEDED_LEAD, { exact: true }).waitFor();
      expect(await card.getByTestId('lead-bank-performance').innerText()).toContain('已响应 0 / 0');

      await changeLeadBank(gov, card, NEW_LEAD);
      await gov.getByText(`${LEAD_CHAIN}的链长银行已改为${NEW_LEAD}`).waitFor();
      // The record is the new bank's: 中国银行 answered the chain's applications (圣湘, 爱威).
      const record = await card.getByTestId('lead-bank-performance').innerText();
      const [, answered, total] = /已响应 (\d+) \/ (\d+)/.exec(record) ?? [];
      expect(Number(total)).toBeGreaterThan(0);
      expect(Number(answered)).toBeGreaterThan(0);
      expect(record).toMatch(/响应时间中位数[\s:：]*\d+(\.5)? 个工作日/);
      expect(await card.getByTestId('lead-bank-history').innerText()).toContain(`${SEEDED_LEAD} → ${NEW_LEAD}`);
      expect(await card.innerText()).toMatch(/\d{4}-\d{2}-\d{2} 起牵头/);
      await toastGone(gov);
      await screenshot(gov, 'gov-lead-banks-desktop');

      await asPhone(gov);
      await card.getByTestId('lead-bank-name').waitFor();
      await expectNoSidewaysScroll(gov);
      await screenshot(gov, 'gov-lead-banks-phone');
      await gov.setViewportSize(DESKTOP);

      // Back to the seeded bank: a second change in a row is re-matched together with the first.
      await changeLeadBank(gov, card, SEEDED_LEAD);
      expect(await card.getByTestId('lead-bank-history').innerText()).toContain(`${NEW_LEAD} → ${SEEDED_LEAD}`);
    });
  });

  it('the agency whitelists a firm with a reason, sees what it opens and the firm’s matches change, then takes it off', async () => {
    await withPage(browser, async (gov) => {
      await login(gov, 'gov@lianrong.demo');
      await gov.waitForURL('**/gov');
      await openMenu(gov, '白名单', '**/gov/whitelist');
      const table = gov.getByTestId('whitelist-table');
      await table.getByText('湖南飞沃新能源科技股份有限公司').waitFor();
      expect(await table.innerText()).not.toContain(FIRM);

      // Both fields are required.
      await gov.getByTestId('whitelist-add-submit').click();
      await gov.getByText('请选择企业').waitFor();
      await gov.getByText('请写明理由（2–500 字）').first().waitFor();

      // Found by part of its name, within the agency's region.
      const search = gov.getByLabel('企业', { exact: true });
      await search.click();
      await search.pressSequentially('星邦');
      const option = gov.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: FIRM });
      await option.waitFor();
      expect(await option.innerText()).toContain('专精特新“小巨人”');
      await option.click();
      await gov.getByLabel('理由').fill('2025年度省级专精特新白名单（第二批）');
      await gov.getByTestId('whitelist-add-submit').click();

      // The effect, by the matching rules: 善新贷 requires the list.
      const effect = gov.getByTestId('whitelist-effect');
      await effect.getByText(`已将${FIRM}列入白名单`).waitFor();
      expect(await effect.getByTestId('whitelist-effect-counts').innerText()).toBe('在途需求 1 笔，可申请产品 1 → 2 个');
      expect(await effect.innerText()).toContain(`新增可申请： ${WHITELIST_PRODUCT} · ${CCB}`);
      await table.getByText(FIRM).waitFor();
      await gov.getByTestId('whitelist-changes').getByText('2025年度省级专精特新白名单（第二批）').waitFor();
      await screenshot(gov, 'gov-whitelist-added-desktop');

      // The firm's own view gains the product once the worker has re-matched it.
      await effect.getByTestId('whitelist-effect-matches').click();
      const drawer = gov.getByTestId('firm-matches-drawer');
      await drawer
        .getByTestId('firm-match')
        .filter({ hasText: WHITELIST_PRODUCT })
        .waitFor({ timeout: WORKER_TIMEOUT_MS });
      const match = await drawer.getByTestId('firm-match').filter({ hasText: WHITELIST_PRODUCT }).innerText();
      expect(match).toContain('白名单专属');
      expect(match).toMatch(/匹配度 \d+\.\d/);
      await drawer.getByTestId('firm-matches-rematching').waitFor({ state: 'detached' });
      await screenshot(gov, 'gov-whitelist-firm-matches-desktop', false);
      await gov.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });

      await asPhone(gov);
      await table.getByText(FIRM).waitFor();
      await expectNoSidewaysScroll(gov);
      await screenshot(gov, 'gov-whitelist-phone');
      await gov.setViewportSize(DESKTOP);

      // Taking it off needs a reason too, and closes what the list opened.
      const row = table.locator('tr.ant-table-row').filter({ hasText: FIRM });
      await row.getByTestId('whitelist-remove').click();
      await gov.getByTestId('whitelist-remove-submit').click();
      await gov.locator('.ant-modal').getByText('请写明理由（2–500 字）').first().waitFor();
      await gov.locator('.ant-modal').getByLabel('理由').fill('企业主动申请退出');
      await gov.getByTestId('whitelist-remove-submit').click();
      await effect.getByText(`已将${FIRM}移出白名单`).waitFor();
      expect(await effect.innerText()).toContain(`不再可申请： ${WHITELIST_PRODUCT}`);
      await row.waitFor({ state: 'detached' });
    });
  });

  it('the agency creates a roadshow and sees who is invited; the bank records an intended amount the agency then sees', async () => {
    await withPage(browser, async (gov) => {
      await login(gov, 'gov@lianrong.demo');
      await gov.waitForURL('**/gov');
      await openMenu(gov, '路演对接', '**/gov/roadshows');
      // The seeded fair: intended, approved and disbursed side by side.
      await gov.getByTestId('roadshows-table').getByText('“一月一链”轨道交通产业链投融资路演暨专精特新企业投融会').waitFor();
      await screenshot(gov, 'gov-roadshows-desktop');

      await gov.getByTestId('roadshow-create').click();
      await gov.getByTestId('roadshow-create-submit').click();
      await gov.getByText('请选择产业链').waitFor();
      await pick(gov, gov.getByLabel('产业链', { exact: true }), ROADSHOW_CHAIN);
      await gov.getByLabel('地点').fill('长沙·湖南省工业和信息化厅');
      await gov.getByTestId('roadshow-create-submit').click();

      // Invitations follow from the chain: its firms with open needs, its lead bank, the matched banks.
      await gov.waitForURL('**/gov/roadshows/*');
      const roadshowUrl = gov.url();
      await gov.getByTestId('roadshow-title').getByText(`${ROADSHOW_CHAIN}产业链“一月一链”投融资路演`).waitFor();
      const firms = gov.getByTestId('roadshow-firms');
      for (const firm of [FIRM, '湖南飞沃新能源科技股份有限公司', '株洲南方阀门股份有限公司']) {
        await firms.getByText(firm).waitFor();
      }
      const lead = gov.getByTestId('roadshow-banks').locator('tr').filter({ hasText: CCB });
      await lead.getByText('链长银行').waitFor();
      await gov.getByTestId('roadshow-banks').getByText(NEW_LEAD).waitFor();
      await toastGone(gov);
      await screenshot(gov, 'gov-roadshow-created-desktop');

      // A second roadshow of the chain in the same month is refused.
      await gov.goto('/gov/roadshows');
      await gov.getByTestId('roadshow-create').click();
      await pick(gov, gov.getByLabel('产业链', { exact: true }), ROADSHOW_CHAIN);
      await gov.getByTestId('roadshow-create-submit').click();
      await gov.getByTestId('roadshow-refusal').getByText('该产业链当月已有路演').waitFor();
      await gov.keyboard.press('Escape');

      // The lead bank sees the invitation on its home page and records what it intends to lend.
      await withPage(browser, async (bank) => {
        await login(bank, 'ccb@lianrong.demo');
        await bank.waitForURL('**/bank');
        const invitation = bank
          .getByTestId('roadshow-invitation')
          .filter({ hasText: `${ROADSHOW_CHAIN}产业链“一月一链”投融资路演` });
        await invitation.getByText('链长银行').waitFor();
        expect(await invitation.getByTestId('roadshow-invitation-intents').innerText()).toBe('本行已登记意向 0 家 · 合计 0万元');
        await screenshot(bank, 'bank-roadshow-invitation-desktop');
        await invitation.getByTestId('roadshow-open').click();
        await bank.waitForURL('**/bank/roadshows/*');
        const row = bank.getByTestId('roadshow-invited-firms').locator('tr.ant-table-row').filter({ hasText: FIRM });
        await row.getByTestId('intent-edit').click();
        await bank.getByTestId('intent-submit').click();
        await bank.getByText('请填写大于 0 的金额').waitFor();
        await bank.getByLabel('意向融资额（万元）').fill('3000');
        await bank.getByLabel('备注').fill('善新贷，待列入白名单后授信');
        await bank.getByTestId('intent-submit').click();
        await row.getByTestId('intent-amount-value').getByText('3,000万元').waitFor();
        await bank.getByTestId('intent-total').getByText('本行已登记意向 1 家 · 合计 3,000万元').waitFor();
        await toastGone(bank);
        await screenshot(bank, 'bank-roadshow-intents-desktop');

        await asPhone(bank);
        await row.waitFor();
        await expectNoSidewaysScroll(bank);
        await screenshot(bank, 'bank-roadshow-intents-phone');
      });

      // The agency reads the intent beside what was approved and disbursed since.
      await gov.goto(roadshowUrl);
      const figures = gov.getByTestId('roadshow-figures');
      await figures.getByText('3,000万元').waitFor();
      const intents = gov.getByTestId('roadshow-intents').locator('tr.ant-table-row');
      expect(await intents.count()).toBe(1);
      expect(await intents.first().innerText()).toContain(`${CCB}\t${FIRM}\t3,000万元\t善新贷，待列入白名单后授信`);
      const ccbRow = await lead.innerText();
      expect(ccbRow).toContain('3,000万元');
      await screenshot(gov, 'gov-roadshow-intents-desktop');

      await asPhone(gov);
      await figures.waitFor();
      await expectNoSidewaysScroll(gov);
      await screenshot(gov, 'gov-roadshow-phone');
    });
  });

  it('an invited firm sees the roadshow and the banks’ intents on its home page', async () => {
    await withPage(browser, async (firm) => {
      await login(firm, 'checheng@lianrong.demo');
      await firm.waitForURL('**/firm');
      const invitation = firm.getByTestId('roadshow-invitation').filter({ hasText: '轨道交通' });
      await invitation.getByText('“一月一链”轨道交通产业链投融资路演暨专精特新企业投融会').waitFor();
      expect(await invitation.getByTestId('roadshow-invitation-intents').innerText()).toBe('银行意向 1 家 · 合计 300万元');
      await screenshot(firm, 'firm-roadshow-invitation-desktop');
    });
  });
});
