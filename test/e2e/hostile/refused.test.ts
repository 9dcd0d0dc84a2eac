import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { corpus, removeTempDirs, scan, scanInProcess, shown, states } from './helpers.ts';

afterAll(removeTempDirs);

const TOP_LEVEL = 'expected an array of resources, { "data": [...] }, { "value": [...] } or one resource object';
const INCOMPLETE_EXPORT = 'the export is incomplete; fetch every page';

/** Corpus file, where an editor shows the problem (line, column), and what the message says. */
const CASES: [file: string, line: number, column: number, says: string][] = [
  ['syntax-missing-comma.json', 5, 5, `invalid JSON: expected ',' or '}', found the string "type"`],
  ['syntax-missing-comma-crlf.json', 5, 5, `invalid JSON: expected ',' or '}', found the string "type"`],
  ['syntax-unterminated-string.json', 3, 11, 'invalid JSON: unterminated string: no closing double quote on its line'],
  ['syntax-trailing-comma.json', 5, 3, `invalid JSON: expected a property name in double quotes, found "}"`],
  ['syntax-comment.json', 2, 3, 'invalid JSON: comments are not allowed in JSON'],
  ['syntax-truncated.json', 6, 43, 'invalid JSON: unexpected end of file inside a string (is the file truncated?)'],
  ['syntax-single-quotes.json', 2, 5, `invalid JSON: expected a property name in double quotes, found "'id'"`],
  ['syntax-nan.json', 5, 69, 'invalid JSON: expected a value, found "NaN"'],
  ['invalid-utf8.json', 4, 29, 'invalid UTF-8 byte sequence; the file must be UTF-8'],
  ['empty.json', 1, 1, 'the file is empty; expected a JSON document'],
  ['whitespace-only.json', 3, 2, 'the file is empty; expected a JSON document'],
  ['utf16le-bom.json', 1, 1, 'UTF-16 is not supported; re-save as UTF-8'],
  ['utf16be-bom.json', 1, 1, 'UTF-16 is not supported; re-save as UTF-8'],
  ['utf16le-no-bom.json', 1, 1, 'UTF-16 is not supported; re-save as UTF-8'],
  ['utf32le-bom.json', 1, 1, 'UTF-32 is not supported; re-save as UTF-8'],
  ['json-lines.json', 2, 1, 'invalid JSON: a second JSON document starts here: this looks like JSON Lines, which is not supported'],
  ['top-level-string.json', 1, 1, `the top level is a string; ${TOP_LEVEL}`],
  ['top-level-number.json', 2, 3, `the top level is a number; ${TOP_LEVEL}`],
  ['top-level-null.json', 1, 1, `the top level is null; ${TOP_LEVEL}`],
  ['top-level-object-not-resource.json', 1, 1, `the top level object is not a resource`],
  ['top-level-proto.json', 1, 1, `the top level object is not a resource`],
  ['arg-skiptoken.json', 9, 3, `the page still carries "$skipToken": ${INCOMPLETE_EXPORT}`],
  ['az-graph-skip-token.json', 6, 3, `the page still carries "skip_token": ${INCOMPLETE_EXPORT}`],
  ['arm-list-nextlink.json', 5, 3, `the page still carries "nextLink": ${INCOMPLETE_EXPORT}`],
  ['arg-result-truncated.json', 6, 3, `Resource Graph truncated the result ("resultTruncated": true): ${INCOMPLETE_EXPORT}`],
  ['arg-rows-short-of-total.json', 2, 3, `the page holds 1 of 3 rows ("totalRecords"): ${INCOMPLETE_EXPORT}`],
  ['arg-table-format.json', 4, 3, `"data" is in ARG's table result format; export with resultFormat objectArray`],
  ['data-not-array.json', 3, 3, '"data" is a string; expected an array of resources'],
];

function expectRefused(r: Awaited<ReturnType<typeof scan>>, file: string, line: number, column: number, says: string): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`egress-audit: ${shown('refused', file)}:${line}:${column}: ${says}`);
  expect(existsSync(r.out)).toBe(false);
}

describe('refused input: exit 2, one message naming file, line and column, no report', () => {
  test.each(CASES)('%s → %i:%i', async (file, line, column, says) => {
    expectRefused(await scanInProcess(['--input', corpus('refused', file)]), file, line, column, says);
  });
});

// One case of each kind through the real binary, as a user runs it: the same output as in process.
const BY_BINARY = ['syntax-missing-comma-crlf.json', 'invalid-utf8.json', 'utf16le-bom.json', 'empty.json', 'json-lines.json', 'top-level-number.json', 'arg-skiptoken.json'];

describe.concurrent('refused input through the real binary', () => {
  test.each(CASES.filter(([file]) => BY_BINARY.includes(file)))('%s', async (file, line, column, says) => {
    const r = await scan(['--input', corpus('refused', file)]);
    expectRefused(r, file, line, column, says);
    expect(r.stderr).toBe((await scanInProcess(['--input', corpus('refused', file)])).stderr);
  });

  test('a refused file among good ones still writes nothing', async () => {
    const r = await scan(['--input', corpus('accepted', 'valid.json'), '--input', corpus('refused', 'arg-skiptoken.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${shown('refused', 'arg-skiptoken.json')}:9:3: the page still carries "$skipToken"`);
    expect(existsSync(r.out)).toBe(false);
  });

  test('messages quote the offending token, never the continuation token or other content', async () => {
    const r = await scan(['--input', corpus('refused', 'arg-skiptoken.json')]);
    const token = /"\$skipToken": "([^"]+)"/.exec(readFileSync(corpus('refused', 'arg-skiptoken.json'), 'utf8'))?.[1];
    expect(token).toBeTruthy();
    expect(r.stderr).not.toContain(token);
    const invalid = await scan(['--input', corpus('refused', 'invalid-utf8.json')]);
    expect(invalid.stderr).not.toContain('Dupont');
  });

  test('an input path that does not exist is named, exit 2', async () => {
    const r = await scan(['--input', corpus('refused', 'no-such-file.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd()).toBe(`egress-audit: ${shown('refused', 'no-such-file.json')}: cannot read: ENOENT (no such file or folder, or a broken symbolic link)`);
    expect(existsSync(r.out)).toBe(false);
  });
});

describe.concurrent('accepted input', () => {
  test('every resource kind the scan reads, valid: no errors, every cluster evaluated (the base the property tests mutate)', async () => {
    const r = await scanInProcess(['--input', corpus('accepted', 'every-kind.json'), '--fail-on', 'none']);
    expect(r.report().errors).toEqual([]);
    expect(states(r.report())).toEqual({ 'aks-byo': 'evaluated', 'aks-lb': 'evaluated', 'aks-managed-nat': 'evaluated' });
    expect(r.code).toBe(0);
  });

  test('a UTF-8 byte-order mark is accepted; finding columns do not count it', async () => {
    const r = await scan(['--input', corpus('accepted', 'bom-utf8.json'), '--profile', 'secure']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const text = readFileSync(corpus('accepted', 'bom-utf8.json'), 'utf8').replace(/^\uFEFF/, '');
    const finding = r.report().findings.find((f) => f.policyId === 'EG001');
    expect(finding?.location).toMatchObject({ file: shown('accepted', 'bom-utf8.json'), line: 1, column: text.indexOf('"outboundType"') + 1 });
  });

  test('CRLF files: finding lines count CRLF as one line break', async () => {
    const r = await scan(['--input', corpus('accepted', 'crlf.json'), '--profile', 'secure']);
    expect(r.code).toBe(1);
    const lines = readFileSync(corpus('accepted', 'crlf.json'), 'utf8').split('\r\n');
    const line = lines.findIndex((l) => l.includes('"outboundType"')) + 1;
    const finding = r.report().findings.find((f) => f.policyId === 'EG001');
    expect(finding?.location).toMatchObject({ line, column: (lines[line - 1] ?? '').indexOf('"outboundType"') + 1 });
  });
});
