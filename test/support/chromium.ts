/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser) for the HTML report
 * tests: one launch with the flags that keep it offline, and a watcher that collects what a page
 * must not do (console errors and warnings, page errors, dialogs, network requests).
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** A test's `skip` option: false when Chromium is there, else the reason. */
export const chromiumMissing: false | string = !existsSync(CHROMIUM) && 'chromium is not installed (scripts/setup.sh --with-browser)';

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function watchPage(page: Page): { problems: string[]; requests: string[] } {
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => problems.push(`dialog: ${d.message()}`));
  page.on('request', (r) => requests.push(r.url()));
  return { problems, requests };
}
