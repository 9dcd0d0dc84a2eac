import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BASE_CLUSTER, BASE_CLUSTER_ID, mergeDeep } from '../../../src/policy/testing/tester.ts';
import { failInCiWithoutChromium, HAVE_CHROMIUM, launchChromium, watchPage } from '../../helpers/browser.ts';
import { runCli, tempDir } from '../../helpers/cli.ts';

/** Names no Azure resource could have, but an export nobody checked by hand might carry. */
const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(2)</script>',
  "{{constructor.constructor 'alert(3)'}}",
  '[x](javascript:alert(4)) | a|b `code` # h',
  'line\nbreak\u0000\u001b[31mred\u202eevil',
];

const dir = tempDir('egress-audit-hostile-');
const out = path.join(dir, 'out');
const rows = HOSTILE.map((name, i) =>
  mergeDeep(BASE_CLUSTER, {
    id: BASE_CLUSTER_ID.replace(/aks-test$/, `c${i}-${name}`),
    name,
    // A Basic load balancer (EG003, high) and a public API server (EG016): findings that quote the name.
    properties: { networkProfile: { loadBalancerSku: 'basic' }, apiServerAccessProfile: { enablePrivateCluster: false } },
  }),
);
writeFileSync(path.join(dir, 'hostile.json'), JSON.stringify(rows, null, 2));
const run = runCli(['scan', '--input', dir, '--out', out, '--format', 'json,sarif,html,junit,markdown', '--fail-on', 'none']);
const read = (f: string): string => readFileSync(path.join(out, f), 'utf8');

test('the scan of hostile names succeeds, and the console carries no terminal escapes or NULs', () => {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).not.toMatch(/[\u0000\u001b]/);
});

test('JUnit parses with a real XML parser and keeps every name as text', () => {
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(read('egress-audit.junit.xml')) as {
    testsuites: { testsuite: { name: string; testcase: { name: string }[] | { name: string } }[] };
  };
  const cases = xml.testsuites.testsuite.flatMap((s) => (Array.isArray(s.testcase) ? s.testcase : [s.testcase]));
  const names = cases.map((c) => c.name).join('\n');
  for (const n of HOSTILE.slice(0, 4)) expect(names).toContain(n);
  // XML 1.0 forbids NUL and ESC: they are dropped, the rest of the name stays.
  expect(names).toContain('red');
  expect(names).not.toMatch(/[\u0000\u001b]/);
});

test('SARIF messages are plain text that quote the names as they are', () => {
  const sarif = JSON.parse(read('egress-audit.sarif')) as { runs: { results: { message: { text: string } }[] }[] };
  const texts = sarif.runs[0]?.results.map((r) => r.message.text).join('\n') ?? '';
  for (const n of HOSTILE.slice(0, 3)) expect(texts).toContain(n);
});

failInCiWithoutChromium();

describe.runIf(HAVE_CHROMIUM)('HTML and rendered Markdown in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the HTML report runs nothing from the data and shows every name as text', async () => {
    const page = await browser.newPage();
    const problems = watchPage(page);
    await page.goto(pathToFileURL(path.join(out, 'egress-audit.html')).href);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 });
    await page.locator('[data-tab="findings"]').click();
    const text = await page.locator('body').innerText();
    for (const n of HOSTILE.slice(0, 3)) expect(text).toContain(n);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('script:not([type="application/json"])').length)).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('the Markdown summary, rendered as GitHub would (GFM, raw HTML allowed), contains no markup or link from the data', async () => {
    const md = read('egress-audit.md');
    const html = micromark(md, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true, allowDangerousProtocol: true });
    const page = await browser.newPage();
    const problems = watchPage(page);
    await page.setContent(html);
    expect(await page.locator('img, script, a[href^="javascript"]').count()).toBe(0);
    expect(await page.locator('h1, h2, h3').allTextContents()).not.toContain('h');
    const cells = (await page.locator('td').allTextContents()).join('\n');
    expect(cells).toContain('<img src=x onerror=alert(1)>');
    expect(problems).toEqual([]);
    await page.close();
  });
});
