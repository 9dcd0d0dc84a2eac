// `npm run build`: the published package's dist/, compiled from src/ at the same depth, with
// the report's page assets beside the modules that read them and the validators and templates
// compiled ahead of time (scripts/precompile.ts). dist/action/ (the committed
// action bundle, `npm run build:action`) is left alone.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompiledModule } from './precompile.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const ASSET = /\.(hbs|css|js)$/;

for (const entry of safeReaddir(DIST)) if (entry !== 'action') rmSync(path.join(DIST, entry), { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

const html = path.join(ROOT, 'src/report/html');
for (const name of readdirSync(html).filter((n) => ASSET.test(n))) cpSync(path.join(html, name), path.join(DIST, 'report/html', name));

writeFileSync(path.join(DIST, 'precompiled/data.js'), precompiledModule());

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
