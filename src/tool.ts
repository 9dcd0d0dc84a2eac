import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's folder: policies/, schemas/ and fixtures/ ship beside src/. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  homepage?: string;
};
export const TOOL = { name: pkg.name, version: pkg.version, informationUri: pkg.homepage ?? 'https://github.com/egress-audit/egress-audit' };
