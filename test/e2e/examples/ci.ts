import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseShell } from 'shell-quote';
import { parse as parseYaml } from 'yaml';
import { expect } from 'vitest';
import yargs from 'yargs';
import { parseFormats, scanCommand } from '../../../src/cli/commands/scan.ts';
import { ROOT, tempDir } from '../../helpers/cli.ts';

export type Yaml = Record<string, unknown>;

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
  /** With a capturing node: the arguments the action passed to the CLI. */
  args: string[] | null;
}

/**
 * Runs the action's scan step as the runner would (bash -e -o pipefail, inputs through the
 * step's env mapping, GITHUB_OUTPUT a file). With `capture`, a stand-in node records the CLI
 * arguments instead of scanning (for inputs that would need Azure).
 */
export function runActionStep(step: ActionStep, inputs: Record<string, string>, opts: { cwd: string; capture?: boolean }): ActionRun {
  const dir = tempDir('egress-audit-action-');
  const outputFile = path.join(dir, 'github-output');
  writeFileSync(outputFile, '');
  const argsFile = path.join(dir, 'args');
  let actionPath = ROOT;
  if (opts.capture) {
    actionPath = path.join(dir, 'action');
    mkdirSync(path.join(actionPath, 'node_modules/.bin'), { recursive: true });
    const fake = path.join(actionPath, 'node_modules/.bin/node');
    writeFileSync(fake, `#!/bin/sh\nprintf '%s\\0' "$@" > '${argsFile}'\n`);
    chmodSync(fake, 0o755);
  }
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTION_PATH: actionPath, GITHUB_OUTPUT: outputFile, NO_COLOR: '1' };
  for (const [k, v] of Object.entries(step.env ?? {})) {
    env[k] = String(v).replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => {
      if (!(name in inputs)) throw new Error(`the step reads an input the action does not declare: ${name}`);
      return inputs[name]!;
    });
    if (/\$\{\{/.test(env[k]!)) throw new Error(`unsupported expression in env ${k}: ${v}`);
  }
  const scriptFile = path.join(dir, 'step.sh');
  writeFileSync(scriptFile, step.run ?? '');
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], { cwd: opts.cwd, env, encoding: 'utf8', timeout: 60_000 });
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(outputFile, 'utf8').split('\n').filter(Boolean)) {
    const i = line.indexOf('=');
    outputs[line.slice(0, i)] = line.slice(i + 1);
  }
  let args: string[] | null = null;
  if (opts.capture) {
    try {
      args = readFileSync(argsFile, 'utf8').split('\0').slice(0, -1);
    } catch {
      args = null;
    }
  }
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, outputs, args };
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
