import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { ACTION_DIR, buildAction } from '../../scripts/build-action.ts';
import { tempDir } from '../helpers/cli.ts';

const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();

test('the committed action bundle (dist/action/) is what `npm run build:action` builds from the sources today', async () => {
  const fresh = path.join(tempDir('egress-audit-bundle-'), 'action');
  await buildAction(fresh);
  const hint = 'dist/action/ is stale: run `npm run build:action` and commit the result';
  expect(files(ACTION_DIR), hint).toEqual(files(fresh));
  for (const f of files(fresh)) expect(readFileSync(path.join(ACTION_DIR, f), 'utf8') === readFileSync(path.join(fresh, f), 'utf8'), `${hint} (${f})`).toBe(true);
});
