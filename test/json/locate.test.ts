import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { expect, test } from 'vitest';
import { BackgroundLocator, Locator, RowIndex, type LocateRequest, type Region } from '../../src/json/locate/locate.ts';
import { rowLists } from '../../src/json/locate/scan.ts';
import { lineColumn } from '../../src/json/read.ts';
import { Rng } from '../../scripts/gen/prng.ts';
import { tempDir } from '../helpers/cli.ts';

/** The reference: jsonc-parser's full position tree, walked the way findings name their places. */
function oracle(raw: string, r: LocateRequest): Region | null {
  // Columns do not count a byte-order mark.
  const text = raw.replace(/^\uFEFF/, '');
  const root = parseTree(text);
  if (!root) return null;
  let node = r.source.path.length ? findNodeAtLocation(root, r.source.path) : root;
  if (!node) return null;
  for (const seg of r.property) {
    const next = child(node, seg);
    if (next) node = next;
    else if (seg !== 'properties') break;
  }
  const target = node.parent?.type === 'property' ? node.parent : node;
  const start = lineColumn(text, target.offset);
  const end = lineColumn(text, target.offset + target.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function child(node: Node, seg: string): Node | undefined {
  if (node.type !== 'object') return undefined;
  const prop = node.children?.find((p) => typeof p.children?.[0]?.value === 'string' && (p.children[0].value as string).toLowerCase() === seg.toLowerCase());
  return prop?.children?.[1];
}

/** Paths that exist in the value (and some that do not), with property tails in any casing. */
function pathsOf(value: unknown, pick: (n: number) => number, count: number): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (let k = 0; k < count; k++) {
    const p: (string | number)[] = [];
    let cur = value;
    for (let d = 0; d < 4 && cur !== null && typeof cur === 'object'; d++) {
      if (pick(4) === 0) break;
      if (Array.isArray(cur)) {
        const i = pick(cur.length + 1);
        p.push(i);
        cur = cur[i];
      } else {
        const keys = Object.keys(cur);
        const key = keys[pick(keys.length + 1)] ?? 'absent';
        p.push(key);
        cur = (cur as Record<string, unknown>)[key];
      }
    }
    out.push(p);
  }
  return out;
}

const key = fc.oneof(fc.string(), fc.constantFrom('properties', 'Properties', 'id', 'a"b', 'x\\y', 'line\nbreak', 'é😀'));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 5 })),
})).value;

test('the one-pass locator finds the same regions as a full position tree, whatever the layout', () => {
  const dir = tempDir('egress-locate-');
  const file = path.join(dir, 'doc.json');
  fc.assert(
    fc.property(json, fc.constantFrom(0, 2, '\t'), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.infiniteStream(fc.nat()), (value, indent, eol, bom, stream) => {
      const text = `${bom ? '\uFEFF' : ''}${JSON.stringify(value, null, indent).replace(/\n/g, eol)}`;
      writeFileSync(file, text);
      const it = stream[Symbol.iterator]();
      const pick = (n: number): number => (n <= 0 ? 0 : (it.next().value as number) % n);
      const requests: LocateRequest[] = pathsOf(value, pick, 6).map((p) => {
        const cut = pick(p.length + 1);
        const property = p.slice(cut).map((s) => (typeof s === 'string' ? (pick(2) ? s.toUpperCase() : s) : 'properties'));
        if (pick(3) === 0) property.unshift('properties');
        return { source: { file, path: p.slice(0, cut) }, property };
      });
      const locator = new Locator(new Map([[file, file]]));
      const got = locator.locateAll(requests);
      requests.forEach((r, i) => expect(got[i], JSON.stringify(r)).toEqual(oracle(text, r)));
    }),
    { numRuns: 300 },
  );
});

test('with a row index recorded while loading, only requested rows are scanned and the regions stay the same', () => {
  const dir = tempDir('egress-locate-');
  // Rows with text outside ASCII, so that byte offsets and character offsets part ways.
  const row = fc.oneof(json, fc.tuple(fc.string({ unit: 'grapheme', maxLength: 4 }), json).map(([s, v]) => ({ [`naïve ${s}`]: `😀 ${s}`, v })));
  const shapes = fc.oneof(
    fc.array(row, { maxLength: 6 }),
    fc.record({ data: fc.array(row, { maxLength: 6 }), count: fc.nat() }),
    fc.record({ value: fc.array(row, { maxLength: 6 }), nextLink: fc.constant(null) }),
    json,
  );
  const docs = fc.sample(fc.tuple(shapes, fc.constantFrom(0, 2, '\t'), fc.constantFrom('\n', '\r\n'), fc.boolean()), { numRuns: 60, seed: 7 });
  const files = docs.map(([value, indent, eol, bom], i) => {
    const file = path.join(dir, `doc-${i}.json`);
    const text = `${bom ? '\uFEFF' : ''}${JSON.stringify(value, null, indent).replace(/\n/g, eol)}`;
    writeFileSync(file, text);
    return { file, value, text };
  });
  // As the loader records it: from the text as read (without its byte-order mark) and the mark's bytes.
  const index = new RowIndex();
  for (const { file, text } of files) {
    const bom = text.startsWith('\uFEFF');
    const lists = rowLists(bom ? text.slice(1) : text, bom ? 3 : 0);
    expect(lists, file).not.toBeNull();
    index.set(file, lists);
  }
  const rng = new Rng(7);
  const pick = (k: number): number => (k <= 0 ? 0 : rng.int(0, k - 1));
  const requests: LocateRequest[] = files.flatMap(({ file, value }) =>
    pathsOf(value, pick, 8).map((p) => ({ source: { file, path: p }, property: pick(2) ? ['properties', 'ID'] : [] })),
  );
  // Most requests point into rows (the index path), the rest take the whole-text path.
  expect(requests.filter((r) => typeof r.source.path[0] === 'number' || typeof r.source.path[1] === 'number').length).toBeGreaterThan(requests.length / 3);
  const absPaths = new Map(files.map((f) => [f.file, f.file]));
  const got = new Locator(absPaths, index).locateAll(requests);
  const texts = new Map(files.map((f) => [f.file, f.text]));
  requests.forEach((r, i) => expect(got[i], JSON.stringify(r)).toEqual(oracle(texts.get(r.source.file) ?? '', r)));
  // The same on the locate worker, fed in small batches as the scan feeds it (nulls included).
  const background = new BackgroundLocator(absPaths, index, 7);
  const places: (LocateRequest | null)[] = [];
  requests.forEach((r, i) => {
    places.push(r);
    if (i % 5 === 0) places.push(null);
    background.submit(places);
  });
  const expected = places.map((r) => (r ? oracle(texts.get(r.source.file) ?? '', r) : null));
  expect(background.finish(places)).toEqual(expected);
  expect(background.locatedHere).toBe(0);
});

test('a file that cannot be read or scanned gives no region rather than failing the scan', () => {
  const dir = tempDir('egress-locate-');
  const broken = path.join(dir, 'broken.json');
  writeFileSync(broken, '[{"a": "unterminated');
  const locator = new Locator(new Map());
  expect(locator.locateAll([{ source: { file: broken, path: [0] }, property: ['a'] }, { source: { file: path.join(dir, 'gone.json'), path: [] }, property: [] }, null])).toEqual([null, null, null]);
});
