import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { ACTION_DIR, buildAction } from '../../scripts/build-action.ts';
import { ReadAhead } from '../../src/inventory/sources/files/parallel.ts';
import { BackgroundLocator, Locator, RowIndex } from '../../src/json/locate/locate.ts';
import { workerModule } from '../../src/threads.ts';
import { tempDir } from '../helpers/cli.ts';

const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();

test('the committed action bundle (dist/action/) is what `npm run build:action` builds from the sources today', async () => {
  const fresh = path.join(tempDir('egress-audit-bundle-'), 'action');
  await buildAction(fresh);
  const hint = 'dist/action/ is stale: run `npm run build:action` and commit the result';
  expect(files(ACTION_DIR), hint).toEqual(files(fresh));
  for (const f of files(fresh)) expect(readFileSync(path.join(ACTION_DIR, f), 'utf8') === readFileSync(path.join(fresh, f), 'utf8'), `${hint} (${f})`).toBe(true);
});

test("the bundle's worker threads start from its own folder and answer as the sources' do", async () => {
  // Modules bundled into chunks/ find the workers' entry points through the bundle's folder.
  const dir = tempDir('egress-audit-bundle-workers-');
  const file = path.join(dir, 'rows.json');
  writeFileSync(file, JSON.stringify({ data: [{ id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/publicIPAddresses/a', type: 'microsoft.network/publicipaddresses', name: 'a', properties: { ipAddress: '1.2.3.4' } }] }, null, 2));
  globalThis.__egressAuditBundleDir = ACTION_DIR;
  try {
    expect(workerModule(import.meta.url, 'worker', 'locate-worker.js').href).toBe(pathToFileURL(path.join(ACTION_DIR, 'locate-worker.js')).href);
    const ahead = new ReadAhead([file, file], true);
    // Claim nothing on this thread: the bundled load worker reads both files.
    const got = await ahead.take(0);
    ahead.close();
    expect(got?.kind).toBe('rows');
    const index = new RowIndex();
    index.set(file, got?.kind === 'rows' ? (got.lists ?? null) : null);
    const locator = new BackgroundLocator(new Map([[file, file]]), index, 1);
    const places = [{ source: { file, path: ['data', 0] }, property: ['properties', 'ipAddress'] }];
    locator.submit(places);
    const expected = new Locator(new Map([[file, file]])).locateAll(places);
    expect(expected[0]).toMatchObject({ line: 8, column: 9 });
    expect(locator.finish(places)).toEqual(expected);
    expect(locator.locatedHere).toBe(0);
  } finally {
    globalThis.__egressAuditBundleDir = undefined;
  }
});
