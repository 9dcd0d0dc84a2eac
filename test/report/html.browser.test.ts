import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatContext } from '../../src/report/formats.ts';
import { html } from '../../src/report/html.ts';
import { failInCiWithoutChromium, HAVE_CHROMIUM, launchChromium, watchPage } from '../helpers/browser.ts';
import { ROOT, tempDir } from '../helpers/cli.ts';
import { emptyResult, largeResult, LONG_NAME, RTL_NAME, SCRIPT_NAME, SUB_B, smallResult, XSS_NAME } from './html-results.ts';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');

failInCiWithoutChromium();

describe.runIf(HAVE_CHROMIUM)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let small: string;
  let large: string;
  let empty: string;

  beforeAll(async () => {
    const dir = tempDir('egress-audit-html-');
    small = path.join(dir, 'small.html');
    large = path.join(dir, 'large.html');
    empty = path.join(dir, 'empty.html');
    writeFileSync(empty, html(emptyResult(), formatContext({ outDir: dir })));
    writeFileSync(small, html(smallResult(), formatContext({ outDir: dir })));
    writeFileSync(large, html(largeResult(3000, 12), formatContext({ outDir: dir })));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a report as people do, from disk, and waits for its script to draw the tables. */
  async function open(file: string): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 });
    return { page, problems };
  }

  const rowNames = (page: Page): Promise<string[]> => page.locator('tr.row .cname').allTextContents();
  const shown = (page: Page): Promise<string> => page.locator('#shown').innerText();

  test('loads with no console errors, CSP violations or dialogs, and shows hostile names as text', async () => {
    const { page, problems } = await open(small);
    expect(await page.locator('#count-clusters').innerText()).toBe('8');
    expect(await page.locator('#count-findings').innerText()).toBe('8');
    expect(await page.locator('#count-incomplete').innerText()).toBe('1');
    expect(await page.locator('#count-errors').innerText()).toBe('2');
    const names = await rowNames(page);
    expect(names).toEqual(expect.arrayContaining([XSS_NAME, SCRIPT_NAME, RTL_NAME]));
    // Each name sits in its own bidi isolate, so a right-to-left override cannot reorder its row.
    const rtl = page.locator('tr.row .cname bdi', { hasText: 'evil' });
    expect(await rtl.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('isolate');
    // Render every finding and error too: none of them may turn into markup.
    await page.locator('[data-tab="findings"]').click();
    expect(await page.locator('.finding .msg').allTextContents()).toContain(`Cluster ${XSS_NAME} cannot scale out: SNAT ports run out at 40 nodes.`);
    await page.locator('[data-tab="errors"]').click();
    expect(await page.locator('#view').innerText()).toContain(`name is ${XSS_NAME}`);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    expect(problems).toEqual([]);
  });

  test('an empty scan says so instead of drawing empty tables', async () => {
    const { page, problems } = await open(empty);
    expect(await page.locator('#view').innerText()).toBe('The scan found no clusters.');
    expect(await page.locator('#pager button').count()).toBe(0);
    await page.locator('[data-tab="incomplete"]').click();
    expect(await page.locator('#view').innerText()).toBe('Every cluster was fully evaluated.');
    expect(problems).toEqual([]);
  });

  test('cuts a long name with a marker and keeps the whole name in its tooltip', async () => {
    const { page } = await open(small);
    const cell = page.locator('tr.row .cname bdi.clipped');
    expect(await cell.count()).toBe(1);
    const text = await cell.innerText();
    expect(text.endsWith('…')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(61);
    expect(LONG_NAME.startsWith(text.slice(0, -1))).toBe(true);
    expect((await cell.getAttribute('title'))!.length).toBeGreaterThan(200);
  });

  test('filters by severity, policy, subscription and outbound type change what is shown', async () => {
    const { page, problems } = await open(small);
    expect(await rowNames(page)).toHaveLength(8);
    await page.selectOption('#f-sev', 'info');
    expect(await rowNames(page)).toEqual([SCRIPT_NAME]);
    expect(await page.locator('#count-findings').innerText()).toBe('1');
    await page.selectOption('#f-sev', '');
    await page.selectOption('#f-policy', 'EG016');
    expect((await rowNames(page)).sort()).toEqual([RTL_NAME, SCRIPT_NAME].sort());
    await page.selectOption('#f-policy', '');
    await page.selectOption('#f-sub', SUB_B);
    expect((await rowNames(page)).sort()).toEqual(['aks-data', 'aks-web-eu', SCRIPT_NAME].sort());
    await page.selectOption('#f-outbound', 'userDefinedRouting');
    expect(await rowNames(page)).toEqual(['aks-data']);
    await page.selectOption('#f-outbound', 'loadBalancer');
    expect(await rowNames(page)).toEqual([]);
    expect(await shown(page)).toBe('No clusters match the filters');
    await page.click('#reset');
    expect(await rowNames(page)).toHaveLength(8);
    expect(problems).toEqual([]);
  });

  test('search finds a cluster by name and by the text of its findings', async () => {
    const { page } = await open(small);
    await page.fill('#q', 'PAYMENTS');
    await expect.poll(() => rowNames(page)).toEqual(['aks-payments-prod']);
    await page.fill('#q', 'ng-pay-2');
    await expect.poll(() => rowNames(page)).toEqual(['aks-payments-prod']);
    await page.fill('#q', 'no such cluster anywhere');
    await expect.poll(() => rowNames(page)).toEqual([]);
  });

  test('a cluster drills down to its findings, and the copy button copies the az command', async () => {
    const { page, problems } = await open(small);
    await page.locator('tr.row', { hasText: XSS_NAME }).click();
    const detail = page.locator('tr.detail');
    expect(await detail.count()).toBe(1);
    expect(await detail.locator('.finding .pid').allTextContents()).toEqual(['EG019']);
    const command = `az aks update --resource-group rg-batch --name '${XSS_NAME}' --load-balancer-outbound-ports 0`;
    expect(await detail.locator('.cmd code').innerText()).toBe(command);
    await detail.locator('button.copy').click();
    await expect.poll(() => detail.locator('button.copy').innerText()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command);

    await page.locator('tr.row', { hasText: 'aks-data' }).click();
    expect(await page.locator('tr.detail .callout').innerText()).toContain('rt-egress is not in the inventory');
    await page.locator('tr.row', { hasText: 'aks-payments-prod' }).click();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'html-report.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  test('stays usable on a large estate: 3,000 clusters and 32,400 findings, one page of rows at a time', async () => {
    const { page, problems } = await open(large);
    expect(await page.locator('#count-clusters').innerText()).toBe('3,000');
    expect(await page.locator('#count-findings').innerText()).toBe('32,400');
    expect(await page.locator('tr.row').count()).toBe(50);
    expect(await shown(page)).toBe('Showing 1–50 of 3,000 clusters');
    // The interactive view draws one page; the plain tables for print are capped (STATIC_LIMITS) and not laid out on screen.
    expect(await page.evaluate(() => document.querySelectorAll('#explorer *').length)).toBeLessThan(3000);

    await page.selectOption('#f-outbound', 'loadBalancer');
    expect(await shown(page)).toBe('Showing 1–50 of 500 clusters');
    // Every tenth cluster is clean, and a third of those are on loadBalancer.
    await page.selectOption('#f-sev', 'info');
    expect(await shown(page)).toBe('Showing 1–50 of 400 clusters');
    await page.click('#pager button[aria-label="Next page"]');
    expect(await shown(page)).toMatch(/^Showing 51–100 of /);
    await page.locator('[data-tab="findings"]').click();
    expect(await page.locator('.finding').count()).toBe(50);
    expect(await page.locator('.finding .badge').allTextContents()).toEqual(Array(50).fill('Info'));
    await page.fill('#q', 'aks-team45-env4-02664');
    await expect.poll(() => shown(page), { timeout: 10_000 }).toBe('Showing 1–2 of 2 findings');
    expect(await page.locator('.finding .f-meta .strong').allTextContents()).toEqual([
      'aks-team45-env4-02664', 'aks-team45-env4-02664-res1', 'aks-team45-env4-02664', 'aks-team45-env4-02664-res8',
    ]);
    expect(problems).toEqual([]);
  });
});
