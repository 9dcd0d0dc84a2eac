import path from 'node:path';
import { findConfig } from './discover.ts';
import { InputError } from '../errors.ts';
import { readSchema, schemaProblems, schemaValidator, where } from '../json/schema.ts';
import { readStructured } from '../json/structured.ts';
import { BUILTIN_PROFILES, type PolicySetting, type Profile } from '../policy/profiles.ts';
import type { Params, Severity } from '../policy/types.ts';

/** The configuration file as written (validated against schemas/config.schema.json). */
export interface ConfigFile {
  defaultProfile?: string;
  assign?: AssignRule[];
  profiles?: Record<string, ProfileDef>;
  policyDirs?: string[];
  suppressions?: string;
}

export interface AssignRule {
  profile: string;
  subscriptions?: string[];
  resourceGroups?: string[];
  tags?: Record<string, string>;
  description?: string;
}

export interface ProfileDef {
  description?: string;
  extends?: string;
  policies?: Record<string, { enabled?: boolean; severity?: Severity }>;
  params?: Partial<Params>;
}

export interface LoadedConfig {
  /** As shown in messages (relative to the working directory when inside it). */
  file: string;
  value: ConfigFile;
  /** Absolute folders from `policyDirs`, resolved against the file's folder. */
  policyDirs: string[];
  /** Absolute path of the `suppressions` file, resolved against the file's folder. */
  suppressions: string | null;
  /** Prefixes a message about a JSON pointer with `file:line:column: pointer: `. */
  at(pointer: string): string;
}

/**
 * The configuration named by --config, else the one findConfig finds from `cwd` upward, else null.
 * JSON and YAML (.yaml, .yml) files have the same schema. Throws one InputError listing every
 * schema problem, each with its line and JSON path.
 */
export async function readConfig(explicit: string | undefined, cwd: string = process.cwd()): Promise<LoadedConfig | null> {
  const file = explicit ?? findConfig(cwd);
  if (file === null) return null;
  let doc;
  try {
    doc = await readStructured(file, { uniqueKeys: true });
  } catch (err) {
    if (err instanceof InputError) throw new InputError(`configuration ${err.message}`);
    throw err;
  }
  const loaded = doc;
  const at = (pointer: string): string => `${where(loaded, pointer)}: ${pointer || '/'}: `;
  const validate = schemaValidator('config');
  if (!validate(doc.value)) throw configError(doc.file, schemaProblems(doc, validate.errors));
  const value = doc.value as ConfigFile;
  const dir = path.dirname(path.resolve(file));
  const suppressions = value.suppressions === undefined ? null : path.resolve(dir, value.suppressions);
  return { file: doc.file, value, policyDirs: (value.policyDirs ?? []).map((d) => path.resolve(dir, d)), suppressions, at };
}

export function configError(file: string, problems: readonly string[]): InputError {
  return new InputError(`invalid configuration ${file} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.join('\n  ')}`);
}

/**
 * Every profile a scan can use: the built-in ones (as the configuration adjusts them) and the
 * configuration's own. Checks names, `extends` chains and policy IDs; throws one InputError
 * listing every problem.
 */
export function resolveProfiles(config: LoadedConfig | null, policyIds: readonly string[]): Map<string, Profile> {
  const defs = config?.value.profiles ?? {};
  const problems: string[] = [];
  const at = (pointer: string): string => config?.at(pointer) ?? '';
  const resolved = new Map<string, Profile>();
  const failed = new Set<string>();
  const known = [...new Set([...Object.keys(BUILTIN_PROFILES), ...Object.keys(defs)])];

  const resolve = (name: string, chain: string[]): Profile | null => {
    const done = resolved.get(name);
    if (done) return done;
    const def = defs[name];
    const builtin = BUILTIN_PROFILES[name];
    if (!def) return builtin ?? null;
    if (failed.has(name)) return null;
    if (chain.includes(name)) {
      problems.push(`${at(`/profiles/${name}/extends`)}profiles extend each other in a cycle: ${[...chain, name].join(' → ')}`);
      for (const n of chain) failed.add(n);
      return null;
    }
    if (builtin && def.extends !== undefined) problems.push(`${at(`/profiles/${name}/extends`)}the built-in profile ${name} cannot extend another; define a new profile instead`);
    const parentName = builtin ? null : (def.extends ?? 'baseline');
    if (parentName !== null && !defs[parentName] && !BUILTIN_PROFILES[parentName]) {
      problems.push(`${at(`/profiles/${name}/extends`)}unknown profile "${parentName}"; known: ${known.join(', ')}`);
      return null;
    }
    const base = builtin ?? (parentName === null ? null : resolve(parentName, [...chain, name]));
    if (!base) return null;
    const policies: Record<string, PolicySetting> = { ...base.policies };
    for (const [id, setting] of Object.entries(def.policies ?? {})) policies[id] = { ...policies[id], ...setting };
    const profile: Profile = {
      name,
      description: def.description ?? (builtin ? `${builtin.description} (adjusted by ${config?.file})` : `Extends ${base.name}.`),
      params: { ...base.params, ...def.params },
      policies,
    };
    resolved.set(name, profile);
    return profile;
  };

  for (const name of Object.keys(defs)) resolve(name, []);
  const ids = new Set(policyIds);
  for (const [name, def] of Object.entries(defs)) {
    for (const id of Object.keys(def.policies ?? {})) {
      if (!ids.has(id)) problems.push(`${at(`/profiles/${name}/policies/${id}`)}unknown policy ${id}; loaded policies: ${[...ids].sort().join(', ') || 'none'}`);
    }
  }
  const exists = (n: string): boolean => n in defs || n in BUILTIN_PROFILES;
  const wanted = config?.value.defaultProfile;
  if (wanted !== undefined && !exists(wanted)) problems.push(`${at('/defaultProfile')}unknown profile "${wanted}"; known: ${known.join(', ')}`);
  (config?.value.assign ?? []).forEach((rule, i) => {
    if (!exists(rule.profile)) problems.push(`${at(`/assign/${i}/profile`)}unknown profile "${rule.profile}"; known: ${known.join(', ')}`);
  });
  if (problems.length && config) throw configError(config.file, problems);

  const all = new Map<string, Profile>();
  for (const name of known) {
    const p = resolved.get(name) ?? BUILTIN_PROFILES[name];
    if (p) all.set(name, p);
  }
  return all;
}

/** Each parameter's description, from the configuration schema (one source for docs and validation). */
export function parameterDocs(): Record<string, string> {
  const schema = readSchema('params') as { properties: Record<string, { description?: string }> };
  return Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, v.description ?? '']));
}
