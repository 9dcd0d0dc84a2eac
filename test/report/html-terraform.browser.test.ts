import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ScanResult } from '../../src/scan/result.ts';
import { failInCiWithoutChromium, HAVE_CHROMIUM, launchChromium, openReport } from '../helpers/browser.ts';
import { ROOT, runCli, tempDir } from '../helpers/cli.ts';
import { XSS_NAME } from './html-results.ts';

failInCiWithoutChromium();

const PLAN = path.join(ROOT, 'test/inventory/sources/terraform/fixtures/modules/plan.json');
/** The plan's `blue` instance key (and so its cluster and subnet names) made markup. */
const HOSTILE_KEY = XSS_NAME;
const BLUE = `module.aks["${HOSTILE_KEY}"].azurerm_kubernetes_cluster.this`;
const GREEN = 'module.aks["green"].azurerm_kubernetes_cluster.this';
const WINDOWS = `module.aks["${HOSTILE_KEY}"].azurerm_kubernetes_cluster_node_pool.windows[0]`;

describe.runIf(HAVE_CHROMIUM)('the HTML report of a Terraform plan', () => {
  let browser: Browser;
  let file: string;
  let result: ScanResult;

  beforeAll(async () => {
    const dir = tempDir('egress-audit-html-tf-');
    const plan = path.join(dir, 'plan.json');
    writeFileSync(plan, readFileSync(PLAN, 'utf8').replaceAll('blue', HOSTILE_KEY));
    const run = runCli(['scan', '--input', plan, '--format', 'html,json', '--out', dir, '--quiet']);
    expect(run.stderr).toBe('');
    result = JSON.parse(readFileSync(path.join(dir, 'egress-audit.json'), 'utf8')) as ScanResult;
    file = path.join(dir, 'egress-audit.html');
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  const open = (options: BrowserContextOptions = {}): Promise<{ page: Page; problems: string[] }> => openReport(browser, file, options);

  /** The "Decided at apply" table as a reader sees it: cluster (and address) | policy | values, one line per row. */
  const decidedRows = async (page: Page): Promise<string[]> =>
    (await page.locator('section.decided tbody tr:visible').allInnerTexts()).map((r) => r.replace(/\s*\n\s*/g, ' | ').replace(/\t/g, ' | '));

  const expectedDecided = [
    `aks-${HOSTILE_KEY} | ${BLUE} | EG008 NAT gateway clusters run Kubernetes 1.20 or newer | ${BLUE}.kubernetes_version`,
    `aks-${HOSTILE_KEY} | ${BLUE} | EG017 Authorized IP ranges include the cluster's egress IPs | ${BLUE}.api_server_access_profile[0].authorized_ip_ranges`,
    `aks-green | ${GREEN} | EG008 NAT gateway clusters run Kubernetes 1.20 or newer | ${GREEN}.kubernetes_version`,
    `aks-green | ${GREEN} | EG017 Authorized IP ranges include the cluster's egress IPs | ${GREEN}.api_server_access_profile[0].authorized_ip_ranges`,
  ];

  test('with JavaScript: the decided-at-apply list per cluster, and each finding and cluster names its Terraform address', async () => {
    const { page, problems } = await open();
    expect(await page.locator('section.decided h2').innerText()).toBe('Decided at apply');
    expect(await decidedRows(page)).toEqual(expectedDecided);

    await page.locator('tr.row', { hasText: `aks-${HOSTILE_KEY}` }).click();
    const detail = page.locator('tr.detail');
    expect(await detail.locator('.kv div', { hasText: 'Terraform' }).locator('dd').innerText()).toBe(BLUE);
    const cards = detail.locator('.finding');
    const addresses = await cards.locator('.tfaddr').allInnerTexts();
    expect(addresses).toHaveLength(await cards.count());
    expect([...new Set(addresses)].sort()).toEqual([BLUE, WINDOWS, 'module.network.azurerm_public_ip.nat'].sort());

    // The address is searchable: the Windows pool's findings alone.
    await page.locator('[data-tab="findings"]').click();
    await page.fill('#q', 'node_pool.windows');
    const expected = result.findings.filter((f) => f.terraformAddress === WINDOWS).map((f) => f.policyId).sort();
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(async () => (await page.locator('#view .finding .pid').allInnerTexts()).sort()).toEqual(expected);

    expect(await page.locator('img').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  test('without JavaScript: the full tables name each finding\'s address, and the decided-at-apply list is there', async () => {
    const { page, problems } = await open({ javaScriptEnabled: false });
    expect(await decidedRows(page)).toEqual(expectedDecided);
    const rows = page.locator('.static tr.sfinding:visible');
    expect(await rows.count()).toBe(result.findings.length);
    const texts = await rows.allInnerTexts();
    const named = (t: string): string => /Terraform (module\.[^\n]+)/.exec(t)?.[1] ?? 'no address';
    expect(texts.map(named).sort()).toEqual(result.findings.map((f) => f.terraformAddress).sort());
    expect(await page.locator('img').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  test('printed: the decided-at-apply list and the addresses are on paper', async () => {
    const { page, problems } = await open();
    await page.emulateMedia({ media: 'print' });
    expect(await decidedRows(page)).toEqual(expectedDecided);
    expect(await page.locator('.static .tfaddr:visible').count()).toBe(result.findings.length);
    expect(problems).toEqual([]);
  });
});
