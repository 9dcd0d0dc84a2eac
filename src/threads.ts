import path from 'node:path';
import { pathToFileURL } from 'node:url';

declare global {
  // Set by the action bundle's banner: the folder of its entry points (a module may sit in a chunk below it).
  var __egressAuditBundleDir: string | undefined;
}

/**
 * A worker thread's module: `name` beside the calling module (`base`, its import.meta.url) in the
 * sources (.ts) and in dist/ (.js); in the action bundle, the entry point `bundled` beside the bundle.
 */
export function workerModule(base: string, name: string, bundled: string): URL {
  const bundle = globalThis.__egressAuditBundleDir;
  if (bundle) return pathToFileURL(path.join(bundle, bundled));
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}
