import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { asPhone, expectNoSidewaysScroll, launchBrowser, login, networkSettled, screenshot, withPage } from './support/browser';
import { notifyOrg, withDatabase } from './support/db';

// Issue 10, item 7: a bank's move reaches the firm's open page at once. The notice is
// written as the review flow writes it (rows and pg_notify in one committed transaction);
// the page hears of it through the SSE stream, with no reload and no poll.

const FIRM = '湖南博匠信息科技有限公司';
// The seeds queue a full rematch; the worker ranks the demo firm's needs within seconds.
const WORKER_TIMEOUT_MS = 30_000;

interface FirmMatch {
  firm_id: string;
  match_id: string;
  need_id: string;
  product_name: string;
  bank_name: string;
}

let browser: Browser;
let match: FirmMatch;

beforeAll(async () => {
  browser = await launchBrowser();
  const deadline = Date.now() + WORKER_TIMEOUT_MS;
  for (;;) {
    const found = await withDatabase(async (db) => {
      const { rows } = await db.query<FirmMatch>(
        `SELECT f.id AS firm_id, m.id AS match_id, m.need_id, p.name AS product_name, b.name AS bank_name
           FROM matches m
           JOIN organizations f ON f.id = m.firm_id
           JOIN loan_products p ON p.id = m.product_id
           JOIN organizations b ON b.id = m.bank_id
          WHERE f.name = $1
          ORDER BY m.score DESC NULLS LAST, m.id LIMIT 1`,
        [FIRM],
      );
      return rows[0];
    });
    if (found) {
      match = found;
      break;
    }
    if (Date.now() > deadline) throw new Error(`no match of ${FIRM} after ${WORKER_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
});

afterAll(async () => {
  await browser?.close();
});

const bell = (page: Page) => page.getByTestId('notification-bell');

async function unread(page: Page): Promise<number> {
  return Number(await bell(page).getAttribute('data-unread'));
}

/** Waits until the bell shows `count` unread, as the page updates itself. */
async function bellShows(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="notification-bell"]')?.getAttribute('data-unread') === String(n),
    count,
    { timeout: 10_000 },
  );
}

describe('notifications', () => {
  it('a bank’s move reaches the firm’s open page live; the firm reads it and goes to the need', async () => {
    await withPage(browser, async (page) => {
      await login(page, 'firm@lianrong.demo');
      await page.waitForURL('**/firm');
      await bell(page).waitFor();
      // The list has loaded (the count is the server's), and the stream has said hello.
      await networkSettled(page);
      const before = await unread(page);
      const navigations: string[] = [];
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations.push(frame.url());
      });
      // Fallback polling only runs while the stream is down: a list request now would mean no stream.
      const listRequests: string[] = [];
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/api/v1/notifications') listRequests.push(r.url());
      });

      await notifyOrg(match.firm_id, {
        kind: 'application_moved',
        matchId: match.match_id,
        params: { to: 'in_review', productName: match.product_name, bankName: match.bank_name },
      });
      await bellShows(page, before + 1);
      expect(navigations).toEqual([]);
      expect(listRequests).toEqual([]);
      expect(await bell(page).getAttribute('aria-label')).toBe(`通知，${before + 1} 条未读`);
      await screenshot(page, 'notifications-bell-desktop', false);

      await bell(page).click();
      const list = page.getByTestId('notification-list');
      await list.waitFor();
      const newest = list.getByTestId('notification-item').first();
      expect(await newest.innerText()).toContain(`${match.bank_name} 已将「${match.product_name}」申请推进到 审批中`);
      expect(await newest.getAttribute('data-unread')).toBe('true');
      await screenshot(page, 'notifications-firm-desktop', false);

      await newest.click();
      await page.waitForURL(`**/firm/needs/${match.need_id}`);
      await bellShows(page, before);
    });
  });

  it('全部已读 clears the count; the drawer fits a phone', async () => {
    await withPage(browser, async (page) => {
      await login(page, 'firm@lianrong.demo');
      await page.waitForURL('**/firm');
      await bell(page).waitFor();
      await networkSettled(page);
      const before = await unread(page);
      for (const to of ['approved', 'disbursed'])
        await notifyOrg(match.firm_id, {
          kind: 'application_moved',
          matchId: match.match_id,
          params: { to, productName: match.product_name, bankName: match.bank_name, amount: 3_000_000 },
        });
      await bellShows(page, before + 2);

      await asPhone(page);
      await bellShows(page, before + 2);
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'notifications-bell-phone', false);
      await bell(page).click();
      const list = page.getByTestId('notification-list');
      await list.getByText(`${match.bank_name} 已将「${match.product_name}」申请推进到 已放款，金额 300万元`).waitFor();
      await expectNoSidewaysScroll(page);
      await screenshot(page, 'notifications-firm-phone', false);

      await page.getByTestId('notifications-read-all').click();
      await bellShows(page, 0);
      expect(await list.locator('[data-testid="notification-item"][data-unread="true"]').count()).toBe(0);
      expect(await bell(page).getAttribute('aria-label')).toBe('通知，没有未读');
    });
  });
});
