import { readFileSync } from 'node:fs';
import path from 'node:path';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { beforeAll, describe, expect, test } from 'vitest';
import { formatContext } from '../../src/report/formats.ts';
import { markdown, WORST_ROWS } from '../../src/report/markdown.ts';
import { oneLine, truncate } from '../../src/report/text.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { cluster, finding, HOSTILE, largeResult, POLICIES, result } from './build.ts';

/**
 * Renders as GitHub does (CommonMark + GFM tables and autolinks), raw HTML and every link protocol
 * let through, so that markup which escaped the escaping shows up as elements.
 */
const render = (md: string): string =>
  micromark(md, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true, allowDangerousProtocol: true });

const decode = (html: string): string =>
  html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** The cells of the body rows of the n-th table, as text. */
function rows(html: string, n: number): string[][] {
  const table = html.split('<table>')[n + 1]?.split('</table>')[0] ?? '';
  const body = table.split('<tbody>')[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...(m[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => decode(c[1] ?? '')));
}

/** Elements that only injected markup could produce in this report. */
const INJECTED = /<(a|img|code|em|strong|del|h1|h4|h5|h6|script|iframe|pre|blockquote|ul|ol)\b/;

describe('the Markdown summary of the fixture inventory', () => {
  let md: string;
  let out: string;
  beforeAll(() => {
    out = tempDir('egress-md-');
    const r = runCli(['scan', '-i', 'test/report/fixtures', '-f', 'markdown,json,sarif', '--out-dir', out, '--profile', 'secure', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    md = readFileSync(path.join(out, 'egress-audit.md'), 'utf8');
  });

  test('gives totals and the worst findings, most severe first', () => {
    const html = render(md);
    expect(html).toContain('<h2>egress-audit: 5 findings in 3 of 3 clusters</h2>');
    expect(rows(html, 0)).toEqual([['findings', '4', '1', '0', '0', '5']]);
    const worst = rows(html, 1);
    expect(worst.map((r) => `${r[0]} ${r[1]} ${r[2]}`)).toEqual([
      'high EG001 outbound-type-allowed aks-ok',
      'high EG001 outbound-type-allowed aks-win',
      'high EG001 outbound-type-allowed aks-prod',
      'high EG003 outbound-type-prerequisites aks-prod',
      'medium EG014 windows-outbound-nat-disabled aks-win',
    ]);
    expect(worst[4]![3]).toBe('win1');
    const report = JSON.parse(readFileSync(path.join(out, 'egress-audit.json'), 'utf8')) as { findings: { policyId: string; message: string }[] };
    expect(worst[4]![4]).toBe(report.findings.find((f) => f.policyId === 'EG014')!.message);
  });

  test('says where the full report is, without a link', () => {
    const html = render(md);
    expect(html).toContain(`Full report: egress-audit.json, egress-audit.sarif in the report folder ${out} of this run.`);
    expect(html).not.toMatch(INJECTED);
  });
});

describe('Markdown summaries', () => {
  test('hostile names render as text, cut with a marker, and leave the table intact', () => {
    const clusters = HOSTILE.map((name, i) => cluster(i, { name }));
    const [high] = POLICIES;
    const md = markdown(result(clusters, clusters.map((c) => finding(c, high!, 0, { message: `bad ${c.name}` }))), formatContext({ outDir: 'out|[x](y)' }));
    expect(md.split('\n').filter((l) => l.startsWith('#'))).toHaveLength(2);
    const html = render(md);
    expect(html).not.toMatch(INJECTED);
    const table = rows(html, 1);
    expect(table).toHaveLength(WORST_ROWS);
    for (const r of table) expect(r).toHaveLength(5);
    // compareFindings orders by cluster ID, so match each row to its cluster by the message.
    for (const name of HOSTILE) {
      const row = table.find((r) => r[4] === truncate(`bad ${oneLine(name)}`, 200));
      expect(row, name).toBeDefined();
      expect(row![2]).toBe(truncate(oneLine(name), 60));
    }
    expect(table.some((r) => r[2]!.endsWith('…') && r[2]!.length === 60)).toBe(true);
    expect(html).toContain('in the report folder out|[x](y) of this run.');
  });

  test('a large scan shows the ten worst and how many more there are', () => {
    const html = render(markdown(largeResult(3_000), formatContext()));
    expect(html).toContain('<h2>egress-audit: 18000 findings in 3000 of 3000 clusters</h2>');
    const worst = rows(html, 1);
    expect(worst).toHaveLength(WORST_ROWS);
    expect(worst.every((r) => r[0] === 'high')).toBe(true);
    expect(html).toContain('…and 17990 more.');
  });

  test('suppressed findings are not counted and the summary says so', () => {
    const cs = [cluster(1), cluster(2)];
    const [high, medium] = POLICIES;
    const r = result(cs, [finding(cs[0]!, high!, 0, { suppression: { policy: '*', resource: '**', justification: 'accepted', expires: '2030-01-31', file: 's.yaml', line: 2 } }), finding(cs[1]!, medium!, 0), finding(cs[1]!, medium!, 1)]);
    const html = render(markdown(r, formatContext({ formats: ['markdown'] })));
    expect(html).toContain('<h2>egress-audit: 2 findings in 1 of 2 clusters</h2>');
    expect(rows(html, 0)).toEqual([['findings', '0', '2', '0', '0', '2']]);
    expect(html).toContain('1 suppressed finding not counted (listed below).');
    expect(html).toContain('Full report: add json or html');
  });

  test('a clean scan has no findings table', () => {
    const html = render(markdown(result([cluster(1, { status: 'pass' })], []), formatContext()));
    expect(html).toContain('<h2>egress-audit: 0 findings in 0 of 1 cluster</h2>');
    expect(html.match(/<table>/g)).toHaveLength(1);
  });
});
