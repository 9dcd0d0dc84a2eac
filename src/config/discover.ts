import { existsSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { display } from '../json/read.ts';

/** The names a configuration file may have, in each folder, as ESLint and Spectral users expect. */
export const CONFIG_FILE_NAMES = ['json', 'yaml', 'yml'].flatMap((ext) => [`egress-audit.config.${ext}`, `.egress-audit.${ext}`]);

/**
 * The configuration file that applies in `cwd`: the nearest folder, from `cwd` upward, with one of
 * CONFIG_FILE_NAMES. The search ends at the repository root (a folder with `.git`), so a file
 * outside the repository never changes its scans. Two names in one folder are ambiguous: an error.
 */
export function findConfig(cwd: string): string | null {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const found = CONFIG_FILE_NAMES.map((n) => path.join(dir, n)).filter((f) => existsSync(f));
    if (found.length > 1) throw new InputError(`${found.map(display).join(' and ')}: two configuration files in one folder; keep one, or name it with --config`);
    if (found[0]) return found[0];
    if (existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) return null;
  }
}
