import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseShell } from 'shell-quote';
import { parse as parseYaml } from 'yaml';
import { expect } from 'vitest';
import yargs from 'yargs';
import { scanArgs } from '../../../src/action/action.ts';
import { scanCommand } from '../../../src/cli/commands/scan.ts';
import { parseFormats } from '../../../src/cli/output.ts';
import { ROOT, tempDir } from '../../helpers/cli.ts';

export type Yaml = Record<string, unknown>;

/** The action's entry, as action.yml names it. */
export const ACTION_MAIN = 'dist/action/index.js';

export function readYaml(rel: string): Yaml {
  return parseYaml(readFileSync(path.join(ROOT, rel), 'utf8')) as Yaml;
}

export interface ActionStep {
  uses?: string;
  run?: string;
  id?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  shell?: string;
  if?: string;
  'working-directory'?: string;
}

/** Every step of every job of a workflow, in order. */
export const steps = (wf: Yaml): ActionStep[] => Object.values(wf.jobs as Record<string, { steps: ActionStep[] }>).flatMap((j) => j.steps);

/** The workflow's one step that runs the egress-audit action. */
export function auditStep(wf: Yaml): ActionStep {
  const found = steps(wf).filter((s) => s.uses?.startsWith('egress-audit/egress-audit@'));
  expect(found).toHaveLength(1);
  return found[0]!;
}

/**
 * Parses scan arguments with the CLI's own yargs definition of `scan`, strictly, so an unknown
 * option, a value outside an option's choices or an unknown report format fails; the handler is
 * replaced, so nothing runs.
 */
export async function parseScanArgs(argv: readonly string[]): Promise<Record<string, unknown>> {
  const ctx = { io: { out: () => {}, err: () => {}, isTTY: false }, setExitCode: () => {} };
  const real = scanCommand(ctx);
  let parsed: Record<string, unknown> | null = null;
  await yargs([...argv])
    .command({
      ...real,
      handler: (args) => {
        parseFormats(args.format);
        parsed = args as unknown as Record<string, unknown>;
      },
    })
    .demandCommand(1)
    .strict()
    .exitProcess(false)
    .fail(false)
    .parseAsync();
  if (!parsed) throw new Error(`not a scan command: ${argv.join(' ')}`);
  return parsed;
}

/**
 * The egress-audit invocations in a shell script: `egress-audit …`, `npx egress-audit …` and
 * `<node> <…>/bin/egress-audit.js …`, with their arguments. Azure Pipelines macros `$(x)` and
 * GitHub expressions become placeholder words; shell variables expand to their names.
 */
export function invocations(script: string): string[][] {
  const text = script
    .replace(/\\\r?\n/g, ' ')
    .replace(/\$\{\{[^}]*\}\}/g, 'EXPR')
    .replace(/\$\(([A-Za-z_.][\w.]*)\)/g, '/ado/$1');
  const found: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    const tokens = parseShell(line, (name) => `/env/${name}`);
    let words: string[] = [];
    const flush = (): void => {
      const at = words.findIndex((w, i) => /(^|\/)egress-audit$/.test(w) || (/\/bin\/egress-audit\.js$/.test(w) && i > 0));
      if (at >= 0) found.push(words.slice(at + 1));
      words = [];
    };
    for (const t of tokens) {
      if (typeof t === 'string') words.push(t);
      else if ('op' in t && t.op === 'glob') words.push(t.pattern);
      else if ('op' in t) flush();
      else if ('comment' in t) break;
    }
    flush();
  }
  return found;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

/** The environment the runner gives an action: `INPUT_<NAME>`, upper case, spaces as `_`, hyphens kept. */
export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]));
}

/** Reads a GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` blocks. */
export function readOutputs(file: string): Record<string, string> {
  const lines = readFileSync(file, 'utf8').split('\n');
  const outputs: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      if (end < 0) throw new Error(`unterminated output ${block[1]}`);
      outputs[block[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line) {
      const at = line.indexOf('=');
      outputs[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return outputs;
}

/**
 * Runs the committed action bundle as the runner would: `node dist/action/index.js` in the
 * workspace, inputs as INPUT_* variables, GITHUB_OUTPUT a file.
 */
export function runAction(inputs: Record<string, string>, opts: { cwd: string }): ActionRun {
  const outputFile = path.join(tempDir('egress-audit-action-'), 'github-output');
  writeFileSync(outputFile, '');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_OUTPUT: outputFile, NO_COLOR: '1', ...inputEnv(inputs) };
  const r = spawnSync(process.execPath, [path.join(ROOT, ACTION_MAIN)], { cwd: opts.cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, outputs: readOutputs(outputFile) };
}

/** The scan command line the action builds from these inputs, without running it. */
export function actionArgs(inputs: Record<string, string>, cwd: string): string[] {
  const saved = { ...process.env };
  const dir = process.cwd();
  try {
    for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
    Object.assign(process.env, inputEnv(inputs));
    process.chdir(cwd);
    return scanArgs();
  } finally {
    process.chdir(dir);
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

/** The action's inputs: declared defaults overlaid with a workflow step's `with:` (values as the runner passes them, strings). */
export function actionInputs(action: Yaml, given: Record<string, unknown> = {}): Record<string, string> {
  const declared = action.inputs as Record<string, { default?: unknown }>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(declared)) out[k] = v.default === undefined ? '' : String(v.default);
  for (const [k, v] of Object.entries(given)) {
    if (!(k in declared)) throw new Error(`input "${k}" is not declared in action.yml`);
    if (/\$\{\{/.test(String(v))) throw new Error(`input "${k}" is an expression; the examples test cannot evaluate it`);
    out[k] = String(v);
  }
  return out;
}
