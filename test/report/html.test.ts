import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatContext } from '../../src/report/formats.ts';
import { html } from '../../src/report/html.ts';
import { clip, LIMITS, scriptJson, type Payload } from '../../src/report/html/payload.ts';
import type { ScanResult } from '../../src/scan/result.ts';
import { ROOT, runCli, tempDir } from '../helpers/cli.ts';
import { LONG_NAME, SCRIPT_NAME, smallResult, TEMPLATE_NAME, XSS_NAME } from './html-results.ts';

const render = (r: ScanResult): string => html(r, formatContext({ outDir: '.' }));

/** The inline script, style and data block, the CSP, and the markup with their contents cut out. */
function parts(doc: string) {
  const one = (re: RegExp): string => {
    const all = [...doc.matchAll(re)];
    expect(all).toHaveLength(1);
    return all[0]![1]!;
  };
  const unescape = (s: string): string => s.replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return {
    script: one(/<script>([\s\S]*?)<\/script>/g),
    style: one(/<style>([\s\S]*?)<\/style>/g),
    data: one(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/g),
    csp: unescape(one(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)),
    markup: doc.replace(/(<script[^>]*>)[\s\S]*?(<\/script>)/g, '$1$2').replace(/(<style>)[\s\S]*?(<\/style>)/g, '$1$2'),
  };
}

const sha = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('the HTML report', () => {
  const doc = render(smallResult());
  const p = parts(doc);

  test('is one self-contained file: nothing is loaded from anywhere', () => {
    const tags = [...p.markup.matchAll(/<([a-zA-Z][\w-]*)\b([^>]*)>/g)].map((m) => ({ name: m[1]!.toLowerCase(), attrs: m[2]! }));
    expect(tags.filter((t) => ['img', 'iframe', 'object', 'embed', 'video', 'audio', 'source', 'base'].includes(t.name))).toEqual([]);
    expect(tags.filter((t) => t.name === 'script').map((t) => t.attrs.trim())).toEqual(['type="application/json" id="report-data"', '']);
    expect(tags.filter((t) => t.name === 'link').map((t) => t.attrs)).toEqual([expect.stringMatching(/^ rel="icon" href="data:image\/svg\+xml,/)]);
    expect(tags.filter((t) => / (src|srcset|background)=/i.test(t.attrs))).toEqual([]);
    expect(p.style).not.toMatch(/@import|url\(|@font-face/i);
    expect(p.script).not.toMatch(/\b(fetch|XMLHttpRequest|import\(|WebSocket|eval)\b|\.innerHTML|insertAdjacentHTML|document\.write/);
  });

  test('has a CSP that allows only its own inline script and style, by hash', () => {
    const directives = Object.fromEntries(p.csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives).toEqual({
      'default-src': ["'none'"],
      'script-src': [sha(p.script)],
      'style-src': [sha(p.style)],
      'img-src': ['data:'],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
    });
    expect(p.csp).not.toMatch(/unsafe-/);
    // The policy must come before the code it governs.
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<style>'));
  });

  test('escapes hostile names in the markup, in attributes and in the data block', () => {
    const r = smallResult();
    r.scan.inputs = ['{{tool.name}}', '<b>bold</b>'];
    r.clusters[0]!.outboundType = '"><svg onload=alert(3)>';
    const q = parts(render(r));
    expect(q.markup).not.toContain('<img');
    expect(q.markup).not.toContain('<b>');
    expect(q.markup).not.toContain('<svg onload');
    expect(q.markup).toContain('<code><bdi>&lt;b&gt;bold&lt;/b&gt;</bdi></code>');
    expect(q.markup).toContain('value="&quot;&gt;&lt;svg onload&#x3D;alert(3)&gt;"');
    // Handlebars shows a template-looking input as the text it is, never evaluating it.
    expect(q.markup).toContain('<bdi>{{tool.name}}</bdi>');
    expect(q.data).not.toMatch(/[<>&\u2028\u2029]/);
    const data = JSON.parse(q.data) as Payload;
    expect(data.s).toEqual(expect.arrayContaining([XSS_NAME, SCRIPT_NAME, TEMPLATE_NAME]));
  });

  test('cuts very long names with a marker', () => {
    const data = JSON.parse(p.data) as Payload;
    const long = data.s.filter((s) => s.startsWith('aks-xxxx'));
    expect(long.length).toBeGreaterThan(0);
    for (const s of long) {
      expect(s.length).toBeLessThan(300);
      expect(s.endsWith('…')).toBe(true);
    }
    // Messages quoting the name are cut too, at the longer limit for text.
    expect(LONG_NAME.length).toBeGreaterThan(LIMITS.text);
    expect(doc).not.toContain('x'.repeat(LIMITS.text));
  });

  test('clip never splits a surrogate pair', () => {
    expect(clip('ab😀cd', 3)).toBe('ab…');
    expect(clip('abc', 3)).toBe('abc');
  });

  test('script JSON round-trips any string and contains no character that could end the element', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = scriptJson({ s: [s, `</script>${s}<!--`] });
        expect(out).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(out)).toEqual({ s: [s, `</script>${s}<!--`] });
      }),
    );
  });

  test('the page script type-checks (src/report/html/tsconfig.json)', () => {
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', path.join(ROOT, 'src/report/html')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('scan --format html', () => {
  test('writes egress-audit.html next to the JSON report', () => {
    const out = tempDir();
    const r = runCli(['scan', '--input', 'test/fixtures/html', '--format', 'json,html', '--out', out, '--allow-partial', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const doc = readFileSync(path.join(out, 'egress-audit.html'), 'utf8');
    const report = JSON.parse(readFileSync(path.join(out, 'egress-audit.json'), 'utf8')) as ScanResult;
    const data = JSON.parse(parts(doc).data) as Payload;
    expect(data.c).toHaveLength(report.clusters.length);
    expect(data.f).toHaveLength(report.findings.length);
    expect(data.s).toContain('aks-batch-<img src=x onerror=alert(1)>');
    expect(parts(doc).markup).not.toContain('<img');
  });
});
