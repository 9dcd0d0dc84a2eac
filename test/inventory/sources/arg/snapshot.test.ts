import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { asManifest, MANIFEST_MARKER, type ExportManifest } from '../../../../src/inventory/sources/arg/manifest.ts';
import { layoutSnapshot, writeSnapshot } from '../../../../src/inventory/sources/arg/snapshot.ts';
import { loadFixtures } from '../../../../src/inventory/sources/files/index.ts';
import { tempDir } from '../../../helpers/cli.ts';

const row = (sub: string, name: string, extra: Record<string, unknown> = {}) => ({
  id: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Network/routeTables/${name}`,
  type: 'microsoft.network/routetables',
  name,
  subscriptionId: sub,
  properties: { routes: [], disableBgpRoutePropagation: false },
  ...extra,
});

function manifest(files: string[], errors: ExportManifest['errors'] = []): ExportManifest {
  return {
    [MANIFEST_MARKER]: 1,
    tool: { name: 'egress-audit', version: 'test' },
    createdAt: '2026-01-01T00:00:00.000Z',
    cloud: 'AzurePublicCloud',
    armEndpoint: 'https://management.azure.com',
    scope: { tenant: null, subscriptions: [], managementGroups: [] },
    queries: [],
    files: files.map((f) => ({ file: f, subscriptionId: f.replace('.json', ''), rows: 1 })),
    counts: {},
    errors,
  };
}

describe('the export layout', () => {
  test('is byte-identical whatever order rows and keys arrive in', () => {
    const rows = [row('bbbb', 'rt-2'), row('aaaa', 'rt-9'), row('aaaa', 'RT-1', { location: 'x' })];
    const shuffled = [rows[2]!, rows[0]!, { ...Object.fromEntries(Object.entries(rows[1]!).reverse()) }];
    const a = layoutSnapshot(rows);
    const b = layoutSnapshot(shuffled);
    expect(a.map((f) => f.text)).toEqual(b.map((f) => f.text));
    expect(a.map((f) => f.name)).toEqual(['aaaa.json', 'bbbb.json']);
    expect(a[0]!.rows.map((r) => r['name'])).toEqual(['RT-1', 'rt-9']);
    expect(a[0]!.text).toMatch(/^\[\n  \{\n    "id": /);
    expect(a[0]!.text.endsWith('}\n]\n')).toBe(true);
  });

  test('a subscription ID that is not a plain name never becomes a path', () => {
    const files = layoutSnapshot([{ id: '/subscriptions/../../etc/x', type: 't', subscriptionId: '../../etc' }]);
    expect(files.map((f) => f.name)).toEqual(['no-subscription.json']);
  });

  test('re-exporting removes files of subscriptions that are gone, and nothing else', async () => {
    const dir = tempDir('snap-');
    writeFileSync(path.join(dir, 'README.md'), 'notes');
    await writeSnapshot(dir, layoutSnapshot([row('aaaa', 'a'), row('bbbb', 'b')]), manifest(['aaaa.json', 'bbbb.json', 'manifest.json']));
    expect(existsSync(path.join(dir, 'bbbb.json'))).toBe(true);
    await writeSnapshot(dir, layoutSnapshot([row('aaaa', 'a')]), manifest(['aaaa.json']));
    expect(existsSync(path.join(dir, 'bbbb.json'))).toBe(false);
    expect(existsSync(path.join(dir, 'aaaa.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'manifest.json'))).toBe(true);
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('notes');
  });

  test('a failed scope keeps the last good files it may hold: a subscription its own, a management group every one not re-exported', async () => {
    const dir = tempDir('snap-');
    const first = { ...manifest(['aaaa.json', 'bbbb.json', 'cccc.json']), createdAt: '2026-01-01T00:00:00.000Z' };
    await writeSnapshot(dir, layoutSnapshot([row('aaaa', 'a'), row('bbbb', 'b'), row('cccc', 'c')]), first);
    const failedSub = { code: 'scope-failed', message: 'subscription bbbb: the clusters query failed: AccessDenied: no', resourceId: '/subscriptions/bbbb' };
    const second = { ...manifest(['aaaa.json'], [failedSub]), createdAt: '2026-02-01T00:00:00.000Z' };
    await writeSnapshot(dir, layoutSnapshot([row('aaaa', 'a')]), second);
    expect(existsSync(path.join(dir, 'bbbb.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'cccc.json'))).toBe(false);
    const kept = (asManifest(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')))!.files).map((f) => [f.file, f.keptFrom]);
    expect(kept).toEqual([['aaaa.json', undefined], ['bbbb.json', '2026-01-01T00:00:00.000Z']]);
    // Kept again by a later failure, it still names the export that wrote it.
    const failedGroup = { code: 'scope-failed', message: 'management group mg: the clusters query failed: AccessDenied: no', resourceId: '/providers/Microsoft.Management/managementGroups/mg' };
    await writeSnapshot(dir, [], { ...manifest([], [failedGroup]), createdAt: '2026-03-01T00:00:00.000Z' });
    const files = asManifest(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')))!.files;
    expect(files.map((f) => [f.file, f.keptFrom])).toEqual([['aaaa.json', '2026-02-01T00:00:00.000Z'], ['bbbb.json', '2026-01-01T00:00:00.000Z']]);
  });

  test('scanning an export reads the manifest as such and reports its failed scopes again', async () => {
    const dir = tempDir('snap-');
    const failed = { code: 'scope-failed', message: 'subscription cccc: the clusters query failed: AccessDenied: no', resourceId: '/subscriptions/cccc' };
    await writeSnapshot(dir, layoutSnapshot([row('aaaa', 'a')]), manifest(['aaaa.json'], [failed]));
    expect(asManifest(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')))).not.toBeNull();
    const loaded = await loadFixtures([dir]);
    expect(loaded.errors).toEqual([failed]);
    expect(loaded.inventory.routeTables.size).toBe(1);
    expect([...loaded.files.keys()].some((f) => f.endsWith('manifest.json'))).toBe(false);
  });
});
