import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, which .ci/run installs; CHROMIUM_PATH points elsewhere for other machines. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const IN_CI = process.env['CI'] === 'true';
const PRESENT = existsSync(CHROMIUM_PATH);

/**
 * Browser tests run when Chromium is installed, and always in CI, where a missing Chromium must
 * fail the run rather than pass it quietly.
 */
export const BROWSER_TESTS = PRESENT || IN_CI;

if (!BROWSER_TESTS) {
  console.warn(
    `\n!!! SKIPPING the headless Chromium tests: no browser at ${CHROMIUM_PATH}.\n` +
      '!!! Install it with `apt-get install chromium` (or set CHROMIUM_PATH); in CI (CI=true) these tests always run.\n',
  );
}

/**
 * The machine has no network: without these switches Chromium keeps trying to reach Google's
 * services and floods the log with refused connections.
 */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchChromium(): Promise<Browser> {
  if (!PRESENT) throw new Error(`Chromium is not installed at ${CHROMIUM_PATH} (CI=true requires it; .ci/run installs Debian's chromium)`);
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
