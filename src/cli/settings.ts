import type { ScanSetting, SettingSource } from '../scan/result.ts';

/** Prefix of the environment variables that set scan options: EGRESS_AUDIT_FAIL_ON=medium is --fail-on medium. */
export const ENV_PREFIX = 'EGRESS_AUDIT';

export const DEFAULT_FORMATS = 'html,sarif,json';
export const DEFAULT_OUT_DIR = 'reports';

/** How one option is spelled: its long name, its aliases (a one-letter alias is a short flag). */
export interface OptionSpelling {
  name: string;
  aliases?: readonly string[];
}

/**
 * Whether the command line itself gives an option (in any of yargs' spellings: --fail-on,
 * --fail-on=x, --failOn, --no-quiet, -f, -fjson, -qf), as opposed to the environment or a default.
 */
export function onCommandLine(argv: readonly string[], opt: OptionSpelling): boolean {
  const longs = [opt.name, ...(opt.aliases ?? [])].filter((n) => n.length > 1).flatMap((n) => [n, camel(n), `no-${n}`]);
  const shorts = (opt.aliases ?? []).filter((n) => n.length === 1);
  for (const t of argv) {
    if (t === '--') break;
    if (t.startsWith('--')) {
      if (longs.includes(t.slice(2).split('=')[0] as string)) return true;
    } else if (/^-[A-Za-z]/.test(t)) {
      // In a group (-qvf) the letters up to the first value-taking flag are flags; after it (-fjson) comes its value.
      const group = t.slice(1).split('=')[0] as string;
      const flags = group.slice(0, [...group].findIndex((c) => !BOOLEAN_SHORTS.includes(c)) + 1 || group.length);
      if (shorts.some((s) => flags.includes(s))) return true;
    }
  }
  return false;
}

/** The environment variable yargs reads for an option: fail-on under EGRESS_AUDIT is EGRESS_AUDIT_FAIL_ON. */
export const envName = (prefix: string, option: string): string => `${prefix}_${option.replace(/-/g, '_').toUpperCase()}`;

/** Where an option's value came from: cli, then env, then (when given) the configuration, else the default. */
export function settingFrom(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  prefix: string,
  opt: OptionSpelling,
  value: ScanSetting['value'],
  fromConfig: ScanSetting['value'] | undefined = undefined,
): ScanSetting {
  let from: SettingSource = 'default';
  if (onCommandLine(argv, opt)) from = 'cli';
  else if ([opt.name, ...(opt.aliases ?? [])].some((n) => env[envName(prefix, n)] !== undefined)) from = 'env';
  else if (fromConfig !== undefined) return { value: fromConfig, from: 'config' };
  return { value, from };
}

/** The one-letter flags that take no value (-q, -v, -h), which can be grouped before another. */
const BOOLEAN_SHORTS = 'qvh';

const camel = (s: string): string => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
