import path from 'node:path';

/**
 * A report file path relative to the source root, with forward slashes, or null when the file lies
 * outside it. Finding locations are relative to the working directory the scan ran in.
 */
export function underRoot(root: string, file: string): string | null {
  const rel = path.relative(path.resolve(root), path.resolve(file));
  const inside = rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
  return inside ? rel.split(path.sep).join('/') : null;
}
