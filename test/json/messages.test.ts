import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.ts';
import { customPolicy } from '../tooling/fixtures.ts';

// Every file the tool reads comes through one reader: the same mistake reads the same in each kind.
const KINDS: { kind: string; file: string; args: (file: string, dir: string) => string[] }[] = [
  { kind: 'inventory', file: 'bad.json', args: (f) => ['scan', '--input', f, '--out', tempDir()] },
  { kind: 'configuration', file: 'egress-audit.config.json', args: (f) => ['scan', '--input', SAMPLE, '--config', f, '--out', tempDir()] },
  { kind: 'suppressions', file: 'suppressions.json', args: (f) => ['scan', '--input', SAMPLE, '--suppressions', f, '--out', tempDir()] },
  { kind: 'baseline', file: 'previous.json', args: (f) => ['scan', '--input', SAMPLE, '--baseline', f, '--out', tempDir()] },
  { kind: 'policy', file: 'ACME001.json', args: (_f, dir) => ['scan', '--input', SAMPLE, '--policies', dir, '--out', tempDir()] },
  { kind: 'policy test table', file: 'tests/ACME001.json', args: (_f, dir) => ['policies', 'test', dir] },
];

// A member every kind could start with (a suppressions file is only quoted when it looks like one).
const TRAILING_COMMA = '{\n  "suppressions": [],\n}\n';

describe('one wording for the same JSON mistake in every kind of file', () => {
  for (const k of KINDS) {
    test(k.kind, () => {
      const dir = tempDir();
      mkdirSync(path.join(dir, 'tests'));
      if (k.kind === 'policy test table') writeFileSync(path.join(dir, 'ACME001.json'), JSON.stringify(customPolicy()));
      const file = path.join(dir, k.file);
      writeFileSync(file, TRAILING_COMMA);
      const r = runCli(k.args(file, dir));
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${k.file}:3:1: invalid JSON: expected a property name in double quotes, found "}"`);
    });
  }
});

describe('what is not a regular file is refused by every reader, without blocking', () => {
  const fifo = (): string => {
    const p = path.join(tempDir(), 'pipe.json');
    execFileSync('mkfifo', [p]);
    return p;
  };
  const cases: [string, (f: string) => string[]][] = [
    ['configuration', (f) => ['scan', '--input', SAMPLE, '--config', f, '--out', tempDir()]],
    ['suppressions', (f) => ['scan', '--input', SAMPLE, '--suppressions', f, '--out', tempDir()]],
    ['baseline', (f) => ['scan', '--input', SAMPLE, '--baseline', f, '--out', tempDir()]],
  ];
  for (const [kind, args] of cases) {
    test(`${kind}: a named pipe, and /dev/zero`, () => {
      const r = runCli(args(fifo()));
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/pipe\.json: not a regular file/);
      const zero = runCli(args('/dev/zero'));
      expect(zero.code, zero.stderr).toBe(2);
      expect(zero.stderr).toMatch(/\/dev\/zero: (not a regular file|expected a previous egress-audit JSON report)/);
    });
  }

  test('policy: a named pipe in a policy folder', () => {
    const dir = tempDir();
    execFileSync('mkfifo', [path.join(dir, 'ACME001.json')]);
    const r = runCli(['scan', '--input', SAMPLE, '--policies', dir, '--out', tempDir()]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/ACME001\.json: not a regular file/);
  });
});

describe('hostile YAML ends with FILE:LINE:COL, not an internal error', () => {
  const yamlCase = (name: string, text: string): ReturnType<typeof runCli> => {
    const file = path.join(tempDir(), name);
    writeFileSync(file, text);
    return runCli(['scan', '--input', SAMPLE, '--suppressions', file, '--out', tempDir()]);
  };

  test('an alias bomb ("billion laughs")', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
    }
    const r = yamlCase('bomb.yaml', `${levels.join('\n')}\nsuppressions: []\n`);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/bomb\.yaml:2:\d+: invalid YAML: aliases expand too far/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  test('deep nesting', () => {
    const depth = 100_000;
    const r = yamlCase('deep.yaml', `suppressions: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/deep\.yaml:1:1015: invalid YAML: nested more than 1000 levels deep/);
  });
});
