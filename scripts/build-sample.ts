/**
 * Builds fixtures/sample/: a small two-subscription estate in ARG-row form, one file per
 * subscription as `export` writes them (rows sorted by ID, keys sorted, 2-space indentation).
 * Each cluster is chosen so that every policy passes on one cluster and fails on another;
 * fixtures/sample/README.md says which. `npm run sample:build` rewrites the files; with
 * `-- --check` it exits 1 when they differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dataPlatform, SUB_DATA } from './sample/data-platform.ts';
import { analyticsProd, internalTools, ledgerProd, ordersProd, paymentsProd, reportingLegacy, SUB_PAYMENTS } from './sample/payments.ts';
import type { Row } from './sample/rows.ts';
import { checkoutProd, hubFirewalls, paymentsAuthorization } from './sample/identity.ts';

export function buildSample(): Record<string, Row[]> {
  return {
    [SUB_PAYMENTS]: sorted([...paymentsProd(), ...ordersProd(), ...ledgerProd(), ...analyticsProd(), ...reportingLegacy(), ...internalTools(), ...checkoutProd(), ...hubFirewalls(), ...paymentsAuthorization()]),
    [SUB_DATA]: sorted(dataPlatform()),
  };
}

function sorted(rows: Row[]): Row[] {
  const k = (r: Row): string => String(r['id']).toLowerCase();
  return rows.sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0));
}

/** Keys sorted at every level, as `export` writes them so that re-exports diff cleanly. */
function sortedKeys(_k: string, v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(src).sort()) Object.defineProperty(out, k, { value: src[k], enumerable: true, writable: true, configurable: true });
  return out;
}

export const SAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/sample');
export const sampleText = (rows: Row[]): string => `${JSON.stringify(rows, sortedKeys, 2)}\n`;

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [sub, rows] of Object.entries(buildSample())) {
    const file = path.join(SAMPLE_DIR, `${sub}.json`);
    if (check) {
      let have = '';
      try {
        have = readFileSync(file, 'utf8');
      } catch {
        /* a missing file is stale */
      }
      if (have !== sampleText(rows)) {
        console.error(`stale: ${path.relative(process.cwd(), file)}`);
        stale++;
      }
    } else {
      writeFileSync(file, sampleText(rows));
      console.log(`wrote ${path.relative(process.cwd(), file)} (${rows.length} rows)`);
    }
  }
  process.exitCode = stale ? 1 : 0;
}
