import { statSync } from 'node:fs';
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { InputError } from '../../errors.ts';
import { loadBaseline } from '../../triage/baseline.ts';
import { loadSuppressions } from '../../triage/suppressions.ts';
import { collectGarbage } from '../memory.ts';
import type { ScanResult } from '../../scan/result.ts';
import { MAX_SARIF_RESULTS, sarifSelection } from '../../report/sarif.ts';
import { evaluate, type EvaluateOptions } from '../../scan/scan.ts';
import { exitCode } from '../../scan/result.ts';
import { filesSource } from '../../inventory/sources/files/index.ts';
import { type LoadedInventory } from '../../inventory/sources/source.ts';
import { plain, type CommandContext } from '../io.ts';
import { policySetup } from '../setup.ts';
import { consoleFor, outputTarget, writeOutput, type OutputTarget } from '../output.ts';
import { lockFolder } from '../../json/write.ts';
import { printSummary } from '../summary.ts';
import { ARG_OPTION_NAMES, argSource } from '../arg/options.ts';
import { scanOptions, scanSettings, type ScanArgs } from './scan-options.ts';
import { ArgProgress } from '../arg/progress.ts';
import { PACKAGE_ROOT } from '../../tool.ts';

export const SAMPLE_DIR = path.join(PACKAGE_ROOT, 'fixtures/sample');

/** A scan of nothing that reports green is worse than no scan: say what to scan instead. */
export const NO_INPUT_MESSAGE =
  'scan: nothing to scan: give --input FILE_OR_FOLDER (an exported inventory, repeatable) or --source arg (Azure Resource Graph, live). ' +
  'To scan the bundled sample: npm run sample, or egress-audit scan --input fixtures/sample';


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
    builder: scanOptions,
    handler: async (args) => {
      const startedAt = new Date();
      const target = await outputTarget({ output: args.output, outDir: args['out-dir'], format: args.format });
      // Taken before the scan, so that a second scan into the same folder stops at once.
      const lock = target.kind === 'folder' ? await lockFolder(target.dir, '--out-dir') : null;
      try {
        await scanInto(target, args, ctx, startedAt);
      } finally {
        await lock?.release();
      }
    },
  };
}

async function scanInto(target: OutputTarget, args: ScanArgs, ctx: CommandContext, startedAt: Date): Promise<void> {
  const sourceRoot = parseSourceRoot(args['source-root']);
  const category = parseCategory(args.category);
  const { config, policies, assignment } = await policySetup({ config: args.config, policies: args.policies, profile: args.profile });
  const suppressionsFile = args.suppressions ?? config?.suppressions ?? undefined;
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
    sourceRoot,
  });
  // A Terraform plan is its own baseline (its prior state), so only other inputs need --baseline.
  const planned = result.clusters.some((c) => c.terraform);
  if (args['fail-on-new'] && !args.baseline && !planned) throw new InputError('--fail-on-new needs --baseline PREVIOUS.json (a previous JSON report), unless the input is a Terraform plan');
  result.scan.settings = scanSettings({ ...args, category }, ctx.argv ?? [], target, config);
  if (result.summary.clusters >= LARGE_SCAN) collectGarbage();
  const io = consoleFor(target, ctx.io);
  const written = await writeOutput(result, target, { sourceRoot, category }, ctx.io);
  const code = exitCode(result, args['allow-partial'], args['fail-on-new']);
  if (!args.quiet) printSummary(io, result, written, code, args.verbose);
  if (!args.quiet && target.formats.includes('sarif')) warnSarifCut(ctx, result);
  ctx.setExitCode(code);
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
  const lock = args.snapshot ? await lockFolder(args.snapshot, '--snapshot') : null;
  try {
    return await loadArg({ ...source, onEvent: progress.onEvent, ...(args.snapshot ? { snapshotDir: args.snapshot } : {}) }).finally(() => progress.finish());
  } finally {
    await lock?.release();
  }
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
