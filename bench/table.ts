import { readFile, writeFile } from 'node:fs/promises';

export interface SizeResult {
  clusters: number;
  files: number;
  bytes: number;
  parse: { wallMs: number; cpuMs: number; maxRssKb: number };
  scan: { wallMs: number; cpuMs: number; maxRssKb: number };
  findings: number;
  notEvaluated: number;
  errors: number;
  sarifResults: number | null;
  formats: string;
}

export interface LiveResult {
  clusters: number;
  subscriptions: number;
  /** Network resources no cluster uses, in all (the second estate shape). */
  unrelated: number;
  /** Rows ARG returned over all pages, and rows the scan needed (what the export keeps). */
  rows: number;
  needed: number;
  requests: number;
  minimumRequests: number;
  /** Response bytes (ARG to the scanner) and query bytes (the scanner to ARG). */
  bytes: number;
  sentBytes: number;
  throttled: number;
  wallMs: number;
  maxRssKb: number;
}

const n = (x: number): string => Math.round(x).toLocaleString('en-US');
const s = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const mb = (bytes: number): string => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : bytes >= 1e7 ? `${(bytes / 1e6).toFixed(0)} MB` : `${(bytes / 1e6).toFixed(1)} MB`);
const rss = (kb: number): string => `${n(kb / 1024)} MB`;

/** The benchmark table (Markdown, readable as plain text too). */
export function renderTable(results: readonly SizeResult[]): string {
  const lines = [
    '| clusters | input | parse-only | full scan | scan ÷ parse-only (wall / CPU) | clusters/s | peak RSS scan | peak RSS parse-only | findings | SARIF results |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${n(r.clusters)} | ${mb(r.bytes)} in ${n(r.files)} files | ${s(r.parse.wallMs)} | ${s(r.scan.wallMs)} | ${(r.scan.wallMs / r.parse.wallMs).toFixed(2)}× / ${(r.scan.cpuMs / r.parse.cpuMs).toFixed(2)}× | ` +
        `${n(r.clusters / (r.scan.wallMs / 1000))} | ${rss(r.scan.maxRssKb)} | ${rss(r.parse.maxRssKb)} | ${n(r.findings)} | ${r.sarifResults === null ? 'n/a' : n(r.sarifResults)} |`,
    );
  }
  return lines.join('\n');
}

/** Cost growth between consecutive sizes, against the target of at most 1.1× the growth in clusters. */
export function renderLinearity(results: readonly SizeResult[]): string {
  const out: string[] = [];
  for (let i = 1; i < results.length; i++) {
    const a = results[i - 1];
    const b = results[i];
    if (!a || !b) continue;
    const k = b.clusters / a.clusters;
    const wall = b.scan.wallMs / a.scan.wallMs;
    const cpu = b.scan.cpuMs / a.scan.cpuMs;
    out.push(`- ${n(a.clusters)} → ${n(b.clusters)} clusters (×${k.toFixed(0)}): scan wall time ×${wall.toFixed(2)}, CPU time ×${cpu.toFixed(2)} (target ≤ ×${(k * 1.1).toFixed(1)})`);
  }
  return out.join('\n');
}

export function renderLive(rows: readonly LiveResult[]): string {
  if (!rows.length) return 'Live path (ARG emulator): not measured in this run.';
  return [
    '| live scan (ARG emulator, 15 requests / 5 s) | unrelated network resources | rows needed | rows fetched | ARG requests | floor | requests ÷ floor | 429 responses | received | sent (queries) | wall time | peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (live) =>
        `| ${n(live.clusters)} clusters in ${n(live.subscriptions)} subscriptions | ${n(live.unrelated)} | ${n(live.needed)} | ${n(live.rows)} | ${n(live.requests)} | ${n(live.minimumRequests)} | ${(live.requests / live.minimumRequests).toFixed(2)}× | ${n(live.throttled)} | ` +
        `${mb(live.bytes)} | ${mb(live.sentBytes)} | ${s(live.wallMs)} | ${rss(live.maxRssKb)} |`,
    ),
    '',
    'Floor: one request per 1,000 rows needed, plus one partly filled page per batch of 200 subscriptions.',
  ].join('\n');
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the figures between the bench markers of a Markdown file. */
export async function writeInto(file: string, block: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${file}: no ${START} … ${END} block to update`);
  await writeFile(file, `${text.slice(0, a + START.length)}\n${block}\n${text.slice(b)}`);
}
