import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CLUSTERS_PER_SUBSCRIPTION, GENERATOR_VERSION, writeEstate } from '../scripts/gen/estate.ts';

export interface Estate {
  dir: string;
  clusters: number;
  files: number;
  bytes: number;
}

/**
 * The benchmark's estates live in `.bench/` (git-ignored). One estate of the largest size is
 * generated per generator version and seed and reused by later runs; smaller sizes are folders of
 * hard links to its first files, which are exactly the smaller estates of the same seed.
 */
export async function ensureEstate(root: string, clusters: number, seed: string, log: (s: string) => void): Promise<string> {
  const dir = path.join(root, 'estates', `v${GENERATOR_VERSION}-seed-${seed.replace(/[^\w.-]/g, '_')}`);
  const marker = `${dir}.done.json`;
  if (existsSync(marker)) {
    const done = JSON.parse(await readFile(marker, 'utf8')) as { clusters: number };
    if (done.clusters >= clusters) return dir;
  }
  await rm(dir, { recursive: true, force: true });
  await rm(marker, { force: true });
  log(`generating ${clusters.toLocaleString('en-US')} clusters into ${dir} (once; reused while generator v${GENERATOR_VERSION} and seed ${seed} stay)`);
  const started = performance.now();
  const s = await writeEstate(clusters, seed, dir);
  await writeFile(marker, `${JSON.stringify({ clusters: s.clusters, subscriptions: s.subscriptions, rows: s.rows, bytes: s.bytes, seconds: (performance.now() - started) / 1000 })}\n`);
  log(`generated ${(s.bytes / 1e9).toFixed(2)} GB in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return dir;
}

/** A folder holding the first `clusters` clusters of the estate (hard links, copies where links fail). */
export async function subset(root: string, estateDir: string, clusters: number): Promise<Estate> {
  if (clusters % CLUSTERS_PER_SUBSCRIPTION !== 0) throw new Error(`sizes must be multiples of ${CLUSTERS_PER_SUBSCRIPTION}`);
  const names = (await readdir(estateDir)).filter((f) => f.endsWith('.json')).sort().slice(0, clusters / CLUSTERS_PER_SUBSCRIPTION);
  const dir = path.join(root, `n${clusters}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  let bytes = 0;
  for (const name of names) {
    const from = path.join(estateDir, name);
    const to = path.join(dir, name);
    await link(from, to).catch(() => copyFile(from, to));
    bytes += (await stat(to)).size;
  }
  return { dir, clusters, files: names.length, bytes };
}
