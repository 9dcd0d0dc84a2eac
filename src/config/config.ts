import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { InputError } from '../errors.ts';
import { display, lineColumn, readDocument } from '../json/read.ts';
import { SCHEMA_DIR } from '../policy/load.ts';
import { BUILTIN_PROFILES, type PolicySetting, type Profile } from '../policy/profiles.ts';
import type { Params, Severity } from '../policy/types.ts';

export const CONFIG_FILE_NAME = 'egress-audit.config.json';

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

let validator: ReturnType<Ajv['compile']> | null = null;
function validate(value: unknown): readonly ErrorObject[] {
  // strictRequired is off: the schema's anyOf names the criteria a rule needs without redefining them.
  validator ??= new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(
    JSON.parse(readFileSync(path.join(SCHEMA_DIR, 'config.schema.json'), 'utf8')) as object,
  );
  return validator(value) ? [] : (validator.errors ?? []);
}

/**
 * The configuration named by --config, else ./egress-audit.config.json when it exists, else null.
 * Throws one InputError listing every schema problem, each with its line and JSON path.
 */
export async function readConfig(explicit: string | undefined, cwd: string = process.cwd()): Promise<LoadedConfig | null> {
  const file = explicit ?? path.join(cwd, CONFIG_FILE_NAME);
  if (explicit === undefined && !existsSync(file)) return null;
  let doc;
  try {
    doc = await readDocument(file);
  } catch (err) {
    if (err instanceof InputError) throw new InputError(`configuration ${err.message}`);
    throw new InputError(`configuration ${display(file)}: cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const tree = parseTree(doc.text);
  const at = (pointer: string): string => {
    const segs = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const where = tree ? locate(tree, segs) : undefined;
    const lc = where === undefined ? null : lineColumn(doc.text, where);
    return `${doc.file}${lc ? `:${lc.line}:${lc.column}` : ''}: ${pointer || '/'}: `;
  };
  const problems = schemaMessages(validate(doc.value)).map((p) => at(p.pointer) + p.message);
  if (problems.length) throw configError(doc.file, problems);
  const value = doc.value as ConfigFile;
  const dir = path.dirname(path.resolve(file));
  const suppressions = value.suppressions === undefined ? null : path.resolve(dir, value.suppressions);
  return { file: doc.file, value, policyDirs: (value.policyDirs ?? []).map((d) => path.resolve(dir, d)), suppressions, at };
}

export function configError(file: string, problems: readonly string[]): InputError {
  return new InputError(`invalid configuration ${file} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.join('\n  ')}`);
}

/** Offset of the deepest node along the path; a property is pointed at by its key. */
function locate(root: Node, segs: string[]): number | undefined {
  for (let n = segs.length; n >= 0; n--) {
    const path = segs.slice(0, n).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const node = n === 0 ? root : findNodeAtLocation(root, path);
    if (node) return node.parent?.type === 'property' ? node.parent.offset : node.offset;
  }
  return undefined;
}

/** ajv errors → one message per problem, worded for people; pointers go to the offending member. */
export function schemaMessages(errors: readonly ErrorObject[]): { pointer: string; message: string }[] {
  const out: { pointer: string; message: string }[] = [];
  const absorbed = new Set<ErrorObject>();
  for (const e of errors) {
    if (e.keyword !== 'anyOf') continue;
    const alternatives = errors.filter((x) => x.schemaPath.startsWith(`${e.schemaPath}/`) && x.instancePath === e.instancePath);
    const names = alternatives.filter((x) => x.keyword === 'required').map((x) => String(x.params.missingProperty));
    if (names.length !== alternatives.length) continue;
    alternatives.forEach((x) => absorbed.add(x));
    absorbed.add(e);
    out.push({ pointer: e.instancePath, message: `must have at least one of: ${names.join(', ')}` });
  }
  for (const e of errors) {
    if (absorbed.has(e) || e.keyword === 'propertyNames') continue;
    const named = (e as ErrorObject & { propertyName?: string }).propertyName;
    if (named !== undefined) {
      out.push({ pointer: `${e.instancePath}/${escape(named)}`, message: `invalid name "${named}": ${e.message ?? 'invalid'}` });
    } else if (e.keyword === 'additionalProperties') {
      const name = String(e.params.additionalProperty);
      out.push({ pointer: `${e.instancePath}/${escape(name)}`, message: `unknown property "${name}"` });
    } else if (e.keyword === 'enum') {
      out.push({ pointer: e.instancePath, message: `must be one of: ${(e.params.allowedValues as unknown[]).map(String).join(', ')}` });
    } else {
      out.push({ pointer: e.instancePath, message: e.message ?? 'invalid' });
    }
  }
  return out;
}

const escape = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

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
  const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, 'config.schema.json'), 'utf8')) as { definitions: { params: { properties: Record<string, { description?: string }> } } };
  return Object.fromEntries(Object.entries(schema.definitions.params.properties).map(([k, v]) => [k, v.description ?? '']));
}
