// The scale benchmark (not a test): `npm run bench [-- --sizes 1000,10000,50000 --runs 3 --seed 1 --startup-runs 10 --write docs/performance.md]`.
// Prints one table: input size, the parse-only floor, the full scan, their ratio, throughput and peak RSS;
// then the live path and the start-up row (--startup-runs 0 leaves it out).
import { readFile, rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FILE_NAMES, FORMATS } from '../src/report/formats.ts';
import type { ScanResult } from '../src/scan/result.ts';
import { ensureEstate, subset } from './estate-cache.ts';
import { liveRow } from './live.ts';
import { measure, type Measured } from './measure.ts';
import { packageImage, renderStartup, startupRow } from './startup.ts';
import { renderLinearity, renderLive, renderTable, writeInto, type SizeResult } from './table.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = path.join(ROOT, '.bench');
const log = (text: string): void => void process.stderr.write(`bench: ${text}\n`);

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,50000' },
    runs: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    write: { type: 'string' },
    live: { type: 'string', default: '10000' },
    'live-unrelated': { type: 'string', default: '500' },
    'startup-runs': { type: 'string', default: '10' },
  },
  strict: true,
});
const sizes = values.sizes.split(',').map((v) => Number(v.trim()));
const runs = Number(values.runs);
if (sizes.some((v) => !Number.isInteger(v) || v < 50) || !Number.isInteger(runs) || runs < 1 || !Number.isInteger(Number(values.live))) {
  throw new Error('--sizes takes whole numbers of at least 50 (multiples of 50), --runs a whole number of at least 1, --live a number of clusters (0: no live row)');
}

const formats = (FORMATS as readonly string[]).includes('sarif') ? ['json', 'sarif'] : ['json'];
const sarifFile = (FILE_NAMES as Record<string, string>)['sarif'];
const load = loadavg()[0] ?? 0;
const started = performance.now();
const liveClusters = Number(values.live);
const estate = await ensureEstate(CACHE, Math.max(...sizes, liveClusters), values.seed, log);
// Scans run from the installed shape of the package (the compiled dist/, no src/), as users run it.
const image = packageImage(ROOT, CACHE);
const bin = path.join(image, 'bin/egress-audit.js');

const best = (ms: Measured[]): SizeResult['scan'] => ({
  wallMs: Math.min(...ms.map((m) => m.wallMs)),
  cpuMs: Math.min(...ms.map((m) => m.cpuMs)),
  maxRssKb: Math.max(...ms.map((m) => m.maxRssKb)),
});

const results: SizeResult[] = [];
for (const clusters of [...sizes].sort((a, b) => a - b)) {
  const input = await subset(CACHE, estate, clusters);
  const out = path.join(CACHE, `reports-n${clusters}`);
  await rm(out, { recursive: true, force: true });
  const parseArgv = ['bench/parse-only.ts', input.dir];
  const scanArgv = [bin, 'scan', '--input', input.dir, '--format', formats.join(','), '--out', out, '--fail-on', 'none', '--allow-partial', '--quiet'];
  // One untimed pass puts the files in the page cache, so both sides read from memory.
  await measure(parseArgv, ROOT);
  const parse: Measured[] = [];
  const scan: Measured[] = [];
  for (let i = 0; i < runs; i++) {
    // Interleaved, so that both see the same machine load.
    parse.push(await measure(parseArgv, ROOT));
    const s = await measure(scanArgv, ROOT);
    if (s.code !== 0) throw new Error(`scan of ${clusters} clusters exited ${s.code}:\n${s.stderr.slice(-3000)}`);
    scan.push(s);
    log(`${clusters} clusters, run ${i + 1}/${runs}: parse-only ${(parse[i]!.wallMs / 1000).toFixed(2)} s, scan ${(s.wallMs / 1000).toFixed(2)} s`);
  }
  const report = JSON.parse(await readFile(path.join(out, FILE_NAMES.json), 'utf8')) as ScanResult;
  let sarifResults: number | null = null;
  if (formats.includes('sarif') && sarifFile) {
    const sarif = JSON.parse(await readFile(path.join(out, sarifFile), 'utf8')) as { runs: { results?: unknown[] }[] };
    sarifResults = sarif.runs.reduce((k, r) => k + (r.results?.length ?? 0), 0);
  }
  results.push({
    clusters,
    files: input.files,
    bytes: input.bytes,
    parse: best(parse),
    scan: best(scan),
    findings: report.summary.findings,
    notEvaluated: report.summary.notEvaluated,
    errors: report.errors.length,
    sarifResults,
    formats: formats.join(', '),
  });
  await rm(out, { recursive: true, force: true });
}

const startupRuns = Number(values['startup-runs']);
const startup = startupRuns > 0 ? startupRow(image, CACHE, startupRuns, log) : null;

const live = [];
if (liveClusters > 0) {
  // Two shapes: an AKS-dominated network, and one where every subscription also holds unrelated network resources.
  for (const unrelated of [0, Number(values['live-unrelated'])]) {
    log(`live scan of ${liveClusters} clusters (${unrelated} unrelated network resources per subscription) through the ARG emulator (quota 15 requests / 5 s)`);
    live.push(await liveRow(ROOT, estate, liveClusters, formats, unrelated));
  }
}

const cpu = cpus();
const header =
  `Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, load average ${load.toFixed(1)} at start. ` +
  `Best of ${runs} runs per size (wall and CPU time each the minimum, peak RSS the maximum); reports: ${formats.join(' + ')}; seed ${values.seed}.`;
const incomplete = results.filter((r) => r.notEvaluated || r.errors);
const block = [
  header,
  '',
  renderTable(results),
  '',
  renderLinearity(results),
  '',
  renderLive(live),
  '',
  renderStartup(startup),
  ...(incomplete.length ? ['', `Warning: ${incomplete.map((r) => `${r.clusters}: ${r.notEvaluated} incomplete, ${r.errors} errors`).join('; ')}`] : []),
  '',
  `Benchmark wall time: ${((performance.now() - started) / 1000).toFixed(0)} s.`,
].join('\n');
process.stdout.write(`${block}\n`);
if (values.write) {
  await writeInto(values.write, block);
  log(`figures written into ${values.write}`);
}
