import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatContext } from '../../src/report/formats.ts';
import { html } from '../../src/report/html.ts';
import type { ScanResult } from '../../src/scan/result.ts';
import { failInCiWithoutChromium, HAVE_CHROMIUM, launchChromium, openReport } from '../helpers/browser.ts';
import { ROOT, tempDir } from '../helpers/cli.ts';
import { finding, smallResult, XSS_NAME } from './html-results.ts';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');

failInCiWithoutChromium();

/** The small report, with aks-web-eu's only finding suppressed (and so not counted). */
function triaged(): ScanResult {
  const r = smallResult();
  const web = r.clusters.find((c) => c.name === 'aks-web-eu')!;
  const suppression = { policy: 'EG016', resource: web.id, justification: 'Accepted until the migration', expires: '2099-01-01', file: 'suppressions.yaml', line: 2 };
  r.findings.push(finding(web, 'EG016', { suppression }));
  web.findings = 1;
  r.suppressions = { file: 'suppressions.yaml', entries: 1, suppressed: 1, expired: [], unused: [] };
  return r;
}

describe.runIf(HAVE_CHROMIUM)('the HTML report offline: printed, without JavaScript, on a phone', () => {
  let browser: Browser;
  let file: string;
  let result: ScanResult;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    result = triaged();
    file = path.join(tempDir('egress-audit-html-offline-'), 'report.html');
    writeFileSync(file, html(result, formatContext()));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const open = (options: BrowserContextOptions = {}): Promise<{ page: Page; problems: string[] }> => openReport(browser, file, options);

  /** What a reader sees in the full tables: the text of each visible finding row. */
  const visibleFindings = (page: Page): Promise<string[]> => page.locator('.static tr.sfinding:visible').allInnerTexts();

  test('with JavaScript off, the clusters table and every finding are there as plain HTML, names as text', async () => {
    const { page, problems } = await open({ javaScriptEnabled: false });
    expect(await page.locator('#explorer').isVisible()).toBe(false);
    const rows = page.locator('.static-clusters tbody tr');
    expect(await rows.count()).toBe(result.clusters.length);
    expect(await page.locator('.static-clusters .cname').allInnerTexts()).toContain(XSS_NAME);
    const findings = await visibleFindings(page);
    expect(findings).toHaveLength(result.findings.length);
    for (const f of result.findings.filter((x) => x.message.length < 200)) expect(findings.join('\n')).toContain(f.message);
    expect(await page.locator('img').count()).toBe(0);
    // The cluster whose only finding is suppressed says so instead of an empty cell.
    expect(await rows.filter({ hasText: 'aks-web-eu' }).locator('.cfindings').innerText()).toBe('all 1 finding suppressed');
    await page.screenshot({ path: path.join(ARTIFACTS, 'html-no-javascript.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  test('printed, it shows every finding with message, resource, remediation and command, clusters expanded, no controls', async () => {
    const { page, problems } = await open();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#explorer').isVisible()).toBe(false);
    expect(await page.locator('button:visible, select:visible, input:visible').count()).toBe(0);
    const text = (await visibleFindings(page)).join('\n');
    expect(await page.locator('.static tr.sfinding:visible').count()).toBe(result.findings.length);
    const withCommand = result.findings.find((f) => f.remediation.command)!;
    for (const part of [withCommand.message, withCommand.resourceId, withCommand.remediation.text, withCommand.remediation.command!]) expect(text).toContain(part);
    const blocks = page.locator('.cluster-block');
    const clustersWithFindings = new Set(result.findings.map((f) => f.clusterId)).size;
    expect(await blocks.count()).toBe(clustersWithFindings);
    expect(await blocks.nth(1).evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page');
    const pdf = await page.pdf({ format: 'A4', path: path.join(ARTIFACTS, 'html-print.pdf') });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    // The overview, then a page for each cluster with findings.
    expect(pages).toBeGreaterThan(clustersWithFindings);
    expect(problems).toEqual([]);
  });

  test.each([true, false])('at 390 px wide nothing scrolls sideways (JavaScript %s)', async (javaScriptEnabled) => {
    const { page, problems } = await open({ viewport: { width: 390, height: 844 }, javaScriptEnabled });
    if (javaScriptEnabled) {
      await page.locator('tr.row', { hasText: 'aks-payments-prod' }).click();
      expect(await page.locator('tr.detail .finding').count()).toBe(2);
    }
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(sideways).toBeLessThanOrEqual(0);
    // What is read at that width: the names and messages, not cut off by the edge.
    const msg = page.locator(javaScriptEnabled ? 'tr.detail .finding .msg' : '.static .msg').first();
    const box = (await msg.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(ARTIFACTS, `html-390px-${javaScriptEnabled ? 'js' : 'nojs'}.png`), fullPage: true });
    expect(problems).toEqual([]);
  });

  test('the findings tab counts what the card counts; the all-suppressed cluster says so', async () => {
    const { page, problems } = await open();
    const card = await page.locator('.kpi', { hasText: 'Findings' }).locator('.kpi-value').innerText();
    expect(card).toBe(String(result.summary.findings));
    expect(await page.locator('#count-findings').innerText()).toBe(card);
    expect(await page.locator('tr.row', { hasText: 'aks-web-eu' }).locator('.chips').innerText()).toBe('all 1 suppressed');
    expect(problems).toEqual([]);
  });
});
