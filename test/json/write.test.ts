import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readSetManifest, SET_MANIFEST, SET_PENDING, sha256, TEMP_PREFIX, writeAtomic, writeContent, writeFileSet, type SetManifest } from '../../src/json/write.ts';
import { tempDir as newTempDir } from '../helpers/cli.ts';

const made: string[] = [];
const tempDir = (): string => {
  made.push(newTempDir('egress-write-'));
  return made[made.length - 1] as string;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** Multi-byte text whose pieces split a surrogate pair and a run of escapes. */
const TEXT = `{"a": "é€😀", "b": "${'x'.repeat(3000)}", "c": "\\u2028"}\n`;
const CUTS = [0, 3, 10, 11, 12, 12, 2000, TEXT.length];
const PIECES = CUTS.slice(1).map((end, i) => TEXT.slice(CUTS[i], end));

function* failing(after: readonly string[]): Generator<string> {
  yield* after;
  throw new Error('rendering failed');
}

const leftovers = (dir: string): string[] => readdirSync(dir).filter((n) => n.startsWith(TEMP_PREFIX) || n === SET_PENDING);

describe('pieces are written as the joined text', () => {
  test('the pieces split a surrogate pair', () => {
    expect(PIECES.join('')).toBe(TEXT);
    expect(PIECES.some((p) => /[\ud800-\udbff]$/.test(p))).toBe(true);
  });

  test('writeAtomic and writeContent: the same bytes as the string', async () => {
    const dir = tempDir();
    await writeAtomic(path.join(dir, 'whole.json'), TEXT);
    await writeAtomic(path.join(dir, 'pieces.json'), PIECES);
    await writeContent(path.join(dir, 'direct.json'), PIECES.values());
    const whole = readFileSync(path.join(dir, 'whole.json'));
    expect(whole.toString('utf8')).toBe(TEXT);
    expect(readFileSync(path.join(dir, 'pieces.json'))).toEqual(whole);
    expect(readFileSync(path.join(dir, 'direct.json'))).toEqual(whole);
  });

  test('writeFileSet: the same files and the same manifest (SHA-256, bytes) from pieces, a function returning pieces, and strings', async () => {
    const [strings, pieces] = [tempDir(), tempDir()];
    await writeFileSet(strings, [{ name: 'a.json', content: TEXT }, { name: 'b.json', content: () => 'b\n' }]);
    await writeFileSet(pieces, [{ name: 'a.json', content: () => PIECES.values() }, { name: 'b.json', content: ['b', '\n'] }]);
    for (const name of ['a.json', 'b.json', SET_MANIFEST]) expect(readFileSync(path.join(pieces, name))).toEqual(readFileSync(path.join(strings, name)));
    const manifest = (await readSetManifest(pieces)) as SetManifest;
    const bytes = Buffer.from(TEXT, 'utf8');
    expect(manifest.files[0]).toEqual({ name: 'a.json', sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
    expect(manifest.files[0]?.bytes).toBeGreaterThan(TEXT.length);
    expect(sha256(TEXT)).toBe(manifest.files[0]?.sha256);
  });
});

describe('pieces that fail part way leave nothing half-written', () => {
  test('writeAtomic: no temporary file, and the target is not created', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'report.json');
    await expect(writeAtomic(file, failing(PIECES))).rejects.toThrow('rendering failed');
    expect(readdirSync(dir)).toEqual([]);
  });

  test('writeAtomic: an existing target keeps its old content', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'report.json');
    writeFileSync(file, 'old\n');
    await expect(writeAtomic(file, failing([TEXT]))).rejects.toThrow('rendering failed');
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(readFileSync(file, 'utf8')).toBe('old\n');
  });

  test('writeFileSet: the previous set stays whole, with no temporary file and no pending marker', async () => {
    const dir = tempDir();
    await writeFileSet(dir, [{ name: 'a.json', content: 'old a\n' }, { name: 'b.json', content: 'old b\n' }]);
    const before = readFileSync(path.join(dir, SET_MANIFEST), 'utf8');
    await expect(writeFileSet(dir, [{ name: 'a.json', content: () => PIECES }, { name: 'b.json', content: () => failing(PIECES) }])).rejects.toThrow('rendering failed');
    expect(leftovers(dir)).toEqual([]);
    expect(readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe('old a\n');
    expect(readFileSync(path.join(dir, 'b.json'), 'utf8')).toBe('old b\n');
    expect(readFileSync(path.join(dir, SET_MANIFEST), 'utf8')).toBe(before);
  });

  test('writeFileSet into a new folder: no report and no manifest', async () => {
    const dir = path.join(tempDir(), 'reports');
    await expect(writeFileSet(dir, [{ name: 'a.json', content: () => failing(['{']) }])).rejects.toThrow('rendering failed');
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });
});
