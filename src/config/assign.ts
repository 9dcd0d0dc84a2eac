import type { ClusterFacts } from '../inventory/facts/types.ts';
import type { AssignRule, LoadedConfig } from './config.ts';
import { BUILTIN_PROFILES, type Profile } from '../policy/profiles.ts';

/** How the profile of each cluster is chosen, and why; the configuration file supplies richer rules. */
export interface ProfileAssignment {
  profileFor(cluster: ClusterFacts): { profile: Profile; reason: string };
}

export function singleProfile(profile: Profile, reason: string): ProfileAssignment {
  return { profileFor: () => ({ profile, reason }) };
}

/** `*` any run of characters, `?` one; case-insensitive, whole value. */
export function globMatch(pattern: string, value: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'is').test(value);
}

const shown = (value: string, pattern: string): string => (value.toLowerCase() === pattern.toLowerCase() ? value : `${value} (${pattern})`);

/** Why the rule matches the cluster, or null when it does not: every criterion it names must match. */
export function ruleMatch(rule: AssignRule, c: ClusterFacts): string | null {
  const why: string[] = [];
  if (rule.subscriptions) {
    const p = rule.subscriptions.find((s) => globMatch(s, c.subscriptionId));
    if (p === undefined) return null;
    why.push(`subscription ${shown(c.subscriptionId, p)}`);
  }
  if (rule.resourceGroups) {
    const p = rule.resourceGroups.find((g) => globMatch(g, c.resourceGroup));
    if (p === undefined) return null;
    why.push(`resource group ${shown(c.resourceGroup, p)}`);
  }
  for (const [name, pattern] of Object.entries(rule.tags ?? {})) {
    // Azure tag names are case-insensitive.
    const tag = Object.entries(c.tags).find(([k, v]) => k.toLowerCase() === name.toLowerCase() && globMatch(pattern, v));
    if (!tag) return null;
    why.push(`tag ${tag[0]}=${shown(tag[1], pattern)}`);
  }
  return why.join(', ');
}

/**
 * --profile wins for the whole scan; otherwise the configuration's first matching assign rule,
 * then its defaultProfile, then baseline.
 */
export function profileAssignment(config: LoadedConfig | null, profiles: ReadonlyMap<string, Profile>, override?: string): ProfileAssignment {
  const get = (name: string): Profile => {
    const p = profiles.get(name) ?? BUILTIN_PROFILES[name];
    if (!p) throw new Error(`profile ${name} was not resolved`);
    return p;
  };
  if (override !== undefined) {
    return singleProfile(get(override), '--profile option');
  }
  const rules = config?.value.assign ?? [];
  const fallbackName = config?.value.defaultProfile;
  const fallback = { profile: get(fallbackName ?? 'baseline'), reason: fallbackName ? `default profile (${config?.file} defaultProfile)` : 'default profile' };
  return {
    profileFor: (c) => {
      for (const [i, rule] of rules.entries()) {
        const why = ruleMatch(rule, c);
        if (why !== null) return { profile: get(rule.profile), reason: `config assign[${i}]: ${why} matched` };
      }
      return fallback;
    },
  };
}
