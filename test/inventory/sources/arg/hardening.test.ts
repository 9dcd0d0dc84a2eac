import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { ScanResult } from '../../../../src/scan/result.ts';
import type { ArgEmulator, Fault } from '../../../arg-emulator/server.ts';
import type { QueryBody, Reply } from '../../../arg-emulator/resources.ts';
import { tempDir, type CliRun } from '../../../helpers/cli.ts';
import { generateTenant } from './generate.ts';
import { cliEnv, emulator, runCliAsync, SUB_A, SUB_B } from './helpers.ts';

/**
 * A faulty Resource Graph, met through the CLI as a user meets it: every fault below once made a
 * scan lose rows silently, leak a response body, sleep for hours or never end.
 */
let emu: ArgEmulator | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
});

const report = (dir: string): ScanResult => JSON.parse(readFileSync(path.join(dir, 'egress-audit.json'), 'utf8')) as ScanResult;
const allText = (dir: string): string => readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
const isClusterQuery = (q: QueryBody): boolean => /managedclusters/.test(q.query ?? '') && !/ id in~/.test(q.query ?? '');
const body = (r: Reply): Record<string, unknown> & { data: Record<string, unknown>[] } => r.body as Record<string, unknown> & { data: Record<string, unknown>[] };

async function timed(args: string[], e: ArgEmulator, outDir = tempDir('arg-hard-out-')): Promise<CliRun & { ms: number; out: string }> {
  const started = Date.now();
  const run = await runCliAsync([...args, '--credential', 'environment', '--arm-endpoint', e.url], cliEnv(e));
  return { ...run, ms: Date.now() - started, out: outDir };
}

function scan(e: ArgEmulator, subs: string[], extra: string[] = []): Promise<CliRun & { ms: number; out: string }> {
  const out = tempDir('arg-hard-out-');
  return timed(['scan', '--source', 'arg', '--subscription', subs.join(','), '--out', out, '--fail-on', 'none', ...extra], e, out);
}

/** A tenant of 1,100 clusters in one subscription: two pages of clusters. */
async function twoPages(fault: Fault): Promise<{ emu: ArgEmulator; sub: string }> {
  const big = generateTenant(1, 1100, 0);
  emu = await emulator({ fixtures: [], rows: big.rows, faults: [fault] });
  return { emu, sub: big.subs[0]! };
}

describe('nothing lost: an export keeps what it could not read again', () => {
  test('a subscription refused on re-export keeps its last good file, and the manifest and the offline scan say so', async () => {
    emu = await emulator();
    const dir = tempDir('arg-keep-');
    const first = await timed(['export', '--out', dir, '--subscription', `${SUB_A},${SUB_B}`], emu);
    expect(first.code).toBe(0);
    const good = readFileSync(path.join(dir, `${SUB_B}.json`), 'utf8');
    const firstManifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { createdAt: string };

    emu.addFault({ status: 403, times: Infinity, when: (q) => q.subscriptions?.includes(SUB_B) === true });
    const second = await timed(['export', '--out', dir, '--subscription', `${SUB_A},${SUB_B}`], emu);
    expect(second.code).toBe(2);
    expect(second.stdout).toContain(`KEPT ${SUB_B}.json`);
    expect(readFileSync(path.join(dir, `${SUB_B}.json`), 'utf8')).toBe(good);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: { file: string; keptFrom?: string }[]; errors: { code: string; resourceId?: string }[] };
    expect(manifest.files.find((f) => f.file === `${SUB_B}.json`)).toMatchObject({ keptFrom: firstManifest.createdAt });
    expect(manifest.files.find((f) => f.file === `${SUB_A}.json`)?.keptFrom).toBeUndefined();
    expect(manifest.errors).toEqual([expect.objectContaining({ code: 'scope-failed', resourceId: `/subscriptions/${SUB_B}` })]);

    const out = tempDir('arg-keep-scan-');
    const offline = await runCliAsync(['scan', '--input', dir, '--out', out, '--fail-on', 'none'], { ...process.env, NO_COLOR: '1' });
    expect(offline.code).toBe(2);
    expect(report(out).errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'scope-failed', resourceId: `/subscriptions/${SUB_B}` })]));
    expect(report(out).clusters.map((c) => c.name)).toContain('aks-udr');
  }, 60_000);
});

describe('live pages are held to what files are', () => {
  test('a row repeated on a later page with a different body is a duplicate-ID error (exit 2)', async () => {
    let firstRow: Record<string, unknown> | null = null;
    const { emu: e, sub } = await twoPages({
      times: Infinity,
      when: isClusterQuery,
      rewrite: (r, q) => {
        if (r.status !== 200) return r;
        if (!q.options?.$skipToken) firstRow ??= body(r).data[0]!;
        else if (firstRow) body(r).data.push({ ...firstRow, properties: { ...(firstRow['properties'] as object), kubernetesVersion: '1.20' } });
        return r;
      },
    });
    const run = await scan(e, [sub]);
    expect(run.code).toBe(2);
    expect(report(run.out).errors).toEqual([expect.objectContaining({ code: 'duplicate-id', resourceId: firstRow!['id'] })]);
    const exported = await timed(['export', '--out', tempDir('arg-dup-'), '--subscription', sub], e);
    expect(exported.code).toBe(2);
    expect(exported.stdout).toContain('ARG sent two different rows with this resource ID');
  }, 60_000);

  test('a result that ends short of its totalRecords without a $skipToken is unfinished (exit 2)', async () => {
    emu = await emulator({ faults: [{ times: Infinity, when: isClusterQuery, rewrite: (r) => (r.status === 200 ? { ...r, body: { ...body(r), totalRecords: Number(body(r)['totalRecords']) + 5 } } : r) }] });
    const run = await scan(emu, [SUB_A]);
    expect(run.code).toBe(2);
    expect(report(run.out).errors).toEqual([{ code: 'result-incomplete', message: expect.stringMatching(/clusters result ended after 3 of its 8 rows \(totalRecords\) with no \$skipToken/) }]);
  }, 60_000);
});

describe('paging always ends', () => {
  test('a $skipToken sent again ends the scope with an error instead of looping (exit 2)', async () => {
    const { emu: e, sub } = await twoPages({
      times: Infinity,
      when: (q) => isClusterQuery(q) && q.options?.$skipToken !== undefined,
      rewrite: (r, q) => ({ ...r, body: { ...body(r), $skipToken: q.options!.$skipToken } }),
    });
    const run = await scan(e, [sub]);
    expect(run.code).toBe(2);
    expect(report(run.out).errors).toEqual([{ code: 'paging-loop', message: expect.stringContaining('repeated a $skipToken at page 2') }]);
    expect(e.log.filter((l) => l.body && isClusterQuery(l.body))).toHaveLength(2);
  }, 60_000);

  test('pages that keep coming empty end the scope with an error (exit 2)', async () => {
    let k = 0;
    const { emu: e, sub } = await twoPages({
      times: Infinity,
      when: (q) => isClusterQuery(q) && q.options?.$skipToken !== undefined,
      rewrite: () => ({ status: 200, body: { totalRecords: 1100, count: 0, data: [], resultTruncated: 'false', $skipToken: `empty-${++k}` } }),
    });
    const run = await scan(e, [sub]);
    expect(run.code).toBe(2);
    expect(report(run.out).errors).toEqual([{ code: 'paging-loop', message: expect.stringContaining('came back empty 3 pages running') }]);
    expect(k).toBe(3);
  }, 60_000);
});

describe('always ends, in bounded time', () => {
  test('a response that stalls after its headers is timed out and asked for again', async () => {
    emu = await emulator({ faults: [{ stallBody: true, times: 1 }] });
    const run = await scan(emu, [SUB_A], ['--arg-timeout', '2']);
    expect(run.stderr).toMatch(/^arg: Timeout from subscription .*; retrying in/m);
    expect(report(run.out).errors.filter((x) => x.code === 'scope-failed')).toEqual([]);
    expect(report(run.out).summary.clusters).toBe(3);
    expect(run.ms).toBeLessThan(30_000);
  }, 60_000);

  test('a quota reset announced 100 hours away is capped, not slept', async () => {
    emu = await emulator({ faults: [{ times: 1, headers: { 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': '100:00:00' } }] });
    const run = await scan(emu, [SUB_A]);
    expect(run.stderr).toMatch(/quota used up; pausing 10\.0 s until it resets/);
    expect(report(run.out).summary.clusters).toBe(3);
    expect(run.ms).toBeLessThan(40_000);
  }, 60_000);

  test('after a dropped connection the process ends with its work, no timer left behind', async () => {
    emu = await emulator({ faults: [{ reset: true, times: 1 }] });
    const run = await scan(emu, [SUB_A]);
    expect(run.stderr).toMatch(/^arg: .* from subscription .*; retrying in/m);
    expect(report(run.out).summary.clusters).toBe(3);
    // The SDK's own timer used to keep the process alive for its whole 120 s timeout.
    expect(run.ms).toBeLessThan(30_000);
  }, 60_000);
});

describe('nothing leaked', () => {
  const SECRET = 'SECRET-MARKER-ssh-rsa-AAAAB3NzaC1yc2E';
  const leaky = `{"data":[{"id":"/subscriptions/x","properties":{"linuxProfile":{"ssh":{"publicKeys":[{"keyData":"${SECRET}"}]}}}}],"totalRecords":1,"count"`;

  test.each([
    ['retried (200)', 200, false],
    ['final (400)', 400, true],
  ])('an unparseable body is reported by error code and offset only: %s', async (_what, status, fails) => {
    emu = await emulator({ faults: [{ body: leaky, status, times: 1, when: isClusterQuery }] });
    const run = await scan(emu, [SUB_A], ['--verbose', '--allow-partial']);
    expect(run.code).toBe(0);
    const everything = [run.stdout, run.stderr, allText(run.out)].join('\n');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('linuxProfile');
    expect(everything).toContain('UnparseableResponse');
    if (fails) {
      expect(report(run.out).errors).toEqual([
        expect.objectContaining({ code: 'scope-failed', message: expect.stringMatching(/UnparseableResponse: the response body is not JSON \(\w+ at offset \d+ of \d+ characters\)$/) }),
      ]);
    }
  }, 60_000);
});
