import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { findSyntaxError } from '../../../src/json/syntax.ts';

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

describe('JSON syntax errors located without recursion', () => {
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
});
