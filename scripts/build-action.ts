// `npm run build:action`: the GitHub Action's bundle, committed under dist/action/ so that the
// action runs without installing anything. test/action/bundle.test.ts rebuilds it and fails
// when the committed files differ.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { precompiledModule } from './precompile.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ACTION_DIR = path.join(ROOT, 'dist/action');
const HTML = path.join(ROOT, 'src/report/html');

/** The validators and templates compiled at build time take the place of the empty source module. */
const precompiled: Plugin = {
  name: 'precompiled',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]precompiled[\\/]data\.ts$/ }, (args) => ({ contents: precompiledModule(), loader: 'js', resolveDir: path.dirname(args.path) }));
  },
};

/** src/lazy.ts loads from node_modules, which an action does not have: in the bundle it imports statically. */
const lazy: Plugin = {
  name: 'lazy',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]lazy\.ts$/ }, (args) => ({
      contents: "import * as ajv from 'ajv';\nimport * as yaml from 'yaml';\nexport const lazyAjv = () => ajv;\nexport const lazyYaml = () => yaml;\n",
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * RE2's WebAssembly loader looks for re2.wasm in `__dirname`, which an ES module does not have:
 * it gets the bundle's folder (set by the banner of whichever file loads first), where the
 * build copies re2.wasm.
 */
const RE2_WASM = path.join(ROOT, 'node_modules/re2-wasm/build/wasm/re2.wasm');
const re2Wasm: Plugin = {
  name: 're2-wasm',
  setup(b) {
    b.onLoad({ filter: /[\\/]re2-wasm[\\/]build[\\/]wasm[\\/]re2\.js$/ }, (args) => ({
      contents: `var __dirname = globalThis.__egressAuditBundleDir;\n${readFileSync(args.path, 'utf8')}`,
      loader: 'js',
    }));
  },
};

/** Writes the bundle into `outDir` (emptied first). */
export async function buildAction(outDir: string): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    // Worker threads' modules are entry points beside the bundle's (see workerModule in src/threads.ts).
    entryPoints: { index: 'src/action/index.ts', worker: 'src/inventory/sources/files/worker.ts', 'locate-worker': 'src/json/locate/worker.ts' },
    outdir: outDir,
    bundle: true,
    // Chunks: the Azure SDK is loaded only for `source: arg`.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    // Node 24 runs the action; Node 22 (this repository's) runs its tests.
    target: 'node22',
    // jsonc-parser's `main` is a UMD build whose require calls esbuild cannot follow.
    mainFields: ['module', 'main'],
    // CommonJS dependencies (ajv, handlebars) require Node's built-ins; an ES module has no require.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url); globalThis.__egressAuditBundleDir ??= decodeURIComponent(new URL(import.meta.url.includes('/chunks/') ? '..' : '.', import.meta.url).pathname);" },
    legalComments: 'eof',
    logLevel: 'warning',
    plugins: [precompiled, lazy, re2Wasm],
  });
  cpSync(RE2_WASM, path.join(outDir, 're2.wasm'));
  // The report module reads its page assets from html/ beside itself, here the bundle.
  mkdirSync(path.join(outDir, 'html'));
  for (const name of readdirSync(HTML).filter((n) => /\.(hbs|css|js)$/.test(n))) cpSync(path.join(HTML, name), path.join(outDir, 'html', name));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAction(ACTION_DIR);
