import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ScanResult } from '../../../src/scan/result.ts';
import { failInCiWithoutChromium, HAVE_CHROMIUM, launchChromium, watchPage } from '../../helpers/browser.ts';
import { byResource, day, INVENTORY, scan, triagedScan } from '../../helpers/triage.ts';

failInCiWithoutChromium();

describe('the HTML report without a baseline or suppressions', () => {
  test('has no triage filter and no triage section', () => {
    const r = scan(['--input', INVENTORY, '--fail-on', 'none', '--format', 'json,html']);
    const page = readFileSync(path.join(r.out, 'egress-audit.html'), 'utf8');
    expect(page).not.toContain('id="f-state"');
    expect(page).not.toContain('class="triage"');
  });
});

describe.runIf(HAVE_CHROMIUM)('the HTML report of a scan with a baseline and suppressions, in headless Chromium', () => {
  let browser: Browser;
  let report: ScanResult;
  let file: string;

  beforeAll(async () => {
    const s = triagedScan('json,html');
    report = s.report;
    file = path.join(s.out, 'egress-audit.html');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(): Promise<{ page: Page; problems: string[] }> {
    const page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
    const problems = watchPage(page);
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 });
    return { page, problems };
  }

  test('highlights new findings and filters to them', async () => {
    const { page, problems } = await open();
    const fresh = report.findings.filter((f) => f.baseline === 'new' && !f.suppression);
    expect(fresh.length).toBeGreaterThan(0);
    await page.locator('[data-tab="findings"]').click();
    expect(await page.locator('.finding.new').count()).toBe(fresh.length);
    expect(await page.locator('.finding.new .badge.triage-new').allTextContents()).toEqual(fresh.map(() => 'New'));
    await page.locator('#f-state').selectOption('new');
    expect(await page.locator('#count-findings').innerText()).toBe(String(fresh.length));
    expect(await page.locator('.finding .msg').allTextContents()).toEqual(fresh.map((f) => f.message));
    await page.locator('#f-state').selectOption('suppressed');
    expect(await page.locator('#count-findings').innerText()).toBe('1');
    // Clearing the filters returns to the default, which leaves suppressed findings out: the tab counts what the card counts.
    await page.locator('#reset').click();
    const unsuppressed = report.findings.filter((f) => !f.suppression).length;
    expect(await page.locator('#count-findings').innerText()).toBe(String(unsuppressed));
    expect(await page.locator('.kpi', { hasText: 'Findings' }).locator('.kpi-value').innerText()).toBe(String(report.summary.findings));
    expect(report.summary.findings).toBe(unsuppressed);
    await page.locator('#f-state').selectOption('');
    expect(await page.locator('#count-findings').innerText()).toBe(String(report.findings.length));
    expect(problems).toEqual([]);
  });

  test('keeps the suppressed finding with its justification, owner, expiry, ticket and entry, and does not count it', async () => {
    const { page, problems } = await open();
    await page.locator('[data-tab="findings"]').click();
    expect(await page.locator('.finding.suppressed').count()).toBe(0);
    await page.locator('#f-state').selectOption('suppressed');
    const card = page.locator('.finding.suppressed');
    expect(await card.count()).toBe(1);
    const text = await card.innerText();
    expect(text).toContain('Suppressed');
    expect(text).toContain('Dev <b>cluster</b> keeps its load balancer');
    expect(text).toContain(`Until ${day(20)} · accepted by team-net`);
    expect(await card.locator('a[href="https://tickets.example.com/NET-7"]').count()).toBe(1);
    expect(text).toMatch(/suppressions\.yaml:2/);
    // The cluster whose only high finding is suppressed shows no high chip.
    await page.locator('[data-tab="clusters"]').click();
    const dev = page.locator('tr.row', { hasText: 'aks-dev' });
    const devFindings = report.findings.filter((f) => f.clusterName === 'aks-dev' && !f.suppression).length;
    expect(await dev.locator('.chip.sev-high').count()).toBe(0);
    expect(await dev.locator('.badge').innerText()).toBe(devFindings ? 'Fail' : 'Pass');
    expect(problems).toEqual([]);
  });

  test('shows the delta, the fixed findings, and the expired and unused entries', async () => {
    const { page } = await open();
    const b = report.baseline!;
    expect(await page.locator('.delta-row').innerText()).toBe(`${b.counts.new} new ${b.counts.unchanged} unchanged ${b.counts.fixed} fixed`);
    const fixed = await page.locator('.fixed-row').allInnerTexts();
    expect(fixed).toHaveLength(b.fixed.length);
    expect(fixed.join('\n')).toContain(byResource({ ...report, findings: b.fixed } as unknown as ScanResult, 'EG001', 'aks-prod').message);
    const expired = await page.locator('.expired-row').allInnerTexts();
    expect(expired).toEqual([expect.stringMatching(/suppressions\.yaml:8\s+EG014\s+\*\*\/agentPools\/win1\s+\d{4}-\d\d-\d\d\s+1\s+Lapsed acceptance/)]);
    expect(await page.locator('.unused-row').allInnerTexts()).toEqual([expect.stringContaining('Cluster was deleted')]);
  });
});
