/**
 * Builds fixtures/sample/: a small two-subscription estate in ARG-row form, one file per
 * subscription as `export` writes them (rows sorted by ID, 2-space indentation). Each cluster is
 * chosen so that every policy passes on one cluster and fails on another; fixtures/sample/README.md
 * says which. `node scripts/build-sample.ts` rewrites the files; `--check` exits 1 when they differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dataPlatform, SUB_DATA } from './sample/data-platform.ts';
import { analyticsProd, internalTools, ledgerProd, ordersProd, paymentsProd, reportingLegacy, SUB_PAYMENTS } from './sample/payments.ts';
import type { Row } from './sample/rows.ts';

export function buildSample(): Record<string, Row[]> {
  return {
    [SUB_PAYMENTS]: sorted([...paymentsProd(), ...ordersProd(), ...ledgerProd(), ...analyticsProd(), ...reportingLegacy(), ...internalTools()]),
    [SUB_DATA]: sorted(dataPlatform()),
  };
}

function sorted(rows: Row[]): Row[] {
  const k = (r: Row): string => String(r['id']).toLowerCase();
  return rows.sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0));
}

export const SAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/sample');
export const sampleText = (rows: Row[]): string => `${JSON.stringify(rows, null, 2)}\n`;

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
