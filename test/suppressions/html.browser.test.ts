import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ScanResult } from '../../src/report/model.ts';
import { failInCiWithoutChromium, HAVE_CHROMIUM, launchChromium, watchPage } from '../helpers/browser.ts';
import { tempDir } from '../helpers/cli.ts';
import { byResource, day, INVENTORY, scan, writeFile } from '../helpers/triage.ts';

failInCiWithoutChromium();

/**
 * One real scan with a baseline and suppressions: aks-prod fixed since the baseline, aks-new new,
 * aks-dev's EG001 suppressed, an expired and an unused entry.
 */
function triagedScan(formats: string): { report: ScanResult; out: string; plain: ScanResult } {
  const dir = tempDir();
  const base = scan(['--input', INVENTORY, '--profile', 'secure', '--fail-on', 'none', '--format', formats]);
  const rows = JSON.parse(readFileSync(INVENTORY, 'utf8')) as { id: string; name: string; properties: { networkProfile: { outboundType: string } } }[];
  rows.find((r) => r.name === 'aks-prod')!.properties.networkProfile.outboundType = 'block';
  const dev = rows.find((r) => r.name === 'aks-dev')!;
  rows.push({ ...dev, id: dev.id.replace('aks-dev', 'aks-new'), name: 'aks-new' });
  const inv = writeFile(dir, 'inventory.json', JSON.stringify(rows));
  const supp = writeFile(
    dir,
    'suppressions.yaml',
    `suppressions:
  - policy: EG001
    resource: ${dev.id}
    justification: Dev <b>cluster</b> keeps its load balancer
    expires: ${day(20)}
    owner: team-net
    ticket: https://tickets.example.com/NET-7
  - policy: EG014
    resource: "**/agentPools/win1"
    justification: Lapsed acceptance
    expires: ${day(-2)}
  - policy: EG003
    resource: "**/managedClusters/gone"
    justification: Cluster was deleted
    expires: ${day(20)}
`,
  );
  const r = scan(['--input', inv, '--profile', 'secure', '--fail-on', 'none', '--format', formats, '--baseline', path.join(base.out, 'egress-audit.json'), '--suppressions', supp]);
  expect(r.run.code, r.run.stderr).toBe(0);
  return { report: r.report!, out: r.out, plain: base.report! };
}

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
    await page.locator('#reset').click();
    expect(await page.locator('#count-findings').innerText()).toBe(String(report.findings.length));
    expect(problems).toEqual([]);
  });

  test('keeps the suppressed finding with its justification, owner, expiry, ticket and entry, and does not count it', async () => {
    const { page, problems } = await open();
    await page.locator('[data-tab="findings"]').click();
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
