import path from 'node:path';
import { InputError } from '../errors.ts';
import { profileAssignment, type ProfileAssignment } from '../config/assign.ts';
import { readConfig, resolveProfiles, type LoadedConfig } from '../config/config.ts';
import { lintPolicies } from '../policy/lint.ts';
import { BUILTIN_POLICY_DIR, loadPolicies, type CompiledPolicy } from '../policy/load.ts';
import type { Profile } from '../policy/profiles.ts';

export interface PolicySetup {
  config: LoadedConfig | null;
  policies: CompiledPolicy[];
  profiles: Map<string, Profile>;
  assignment: ProfileAssignment;
}

/** Configuration file, policy folders and profiles, as the --config, --policies and --profile options give them. */
export async function policySetup(opts: { config?: string; policies?: readonly string[]; profile?: string }): Promise<PolicySetup> {
  const config = await readConfig(opts.config);
  const dirs = [BUILTIN_POLICY_DIR, ...(config?.policyDirs ?? []), ...(opts.policies ?? [])].map((d) => path.resolve(d));
  const all = [...new Set(dirs)];
  const { policies, problems } = loadPolicies(all);
  // What `policies lint` refuses is refused here too: a field or `$data` pointer that names
  // nothing would otherwise make its check pass silently. The built-in policies are linted in CI.
  const custom = all.filter((d) => d !== BUILTIN_POLICY_DIR);
  if (custom.length) problems.push(...lintPolicies(custom).problems);
  if (problems.length) throw new InputError(`invalid policies:\n  ${[...new Set(problems)].join('\n  ')}`);
  const profiles = resolveProfiles(config, policies.map((p) => p.id));
  if (opts.profile !== undefined && !profiles.has(opts.profile)) {
    throw new InputError(`--profile: unknown profile "${opts.profile}"; choose from ${[...profiles.keys()].join(', ')}`);
  }
  return { config, policies, profiles, assignment: profileAssignment(config, profiles, opts.profile) };
}
