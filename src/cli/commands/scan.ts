import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv, CommandModule } from 'yargs';
import { InputError } from '../../errors.ts';
import { loadBaseline } from '../../triage/baseline.ts';
import { loadSuppressions } from '../../triage/suppressions.ts';
import { SEVERITIES, type Severity } from '../../policy/types.ts';
import { writeReports } from '../../report/index.ts';
import { collectGarbage } from '../memory.ts';
import { DEFAULT_CATEGORY, FORMATS, type OutputFormat } from '../../report/formats.ts';
import type { ScanResult } from '../../scan/result.ts';
import { MAX_SARIF_RESULTS, sarifSelection } from '../../report/sarif.ts';
import { evaluate, type EvaluateOptions } from '../../scan/scan.ts';
import { exitCode } from '../../scan/result.ts';
import { filesSource } from '../../inventory/sources/files/index.ts';
import { type LoadedInventory } from '../../inventory/sources/source.ts';
import { plain, type CommandContext } from '../io.ts';
import { policySetup } from '../setup.ts';
import { printSummary } from '../summary.ts';
import { ARG_OPTION_NAMES, argOptions, argSource, type ArgArgs } from '../arg/options.ts';
import { ArgProgress } from '../arg/progress.ts';

export const SAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/sample');

/** A scan of nothing that reports green is worse than no scan: say what to scan instead. */
export const NO_INPUT_MESSAGE =
  'scan: nothing to scan: give --input FILE_OR_FOLDER (an exported inventory, repeatable) or --source arg (Azure Resource Graph, live). ' +
  'To scan the bundled sample: npm run sample, or egress-audit scan --input fixtures/sample';

interface ScanArgs extends ArgArgs {
  source: 'fixtures' | 'arg';
  snapshot?: string;
  input?: string[];
  format: string[];
  out: string;
  'source-root'?: string;
  category: string;
  profile?: string;
  config?: string;
  'fail-on': Severity | 'none';
  'allow-partial': boolean;
  'allow-empty': boolean;
  policies?: string[];
  suppressions?: string;
  baseline?: string;
  'fail-on-new': boolean;
  quiet: boolean;
  verbose: boolean;
}

export function parseFormats(values: readonly string[]): OutputFormat[] {
  const out: OutputFormat[] = [];
  for (const v of values.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean)) {
    if (!(FORMATS as readonly string[]).includes(v)) throw new InputError(`--format: unknown format "${v}"; choose from ${FORMATS.join(', ')}`);
    if (!out.includes(v as OutputFormat)) out.push(v as OutputFormat);
  }
  return out;
}

/** The folder SARIF and JUnit paths are relative to; it must exist. */
export function parseSourceRoot(value: string | undefined): string {
  const root = path.resolve(value ?? '.');
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new InputError(`--source-root: ${value} is not a folder`);
  return root;
}

/** A code scanning category: one line, ending in `/` so that GitHub reads all of it as the category. */
export function parseCategory(value: string): string {
  const v = value.trim();
  // eslint-disable-next-line no-control-regex
  if (!v || /[\u0000-\u001f\u007f-\u009f]/.test(v)) throw new InputError(`--category: ${JSON.stringify(value)} is not a usable category; give a name such as egress-audit/prod`);
  return v.endsWith('/') ? v : `${v}/`;
}

export function scanCommand(ctx: CommandContext): CommandModule<object, ScanArgs> {
  return {
    command: 'scan',
    describe: 'Scan an AKS egress inventory against the policies and write reports',
    builder: (y: Argv) =>
      argOptions(y, 'Azure Resource Graph:')
        .option('input', { alias: 'i', type: 'string', array: true, describe: 'Inventory file or folder (repeatable); required unless --source arg (the bundled sample: --input fixtures/sample)' })
        .option('format', { alias: 'f', type: 'string', array: true, default: ['html,sarif,json'], describe: `Report formats, comma-separated: ${FORMATS.join(',')}` })
        .option('out', { alias: 'o', type: 'string', default: 'reports', describe: 'Folder the reports are written to' })
        .option('source-root', { type: 'string', describe: 'Repository root that SARIF and JUnit file paths are relative to; default: the current folder' })
        .option('category', { type: 'string', default: DEFAULT_CATEGORY, describe: 'GitHub code scanning category of the SARIF run (runAutomationDetails.id)' })
        .option('profile', { type: 'string', describe: 'Policy profile for the whole scan (overrides the configuration\'s assignment)' })
        .option('config', { type: 'string', describe: 'Configuration file; default: ./egress-audit.config.json when present' })
        .option('fail-on', { choices: [...SEVERITIES, 'none'] as const, default: 'high' as const, describe: 'Exit 1 when a finding is at or above this severity' })
        .option('allow-partial', { type: 'boolean', default: false, describe: 'Do not exit 2 when some clusters could not be fully evaluated' })
        .option('allow-empty', { type: 'boolean', default: false, describe: 'Accept --input files that hold no inventory row at all (otherwise exit 2)' })
        .option('policies', { type: 'string', array: true, describe: 'Extra policy folders (repeatable)' })
        .option('suppressions', { type: 'string', requiresArg: true, describe: 'Suppressions file (JSON or YAML, schemas/suppressions.schema.json)' })
        .option('baseline', { type: 'string', requiresArg: true, describe: 'A previous JSON report: mark findings new or unchanged and list the fixed ones' })
        .option('fail-on-new', { type: 'boolean', default: false, describe: 'Exit 1 only for new findings (needs --baseline)' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print nothing but errors' })
        .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'Print more detail' })
        .option('source', { choices: ['fixtures', 'arg'] as const, default: 'fixtures' as const, describe: 'Read --input files, or Azure Resource Graph live' })
        .option('snapshot', { type: 'string', group: 'Azure Resource Graph:', describe: 'With --source arg: also write the export to this folder (findings point into it)' }) as unknown as Argv<ScanArgs>,
    handler: async (args) => {
      const startedAt = new Date();
      const formats = parseFormats(args.format);
      const sourceRoot = parseSourceRoot(args['source-root']);
      const category = parseCategory(args.category);
      const { config, policies, assignment } = await policySetup({ config: args.config, policies: args.policies, profile: args.profile });
      if (args['fail-on-new'] && !args.baseline) throw new InputError('--fail-on-new needs --baseline PREVIOUS.json (a previous JSON report)');
      const suppressionsFile = args.suppressions ?? config?.suppressions;
      const suppressions = suppressionsFile ? await loadSuppressions(suppressionsFile, policies.map((p) => p.id)) : undefined;
      const baseline = args.baseline ? await loadBaseline(args.baseline) : undefined;
      const result = await loadAndEvaluate(args, ctx, {
        source: args.source,
        policies,
        profiles: assignment,
        failOn: args['fail-on'],
        startedAt,
        suppressions,
        baseline,
      });
      if (result.summary.clusters >= LARGE_SCAN) collectGarbage();
      const written = await writeReports(result, { outDir: args.out, formats, sourceRoot, category });
      const code = exitCode(result, args['allow-partial'], args['fail-on-new']);
      if (!args.quiet) printSummary(ctx.io, result, written, code);
      if (!args.quiet && formats.includes('sarif')) warnSarifCut(ctx, result);
      ctx.setExitCode(code);
    },
  };
}

/** From this many clusters, the inventory is collected before the reports are rendered (see collectGarbage). */
const LARGE_SCAN = 1000;

/**
 * Loads and evaluates in a frame of its own. A suspended async function keeps every value it
 * awaited, so with the inventory loaded in the handler, the inventory (most of the heap on a large
 * scan) stayed reachable while the reports were written; once this returns, nothing holds it.
 */
async function loadAndEvaluate(args: ScanArgs, ctx: CommandContext, opts: EvaluateOptions): Promise<ScanResult> {
  const loaded = args.source === 'arg' ? await loadLive(args, ctx) : await filesSource(fixtureInputs(args)).load();
  if (args.source !== 'arg' && !args['allow-empty'] && rowCount(loaded) === 0) {
    loaded.rowIndex?.close();
    throw new InputError(
      `scan: no inventory row in ${loaded.inputs.join(', ')} (${loaded.files.size} JSON file${loaded.files.size === 1 ? '' : 's'} read${loaded.skipped.length ? `, ${loaded.skipped.length} other file(s) skipped` : ''}): ` +
        'nothing would be scanned. Check the path and the export; pass --allow-empty to accept an empty inventory',
    );
  }
  if (args.verbose) for (const s of loaded.skipped) ctx.io.err(`skipped ${plain(s)}`);
  return evaluate(loaded, opts);
}

function fixtureInputs(args: ScanArgs): string[] {
  for (const name of [...ARG_OPTION_NAMES, 'snapshot'] as const) {
    if (args[name] !== undefined) throw new InputError(`--${name} needs --source arg`);
  }
  if (!args.input?.length) throw new InputError(NO_INPUT_MESSAGE);
  return args.input;
}

/** Rows of any resource type, read or ignored: zero means the inputs held no inventory at all. */
function rowCount(loaded: LoadedInventory): number {
  const { counts, ignoredTypes, refused } = loaded.inventory;
  const sum = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);
  return sum(counts) + sum(ignoredTypes) + refused.size + loaded.errors.length;
}

async function loadLive(args: ScanArgs, ctx: CommandContext): Promise<LoadedInventory> {
  if (args.input?.length) throw new InputError('--input reads exported files; it cannot be combined with --source arg (use --snapshot to keep what a live scan read)');
  const source = await argSource(args);
  const progress = new ArgProgress(ctx.io, args.quiet ? 'quiet' : args.verbose ? 'verbose' : 'normal');
  const { loadArg } = await import('../../inventory/sources/arg/index.ts');
  return loadArg({ ...source, onEvent: progress.onEvent, ...(args.snapshot ? { snapshotDir: args.snapshot } : {}) }).finally(() => progress.finish());
}

function warnSarifCut(ctx: CommandContext, result: ScanResult): void {
  const { kept, dropped } = sarifSelection(result);
  const cut = Object.entries(dropped).filter(([, n]) => n > 0);
  if (!cut.length) return;
  const total = cut.reduce((a, [, n]) => a + n, 0);
  ctx.io.err(
    `egress-audit: warning: GitHub accepts at most ${MAX_SARIF_RESULTS} results per SARIF run: the SARIF report keeps the ${kept.length} most severe and leaves out ${total} (${cut.map(([s, n]) => `${n} ${s}`).join(', ')}); the json, html and junit formats keep every finding`,
  );
}
