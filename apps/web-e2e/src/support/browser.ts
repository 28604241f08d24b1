import { expect } from '@jest/globals';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { SCREENSHOT_DIR } from './paths';

export const DEMO_PASSWORD = 'Lianrong@2026';
export const DESKTOP = { width: 1366, height: 860 };
export const PHONE = { width: 375, height: 812 };

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set; globalSetup should have started the stack');
  return url.replace(/\/$/, '');
}

// Debian's Chromium, headless; the flags keep it from phoning home or needing a GPU
// or a user namespace inside containers.
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: DESKTOP,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    baseURL: baseUrl(),
    // No CSS animations in screenshots (ECharts turns its own off for webdriver).
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  trackRequests(page);
  return { context, page };
}

// Requests under way per page, except event streams. Playwright's own 'networkidle' leaves
// out EventSource but not a stream read with fetch (the notification bell's, which sends its
// bearer header): that one never finishes, so the page would never count as idle.
const inflight = new WeakMap<Page, Set<Request>>();

const isEventStream = (request: Request) => (request.headers()['accept'] ?? '').includes('text/event-stream');

function trackRequests(page: Page): void {
  const open = new Set<Request>();
  inflight.set(page, open);
  page.on('request', (r) => {
    if (!isEventStream(r)) open.add(r);
  });
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
}

/** No request but event streams under way for `quietMs` (or `timeoutMs` passed): the page shows its data. */
export async function networkSettled(page: Page, quietMs = 500, timeoutMs = 20_000): Promise<void> {
  const open = inflight.get(page);
  if (!open) {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    return;
  }
  const deadline = Date.now() + timeoutMs;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    if (open.size > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * fullPage: false for overlays (drawers) that are fixed to the viewport. Every page we
 * photograph is also checked for accessibility; `ours: false` only for third-party pages
 * (the queue board) that we show but do not build.
 */
export async function screenshot(
  page: Page,
  name: string,
  fullPage = true,
  { ours = true }: { ours?: boolean } = {},
): Promise<void> {
  // Let fonts and the last network answers settle, so the picture shows data, not skeletons.
  await page.evaluate(() => document.fonts.ready);
  await networkSettled(page);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage });
  if (ours) await expectAccessible(page, name);
}

/**
 * How far the page scrolls sideways (0 when nothing overflows the viewport), with the
 * widest offending elements, so a failure names its culprit.
 */
export function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const limit = root.clientWidth;
    const overflow = root.scrollWidth - limit;
    // Wide content inside its own scroll box (a table on a phone) is fine; only
    // elements that push the page itself count.
    const clipped = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    const culprits =
      overflow <= 0
        ? []
        : [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > limit + 0.5 && !clipped(el))
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} → ${Math.round(el.getBoundingClientRect().right)}px`);
    return { overflow, culprits };
  });
}

/** Runs `fn` on a fresh page in its own context, closed afterwards whatever happens. */
export async function withPage<T>(browser: Browser, fn: (page: Page) => Promise<T>): Promise<T> {
  const { context, page } = await newPage(browser);
  try {
    return await fn(page);
  } finally {
    await context.close();
  }
}

export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { overflow, culprits } = await horizontalOverflow(page);
  expect({ overflow, culprits }).toEqual({ overflow: 0, culprits: [] });
}

/** Switches the same page to a phone viewport; a reload re-enters through the stored refresh token. */
export async function asPhone(page: Page): Promise<void> {
  await page.setViewportSize(PHONE);
  await page.reload();
}

/**
 * WCAG 2 A and AA as axe-core checks them (China's GB/T 37668 follows WCAG), on what the
 * page shows now; a failure lists each rule with the elements that break it.
 */
export async function expectAccessible(page: Page, where = page.url()): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`,
  );
  expect({ where, violations: found }).toEqual({ where, violations: [] });
}
