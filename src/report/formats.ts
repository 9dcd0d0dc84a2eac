import { html } from './html.ts';
import { json } from './json.ts';
import type { ScanResult } from './model.ts';

export interface FormatContext {
  /** Folder the report files go to (formats may name their siblings). */
  outDir: string;
}

/** Every format has this one signature: the result model in, the file's content out. */
export type Formatter = (result: ScanResult, ctx: FormatContext) => string;

export const FORMATS = ['json', 'html'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export const FORMATTERS: Record<OutputFormat, Formatter> = {
  json,
  html,
};

export const FILE_NAMES: Record<OutputFormat, string> = {
  json: 'egress-audit.json',
  html: 'egress-audit.html',
};
