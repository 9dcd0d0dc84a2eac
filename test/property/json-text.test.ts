import fc from 'fast-check';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { describe, expect, test } from 'vitest';
import { nodeAt, positionTree, rowSpans, type Seg } from '../../src/inventory/positions.ts';
import { lineColumn } from '../../src/inventory/read.ts';
import { findSyntaxError } from '../../src/inventory/syntax.ts';

const parses = (t: string): boolean => {
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
};

/** JSON text as exports format it: minified, indented with spaces or tabs, LF or CRLF. */
const formatted = (v: fc.Arbitrary<unknown>): fc.Arbitrary<string> =>
  fc.tuple(v, fc.constantFrom<string | number>(0, 1, 2, '\t'), fc.boolean()).map(([x, indent, crlf]) => {
    const t = JSON.stringify(x, null, indent) ?? 'null';
    return crlf ? t.replace(/\n/g, '\r\n') : t;
  });

const CHARS = ['{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', '\r', '0', '-', '.', 'e', 'a', 't', 'n', '/', '*', '\u0001', '\u00a0', '\ufeff'];

/** A valid text with a few characters deleted, inserted or replaced. */
const mutated = fc
  .tuple(formatted(fc.jsonValue({ maxDepth: 4 })), fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'replace'), fc.constantFrom(...CHARS)), { minLength: 1, maxLength: 3 }))
  .map(([text, edits]) =>
    edits.reduce((t, [at, op, c]) => {
      const i = t.length ? at % (t.length + 1) : 0;
      if (op === 'delete') return t.slice(0, i) + t.slice(i + 1);
      if (op === 'insert') return t.slice(0, i) + c + t.slice(i);
      return t.slice(0, i) + c + t.slice(i + 1);
    }, text),
  );

function pathsOf(v: unknown, at: Seg[] = [], out: Seg[][] = []): Seg[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}

describe('JSON text positions (syntax errors, finding locations) without recursion', () => {
  test('the syntax-error walker finds an error exactly when JSON.parse refuses the text', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        const problem = findSyntaxError(text);
        expect(problem === null).toBe(parses(text));
        if (problem) {
          expect(problem.offset).toBeGreaterThanOrEqual(0);
          expect(problem.offset).toBeLessThanOrEqual(text.length);
          expect(problem.message.length).toBeLessThan(200);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('the position tree agrees with jsonc-parser on every node of valid documents', () => {
    fc.assert(
      fc.property(formatted(fc.jsonValue({ maxDepth: 5 })), (text) => {
        const ours = positionTree(text);
        const theirs = parseTree(text) as Node;
        for (const p of pathsOf(JSON.parse(text))) {
          const a = ours && nodeAt(ours, p);
          const b = findNodeAtLocation(theirs, p);
          expect([a?.offset, a?.end, a?.parent?.kind === 'property']).toEqual([b?.offset, b && b.offset + b.length, b?.parent?.type === 'property']);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('row spans hold exactly each row, with the line and column it starts at', () => {
    const rows = fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 8 });
    fc.assert(
      fc.property(rows, fc.boolean(), fc.constantFrom<string | number>(0, 2), fc.boolean(), (list, wrapped, indent, crlf) => {
        let text = JSON.stringify(wrapped ? { count: list.length, data: list } : list, null, indent);
        if (crlf) text = text.replace(/\n/g, '\r\n');
        const spans = rowSpans(text, wrapped ? ['data'] : []);
        expect(spans.size).toBe(list.length);
        list.forEach((row, i) => {
          const span = spans.get(i);
          expect(span).toBeDefined();
          if (!span) return;
          expect(JSON.parse(text.slice(span.start, span.end))).toEqual(JSON.parse(JSON.stringify(row)));
          expect({ line: span.line, column: span.column }).toEqual(lineColumn(text, span.start));
        });
      }),
      { numRuns: 300 },
    );
  });
});
