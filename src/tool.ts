import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's root folder (package.json, policies/, schemas/, the bundled sample). Found by
 * walking up from this module rather than by a fixed `../..`, because the same code runs from
 * src/, from the compiled dist/ and from the action bundle in dist/action/, at different depths.
 */
export const PACKAGE_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'policies'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`egress-audit: no package root above ${from}`);
  }
}

const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  homepage?: string;
};
export const TOOL = { name: pkg.name, version: pkg.version, informationUri: pkg.homepage ?? 'https://github.com/egress-audit/egress-audit' };
