import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { run } from '../cli/main.ts';
import { FILE_NAMES, FORMATS, type OutputFormat } from '../report/formats.ts';
import type { ScanResult } from '../scan/result.ts';

const words = (name: string): string[] => core.getInput(name).split(/\s+/).filter(Boolean);

/**
 * The scan's command line from the action's inputs (action.yml). Inputs reach the CLI as
 * arguments of one process, never through a shell, so no input can inject a command.
 */
export function scanArgs(): string[] {
  const format = core.getInput('format');
  const formats = format.split(',').map((f) => f.trim());
  // json is always written: the outputs are read from it.
  const args = ['scan', '--out', core.getInput('out'), '--format', formats.includes('json') ? format : `json,${format}`, '--fail-on', core.getInput('fail-on')];
  const source = core.getInput('source');
  if (source !== 'fixtures') args.push('--source', source);
  for (const [input, option] of [
    ['input', '--input'],
    ['subscription', '--subscription'],
    ['management-group', '--management-group'],
    ['policies', '--policies'],
  ] as const) {
    for (const w of words(input)) args.push(option, w);
  }
  for (const name of ['credential', 'snapshot', 'config', 'profile', 'category', 'suppressions']) {
    const v = core.getInput(name);
    if (v) args.push(`--${name}`, v);
  }
  if (core.getBooleanInput('allow-partial')) args.push('--allow-partial');
  const baseline = core.getInput('baseline');
  if (baseline && existsSync(baseline)) {
    args.push('--baseline', baseline);
    if (core.getBooleanInput('fail-on-new')) args.push('--fail-on-new');
  } else if (baseline) {
    core.notice(`no baseline report at ${baseline} (first run?): every finding counts`, { title: 'egress-audit' });
  }
  return args;
}

/** The outputs a finished scan leaves: the report paths written, and the counts from its JSON report. */
export function scanOutputs(out: string, formats: readonly OutputFormat[]): Record<string, string | number> {
  const outputs: Record<string, string | number> = {};
  for (const f of formats) {
    const file = path.join(out, FILE_NAMES[f]);
    if (existsSync(file)) outputs[f] = file;
  }
  const json = path.join(out, FILE_NAMES.json);
  if (!existsSync(json)) return outputs;
  const r = JSON.parse(readFileSync(json, 'utf8')) as ScanResult;
  const s = r.summary;
  return {
    ...outputs,
    clusters: s.clusters,
    incomplete: s.notEvaluated,
    findings: s.findings,
    ...s.bySeverity,
    suppressed: r.suppressions?.suppressed ?? 0,
    'expired-suppressions': r.suppressions?.expired.length ?? 0,
    ...(r.baseline?.counts ?? {}),
  };
}

/** Runs the action: scans, writes the outputs, and returns the scan's exit code (which fails the step). */
export async function runAction(): Promise<number> {
  let args: string[];
  try {
    args = scanArgs();
  } catch (err) {
    core.setFailed(`egress-audit: ${(err as Error).message}`);
    return 2;
  }
  const code = await run(args);
  core.setOutput('exit-code', code);
  const formats = FORMATS.filter((f) => f === 'json' || core.getInput('format').split(',').some((g) => g.trim() === f));
  for (const [k, v] of Object.entries(scanOutputs(core.getInput('out'), formats))) core.setOutput(k, v);
  return code;
}
