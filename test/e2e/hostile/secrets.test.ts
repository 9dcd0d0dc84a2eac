import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { FORMATS } from '../../../src/report/formats.ts';
import { corpus, removeTempDirs, scan } from './helpers.ts';

afterAll(removeTempDirs);

const FILE = corpus('rows', 'secrets.json');
const MARKERS = Object.values(JSON.parse(readFileSync(corpus('rows', 'secrets.markers.json'), 'utf8')) as Record<string, string>);
/** The distinctive part of each secret, so an escaped or re-encoded copy is caught too. */
const NEEDLES = [...MARKERS.map((m) => /[a-z-]*marker[A-Za-z0-9]*/.exec(m)?.[0] ?? m), 'tenant-marker', 'azureuser', 'azureadmin', 'adminUsername', 'keyData'];

describe('reports carry only what findings and facts need', () => {
  test('no SSH key, service principal ID or secret, password, principal ID, token or other property reaches any report or the console', async () => {
    const input = readFileSync(FILE, 'utf8');
    // The input holds every needle: the check below could fail.
    for (const n of NEEDLES) expect(input).toContain(n);

    // Every format, a failing profile (findings and remediation rendered) and an incomplete cluster (errors rendered).
    const r = await scan(['--input', FILE, '--format', FORMATS.join(','), '--profile', 'secure']);
    expect(r.code).toBe(2);
    const report = r.report();
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.errors.length).toBeGreaterThan(0);
    const files = r.files();
    expect(files.length).toBeGreaterThanOrEqual(FORMATS.length);
    for (const f of files) {
      const content = readFileSync(path.join(r.out, f), 'latin1');
      for (const n of NEEDLES) expect(content, `${f} must not contain ${n}`).not.toContain(n);
    }
    for (const n of NEEDLES) expect(r.stdout + r.stderr).not.toContain(n);
  });
});
