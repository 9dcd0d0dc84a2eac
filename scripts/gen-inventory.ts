// Writes a deterministic synthetic AKS estate in export form, for benchmarks and scale tests:
//   npm run gen:inventory -- --clusters 10000 --out .bench/estate [--seed S] [--unrelated-network N]
import { readdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CLUSTERS_PER_SUBSCRIPTION, GENERATOR_VERSION, writeEstate } from './gen/estate.ts';

const USAGE = 'usage: npm run gen:inventory -- --clusters N --out DIR [--seed S] [--unrelated-network N (network resources no cluster uses, per subscription)]';

async function main(): Promise<number> {
  let values: { clusters?: string; out?: string; seed?: string; 'unrelated-network'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { clusters: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' }, 'unrelated-network': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`gen-inventory: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const clusters = Number(values.clusters);
  if (!values.clusters || !Number.isInteger(clusters) || clusters < 1) {
    process.stderr.write(`gen-inventory: --clusters must be a whole number of at least 1\n${USAGE}\n`);
    return 2;
  }
  const unrelated = Number(values['unrelated-network'] ?? 0);
  if (!Number.isInteger(unrelated) || unrelated < 0) {
    process.stderr.write(`gen-inventory: --unrelated-network must be a whole number\n${USAGE}\n`);
    return 2;
  }
  if (!values.out) {
    process.stderr.write(`gen-inventory: --out is required\n${USAGE}\n`);
    return 2;
  }
  // Mixing files of two estates would double-count clusters; refuse rather than guess.
  const existing = (await readdir(values.out).catch(() => [] as string[])).filter((f) => f.endsWith('.json'));
  if (existing.length) {
    process.stderr.write(`gen-inventory: ${values.out} already holds ${existing.length} JSON file(s); choose an empty folder\n`);
    return 2;
  }
  const seed = values.seed ?? '1';
  const started = performance.now();
  const s = await writeEstate(clusters, seed, values.out, (done, total) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${done}/${total} subscriptions`);
  }, unrelated);
  if (process.stderr.isTTY) process.stderr.write('\n');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `${s.clusters} clusters in ${s.subscriptions} subscription files (${CLUSTERS_PER_SUBSCRIPTION} per subscription), ${s.rows} rows, ` +
      `${(s.bytes / 1e6).toFixed(1)} MB, generator v${GENERATOR_VERSION}, seed ${seed}, ${seconds} s\n` +
      `outbound types: ${Object.entries(s.archetypes).map(([k, n]) => `${k} ${n}`).join(', ')}\n` +
      `injected defects: ${Object.entries(s.defects).map(([k, n]) => `${k} ${n}`).join(', ')}\n`,
  );
  return 0;
}

process.exitCode = await main();
