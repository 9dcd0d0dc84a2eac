import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../package.json'), 'utf8')) as {
  name: string;
  version: string;
  homepage?: string;
};
export const TOOL = { name: pkg.name, version: pkg.version, informationUri: pkg.homepage ?? 'https://github.com/egress-audit/egress-audit' };
