import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, test } from 'vitest';
import { clean, mdText, oneLine, sarifText, truncate, xmlAttr, xmlText } from '../../src/report/text.ts';

/** Strings rich in what markup reads: syntax characters, URLs, entities, controls, odd code points. */
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom('[', ']', '(', ')', '<', '>', '`', '|', '#', '*', '_', '~', '&', '\\', ':', '//', 'www.', '@', 'https://x.y', 'mailto:', '!', '"', "'"),
      fc.constantFrom('\n', '\r', '\t', '\u0000', '\u001b', '\u009b', '\u2028', '\ufffe', '\ud800', '\udc00', '&amp;', '&#60;', '<img src=x>', ' ', '  '),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(''));

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('mdText', () => {
  test('renders, in a GFM table cell, as exactly its one-line text', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const html = micromark(`| h |\n|---|\n| ${mdText(s)} |\n`, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true, allowDangerousProtocol: true });
        const cell = /<td>([\s\S]*?)<\/td>/.exec(html)?.[1] ?? (html.includes('<tbody>') ? null : '');
        expect(cell).toBe(escapeHtml(oneLine(s)));
      }),
      { numRuns: 500, examples: [['_www.['], ['*https://x.y'], ['~mailto:a@b.c']] },
    );
  });

  test('cuts long text to its length with an ellipsis, never inside a surrogate pair', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abcd', 4)).toBe('abcd');
    expect(truncate('😀😀😀😀😀', 3)).toBe('😀😀…');
  });
});

describe('xmlText and xmlAttr', () => {
  test('survive an XML parser: well-formed, and read back as the cleaned text', () => {
    const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false, trimValues: false });
    fc.assert(
      fc.property(hostile, (s) => {
        const xml = `<r a="${xmlAttr(s)}">${xmlText(s)}</r>`;
        expect(XMLValidator.validate(xml)).toBe(true);
        // eslint-disable-next-line no-control-regex
        expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        const r = (parser.parse(xml) as { r: string | { '#text'?: string; '@_a': string } }).r;
        const text = typeof r === 'string' ? r : (r['#text'] ?? '');
        const attr = typeof r === 'string' ? '' : r['@_a'];
        expect(text).toBe(clean(s).replace(/\r\n?/g, '\n'));
        expect(attr ?? '').toBe(oneLine(s));
      }),
      { numRuns: 500 },
    );
  });
});

describe('sarifText', () => {
  test('is one line whose every bracket is escaped', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const t = sarifText(s);
        // eslint-disable-next-line no-control-regex
        expect(t).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
        for (const m of t.matchAll(/(\\*)[[\]]/g)) expect((m[1] ?? '').length % 2, t).toBe(1);
        // A run of 2k+1 backslashes before a bracket reads as k backslashes and the bracket.
        const read = t.replace(/(\\+)([[\]])/g, (_, run: string, b: string) => '\\'.repeat((run.length - 1) / 2) + b);
        expect(read).toBe(oneLine(s));
      }),
      { numRuns: 500, examples: [['\\\\['], ['a\\\\\\]b'], ['[x](y)']] },
    );
  });
});
