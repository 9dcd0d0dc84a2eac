import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { test } from 'vitest';

/** Debian's Chromium, which .ci/run installs; CHROMIUM_PATH points elsewhere for other machines. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const IN_CI = process.env['CI'] === 'true';

/** Browser tests run when Chromium is installed; elsewhere they skip, loudly. */
export const HAVE_CHROMIUM = existsSync(CHROMIUM_PATH);

if (!HAVE_CHROMIUM && !IN_CI) {
  console.warn(
    `\n!!! SKIPPING the headless Chromium tests: no browser at ${CHROMIUM_PATH}.\n` +
      '!!! Install it with `apt-get install chromium` (or set CHROMIUM_PATH); in CI (CI=true) these tests always run.\n',
  );
}

/**
 * In CI a missing Chromium is a failed test, not a quiet skip: a test of its own, so the run's
 * count of failures shows it.
 */
export function failInCiWithoutChromium(): void {
  if (!IN_CI || HAVE_CHROMIUM) return;
  test('headless Chromium is installed (CI=true requires it)', () => {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}; .ci/run installs Debian's chromium (or set CHROMIUM_PATH)`);
  });
}

/**
 * The machine has no network: without these switches Chromium keeps trying to reach Google's
 * services and floods the log with refused connections.
 */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

/** Everything a page does wrong: console errors (CSP violations among them), uncaught exceptions, dialogs. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  return problems;
}

/**
 * Opens a report file as people do, from disk, in a new context (desktop-sized unless `options`
 * say otherwise), and waits for its script to draw the tables unless JavaScript is off.
 */
export async function openReport(browser: Browser, file: string, options: BrowserContextOptions = {}): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 1360, height: 900 }, ...options })).newPage();
  const problems = watchPage(page);
  await page.goto(pathToFileURL(file).href);
  if (options.javaScriptEnabled !== false) await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 });
  return { page, problems };
}
