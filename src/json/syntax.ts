import { createScanner, type JSONScanner } from 'jsonc-parser';

// jsonc-parser declares its token and error kinds as const enums, which type stripping cannot
// inline; these values are part of its public API.
export const T = { OpenBrace: 1, CloseBrace: 2, OpenBracket: 3, CloseBracket: 4, Comma: 5, Colon: 6, Null: 7, True: 8, False: 9, String: 10, Number: 11, LineComment: 12, BlockComment: 13, LineBreak: 14, Trivia: 15, EOF: 17 } as const;
const E = { None: 0, UnexpectedEndOfComment: 1, UnexpectedEndOfString: 2, UnexpectedEndOfNumber: 3 } as const;

export interface SyntaxProblem {
  offset: number;
  message: string;
}

const FOUND_MAX = 20;

/** The offending token, short: an error message never carries more of the file than this. */
function shortToken(text: string, offset: number, length: number): string {
  const raw = text.slice(offset, offset + Math.max(1, Math.min(length, FOUND_MAX)));
  return JSON.stringify(length > FOUND_MAX ? `${raw}…` : raw);
}

const WANTED = {
  value: 'a value',
  key: 'a property name in double quotes',
} as const;

type Frame = 'array' | 'object';
type Want = 'value' | 'key-or-end' | 'key' | 'colon' | 'comma-or-end' | 'value-or-end' | 'eof';

/**
 * Finds the first syntax error of a text that JSON.parse refused, with its offset and a plain
 * description. It walks tokens with an explicit stack rather than recursing, so a document nested
 * 100,000 levels deep is located like any other. Null when it finds nothing (JSON.parse is the judge).
 */
export function findSyntaxError(text: string): SyntaxProblem | null {
  const scanner = createScanner(text, false);
  const stack: Frame[] = [];
  let want = 'value' as Want;

  const problem = (message: string): SyntaxProblem => ({ offset: scanner.getTokenOffset(), message });
  const found = (): string => {
    const kind: number = scanner.getToken();
    if (kind === T.EOF) return 'the end of the file';
    const token = shortToken(text, scanner.getTokenOffset(), scanner.getTokenLength());
    // A string token is shown as written, quotes included; anything else is quoted.
    return kind === T.String ? `the string ${JSON.parse(token) as string}` : token;
  };
  const afterValue = (): Want => (stack.length === 0 ? 'eof' : 'comma-or-end');

  for (;;) {
    const kind: number = scanner.scan();
    if (kind === T.LineBreak || kind === T.Trivia) continue;
    if (kind === T.LineComment || kind === T.BlockComment) return problem('comments are not allowed in JSON');
    const tokenError = scanError(text, scanner);
    if (tokenError) return tokenError;

    if (kind === T.EOF) {
      if (want === 'eof') return null;
      return problem(`unexpected end of file; expected ${expectation(want, stack)}`);
    }
    switch (want) {
      case 'eof': {
        // JSON Lines: another document starting a line after a complete one.
        const jsonLines = (kind === T.OpenBrace || kind === T.OpenBracket) && startsLine(text, scanner.getTokenOffset());
        return problem(
          jsonLines
            ? `a second JSON document starts here: this looks like JSON Lines, which is not supported; wrap the rows in one array ([row, row, ...])`
            : `expected the end of the file after the JSON document, found ${found()}`,
        );
      }
      case 'value':
      case 'value-or-end': {
        if (want === 'value-or-end' && kind === T.CloseBracket) {
          stack.pop();
          want = afterValue();
          continue;
        }
        if (kind === T.OpenBrace) {
          stack.push('object');
          want = 'key-or-end';
          continue;
        }
        if (kind === T.OpenBracket) {
          stack.push('array');
          want = 'value-or-end';
          continue;
        }
        if (isScalar(kind)) {
          want = afterValue();
          continue;
        }
        return problem(`expected ${WANTED.value}, found ${found()}`);
      }
      case 'key-or-end':
      case 'key': {
        if (want === 'key-or-end' && kind === T.CloseBrace) {
          stack.pop();
          want = afterValue();
          continue;
        }
        if (kind === T.String) {
          want = 'colon';
          continue;
        }
        return problem(`expected ${WANTED.key}, found ${found()}`);
      }
      case 'colon': {
        if (kind === T.Colon) {
          want = 'value';
          continue;
        }
        return problem(`expected ':', found ${found()}`);
      }
      case 'comma-or-end': {
        const top = stack[stack.length - 1];
        const close = top === 'array' ? T.CloseBracket : T.CloseBrace;
        if (kind === close) {
          stack.pop();
          want = afterValue();
          continue;
        }
        if (kind === T.Comma) {
          want = top === 'array' ? 'value' : 'key';
          continue;
        }
        return problem(`expected ${expectation(want, stack)}, found ${found()}`);
      }
    }
  }
}

function expectation(want: Want, stack: readonly Frame[]): string {
  const top = stack[stack.length - 1];
  switch (want) {
    case 'value':
      return WANTED.value;
    case 'value-or-end':
      return `${WANTED.value} or ']'`;
    case 'key':
      return WANTED.key;
    case 'key-or-end':
      return `${WANTED.key} or '}'`;
    case 'colon':
      return "':'";
    case 'comma-or-end':
      return top === 'array' ? "',' or ']'" : "',' or '}'";
    case 'eof':
      return 'the end of the file';
  }
}

function isScalar(kind: number): boolean {
  return (
    kind === T.String ||
    kind === T.Number ||
    kind === T.True ||
    kind === T.False ||
    kind === T.Null
  );
}

function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return false;
}

/** Errors inside one token (strings, numbers), pointed at the offending character. */
function scanError(text: string, scanner: JSONScanner): SyntaxProblem | null {
  const err: number = scanner.getTokenError();
  if (err === E.None) return null;
  const start = scanner.getTokenOffset();
  const end = start + scanner.getTokenLength();
  switch (err) {
    case E.UnexpectedEndOfString:
      return end >= text.length
        ? { offset: start, message: 'unexpected end of file inside a string (is the file truncated?)' }
        : { offset: start, message: 'unterminated string: no closing double quote on its line' };
    case E.UnexpectedEndOfNumber:
      return { offset: start, message: `incomplete number ${shortToken(text, start, end - start)}` };
    case E.UnexpectedEndOfComment:
      return { offset: start, message: 'comments are not allowed in JSON' };
    default:
      return stringProblem(text, start, end);
  }
}

/** Finds the bad escape or raw control character inside a string token. */
function stringProblem(text: string, start: number, end: number): SyntaxProblem {
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) return { offset: i, message: `control character U+${c.toString(16).padStart(4, '0').toUpperCase()} in a string; escape it (\\n, \\t, \\u00XX)` };
    if (c !== 92) continue;
    const next = text[i + 1] ?? '';
    if (next === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, message: `invalid \\u escape ${shortToken(text, i, 6)}; expected four hex digits` };
      i += 5;
    } else if ('"\\/bfnrt'.includes(next) && next !== '') {
      i++;
    } else {
      return { offset: i, message: `invalid escape ${shortToken(text, i, 2)} in a string` };
    }
  }
  return { offset: start, message: 'invalid string' };
}

/**
 * Offset of a key of the top-level object (as written in the file), found without recursion;
 * null when the text has no such key at depth 1.
 */
export function topLevelKeyOffset(text: string, key: string): number | null {
  const scanner = createScanner(text, true);
  let depth = 0;
  let topIsObject = false;
  let expectKey = false;
  for (let kind: number = scanner.scan(); kind !== T.EOF; kind = scanner.scan()) {
    if (kind === T.OpenBrace || kind === T.OpenBracket) {
      depth++;
      if (depth === 1) topIsObject = kind === T.OpenBrace;
      expectKey = depth === 1 && topIsObject;
    } else if (kind === T.CloseBrace || kind === T.CloseBracket) {
      depth--;
      expectKey = false;
    } else if (depth === 1 && topIsObject && kind === T.Comma) {
      expectKey = true;
    } else if (expectKey && kind === T.String) {
      if (scanner.getTokenValue() === key) return scanner.getTokenOffset();
      expectKey = false;
    } else {
      expectKey = false;
    }
  }
  return null;
}
