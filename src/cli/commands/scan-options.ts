import type { Argv } from 'yargs';
import { SEVERITIES, type Severity } from '../../policy/types.ts';
import { DEFAULT_CATEGORY, FORMATS } from '../../report/formats.ts';
import { epilogue, USAGE_ERROR } from '../epilogue.ts';
import type { LoadedConfig } from '../../config/config.ts';
import type { ScanSetting } from '../../scan/result.ts';
import type { OutputTarget } from '../output.ts';
import { DEFAULT_FORMATS, DEFAULT_OUT_DIR, ENV_PREFIX, settingFrom, type OptionSpelling } from '../settings.ts';
import { argOptions, type ArgArgs } from '../arg/options.ts';

export interface ScanArgs extends ArgArgs {
  source: 'fixtures' | 'arg';
  snapshot?: string;
  input?: string[];
  format?: string[];
  output?: string;
  'out-dir'?: string;
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

const EPILOGUE = epilogue(
  {
    0: 'no finding at or above --fail-on',
    1: 'a finding at or above --fail-on (with --fail-on-new: a new one)',
    2: `${USAGE_ERROR}, or the scan is incomplete (see --allow-partial)`,
  },
  [
    'egress-audit scan --input exports/ --out-dir reports/ --fail-on medium',
    'egress-audit scan --input exports/ --format sarif --output - > egress-audit.sarif',
  ],
);

export function scanOptions(y: Argv): Argv<ScanArgs> {
  // Scoped to this command: a variable meant for scan must not fail `policies list` as an unknown option.
  return argOptions(y.env(ENV_PREFIX), 'Azure Resource Graph:')
    .option('input', { alias: 'i', type: 'string', array: true, describe: 'Inventory file or folder (repeatable); required unless --source arg (the bundled sample: --input fixtures/sample)' })
    .option('format', { alias: 'f', type: 'string', array: true, defaultDescription: `${DEFAULT_FORMATS}; with --output: from its extension`, describe: `Report formats, comma-separated: ${FORMATS.join(',')}` })
    .option('output', { alias: 'o', type: 'string', requiresArg: true, describe: 'Write one report format to this file; - writes it to stdout (the summary then goes to stderr)' })
    .option('out-dir', { alias: 'out', type: 'string', requiresArg: true, defaultDescription: DEFAULT_OUT_DIR, conflicts: 'output', describe: 'Folder the reports are written to, one file per format' })
    .option('source-root', { type: 'string', describe: 'Repository root that SARIF and JUnit file paths are relative to; default: the current folder' })
    .option('category', { type: 'string', default: DEFAULT_CATEGORY, defaultDescription: DEFAULT_CATEGORY, describe: 'GitHub code scanning category of the SARIF run (runAutomationDetails.id)' })
    .option('profile', { type: 'string', describe: 'Policy profile for the whole scan (overrides the configuration\'s assignment)' })
    .option('config', { type: 'string', requiresArg: true, describe: 'Configuration file; default: egress-audit.config.{json,yaml,yml} or .egress-audit.{json,yaml,yml}, looked for from the current folder up to the repository root' })
    .option('fail-on', { choices: [...SEVERITIES, 'none'] as const, default: 'high' as const, describe: 'Exit 1 when a finding is at or above this severity' })
    .option('allow-partial', { type: 'boolean', default: false, describe: 'Do not exit 2 when some clusters could not be fully evaluated' })
    .option('allow-empty', { type: 'boolean', default: false, describe: 'Accept --input files that hold no inventory row at all (otherwise exit 2)' })
    .option('policies', { type: 'string', array: true, describe: 'Extra policy folders (repeatable)' })
    .option('suppressions', { type: 'string', requiresArg: true, describe: 'Suppressions file (JSON or YAML, schemas/suppressions.schema.json)' })
    .option('baseline', { type: 'string', requiresArg: true, describe: 'A previous JSON report: mark findings new or unchanged and list the fixed ones' })
    .option('fail-on-new', { type: 'boolean', default: false, describe: 'Exit 1 only for new findings (needs --baseline, or a Terraform plan as input)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print nothing but errors' })
    .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'List every finding on the console, and more detail' })
    .option('source', { choices: ['fixtures', 'arg'] as const, default: 'fixtures' as const, describe: 'Read --input files, or Azure Resource Graph live' })
    .option('snapshot', { type: 'string', group: 'Azure Resource Graph:', describe: 'With --source arg: also write the export to this folder (findings point into it)' })
    .epilogue(`Every option can also come from an environment variable ${ENV_PREFIX}_<OPTION> (${ENV_PREFIX}_FAIL_ON=medium); the command line wins.\n\n${EPILOGUE}`) as unknown as Argv<ScanArgs>;
}

/** The main options' values and where each came from, for the JSON report's `scan.settings`. */
export function scanSettings(args: ScanArgs, argv: readonly string[], target: OutputTarget, config: LoadedConfig | null, env: NodeJS.ProcessEnv = process.env): Record<string, ScanSetting> {
  const from = (opt: OptionSpelling, value: ScanSetting['value'], fromConfig?: ScanSetting['value']): ScanSetting => settingFrom(argv, env, ENV_PREFIX, opt, value, fromConfig);
  return {
    failOn: from({ name: 'fail-on' }, args['fail-on']),
    profile: from({ name: 'profile' }, args.profile ?? null, config?.value.defaultProfile),
    format: from({ name: 'format', aliases: ['f'] }, target.formats),
    output: from({ name: 'output', aliases: ['o'] }, args.output ?? null),
    outDir: from({ name: 'out-dir', aliases: ['out'] }, target.kind === 'folder' ? target.dir : null),
    config: from({ name: 'config' }, config?.file ?? null),
    suppressions: from({ name: 'suppressions' }, args.suppressions ?? null, config?.value.suppressions),
    baseline: from({ name: 'baseline' }, args.baseline ?? null),
    category: from({ name: 'category' }, args.category),
  };
}
