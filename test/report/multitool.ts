import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The npm package's main export is the path of the self-contained validator binary for this OS.
const MULTITOOL = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;

export interface Problem {
  level: 'error' | 'warning' | 'note';
  ruleId: string;
  where: string;
  text: string;
}

interface ValidatorLog {
  runs: {
    tool: { driver: { rules?: { id: string; defaultConfiguration?: { level?: string }; messageStrings?: Record<string, { text: string }> }[] } };
    invocations?: { executionSuccessful: boolean; toolConfigurationNotifications?: { message: { text: string } }[] }[];
    results?: {
      ruleId: string;
      ruleIndex?: number;
      level?: Problem['level'];
      message: { id?: string; text?: string; arguments?: string[] };
      locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
    }[];
  }[];
}

/**
 * Runs Microsoft's SARIF Multitool `validate` with the SARIF and GitHub (GHAS) rules over every
 * file at once (one process start per test file) and returns its findings per input file. The tool
 * exits 0 even when it finds errors, so its output log is read.
 */
export function validateSarif(files: readonly string[], outDir: string): Map<string, Problem[]> {
  const out = path.join(outDir, 'multitool.sarif');
  // Spawned without a shell: the shell would split "Sarif;Ghas" at the semicolon.
  const r = spawnSync(MULTITOOL, ['validate', ...files, '--rule-kind', 'Sarif;Ghas', '--output', out, '--log', 'ForceOverwrite', '--quiet', 'true'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`SARIF Multitool failed (${r.status}): ${r.stderr}${r.stdout}`);
  const log = JSON.parse(readFileSync(out, 'utf8')) as ValidatorLog;
  const byFile = new Map<string, Problem[]>(files.map((f) => [path.resolve(f), []]));
  for (const run of log.runs) {
    for (const inv of run.invocations ?? []) {
      // A file it skipped (it skips files over 10 MB) would otherwise pass unexamined.
      if (!inv.executionSuccessful || inv.toolConfigurationNotifications?.length) {
        throw new Error(`SARIF Multitool did not examine every file: ${JSON.stringify(inv.toolConfigurationNotifications)}`);
      }
    }
    const rules = run.tool.driver.rules ?? [];
    for (const res of run.results ?? []) {
      const rule = res.ruleIndex !== undefined ? rules[res.ruleIndex] : rules.find((x) => x.id === res.ruleId);
      const level = res.level ?? (rule?.defaultConfiguration?.level as Problem['level'] | undefined) ?? 'warning';
      const args = res.message.arguments ?? [];
      const template = res.message.text ?? (res.message.id ? rule?.messageStrings?.[res.message.id]?.text : undefined) ?? '';
      const text = template.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? '');
      const uri = res.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
      const file = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
      const list = byFile.get(path.resolve(file)) ?? [];
      list.push({ level, ruleId: res.ruleId, where: args[0] ?? '', text });
      byFile.set(path.resolve(file), list);
    }
  }
  return byFile;
}
