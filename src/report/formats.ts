import { html } from './html.ts';
import { json, jsonChunked } from './json.ts';
import { junit } from './junit.ts';
import { markdown } from './markdown.ts';
import type { ScanResult } from '../scan/result.ts';
import { sarif, sarifChunked } from './sarif.ts';

export const FORMATS = ['json', 'sarif', 'html', 'junit', 'markdown'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export interface FormatContext {
  /** Folder the report files go to (formats may name their siblings). */
  outDir: string;
  /** Every format written in this run, so that one report can point to the others. */
  formats: readonly OutputFormat[];
  /** Folder that SARIF and JUnit file paths are relative to: the repository root. */
  sourceRoot: string;
  /** SARIF `runAutomationDetails.id`: the code scanning category, ending in `/`. */
  category: string;
}

export const DEFAULT_CATEGORY = 'egress-audit/';

/** A context with the CLI's defaults for whatever `ctx` leaves out. */
export function formatContext(ctx: Partial<FormatContext> = {}): FormatContext {
  return { outDir: 'reports', formats: [...FORMATS], sourceRoot: process.cwd(), category: DEFAULT_CATEGORY, ...ctx };
}

/** Every format has this one signature: the result model in, the file's content out. */
export type Formatter = (result: ScanResult, ctx: FormatContext) => string;

export const FORMATTERS: Record<OutputFormat, Formatter> = {
  json,
  sarif,
  html,
  junit,
  markdown,
};

/**
 * A format's content as pieces whose concatenation is its Formatter's text: the JSON and SARIF
 * reports, hundreds of megabytes at 50,000 clusters, are written without their whole text in memory.
 */
export type ChunkedFormatter = (result: ScanResult, ctx: FormatContext) => Iterable<string>;

const whole = (format: Formatter): ChunkedFormatter => (result, ctx) => [format(result, ctx)];

export const FORMAT_CHUNKS: Record<OutputFormat, ChunkedFormatter> = {
  json: jsonChunked,
  sarif: sarifChunked,
  html: whole(html),
  junit: whole(junit),
  markdown: whole(markdown),
};

export const FILE_NAMES: Record<OutputFormat, string> = {
  json: 'egress-audit.json',
  sarif: 'egress-audit.sarif',
  html: 'egress-audit.html',
  junit: 'egress-audit.junit.xml',
  markdown: 'egress-audit.md',
};
