import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Ajv, Options, ValidateFunction } from 'ajv';
import Handlebars from 'handlebars';
import { InputError } from '../errors.ts';
import { createAjv, schemaProblems, schemaValidator, where } from '../json/schema.ts';
import { readStructuredSync } from '../json/structured.ts';
import { precompiledTemplate, precompiledValidator } from '../precompiled/index.ts';
import { PACKAGE_ROOT } from '../tool.ts';
import { linearRegExp } from './linear-regexp.ts';
import { registerHelpers, templateProblem } from './templates.ts';
import type { PolicyFile } from './types.ts';

export const BUILTIN_POLICY_DIR = path.join(PACKAGE_ROOT, 'policies');

export interface CompiledPolicy extends PolicyFile {
  file: string;
  matchFn: ValidateFunction | null;
  assertFn: ValidateFunction;
  messageFn: Handlebars.TemplateDelegate;
  remediationFn: Handlebars.TemplateDelegate;
  commandFn: Handlebars.TemplateDelegate | null;
}

/** One ajv instance for policies: `$data` lets a policy read its parameters from /params; patterns run in linear time. */
export function policyAjv(extra: Options = {}): Ajv {
  return createAjv({ $data: true, strictTypes: false, allowUnionTypes: true, ...extra, code: { regExp: linearRegExp, ...extra.code } });
}

/** How a policy's message, remediation and command templates compile (here and at build time). */
export const POLICY_TEMPLATE = { kind: 'policy-template', options: { noEscape: true, strict: true } } as const;

export interface LoadResult {
  policies: CompiledPolicy[];
  problems: string[];
}

/**
 * Loads every policy in the folders, validating each against the meta-schema and compiling its
 * schemas and templates once. Collects every problem rather than stopping at the first.
 */
export function loadPolicies(dirs: readonly string[]): LoadResult {
  let ajv: Ajv | undefined;
  const problems: string[] = [];
  const policies: CompiledPolicy[] = [];
  const seen = new Map<string, string>();

  for (const dir of dirs) {
    let entries: string[];
    try {
      entries = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    } catch (err) {
      problems.push(`${dir}: cannot read policy folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      continue;
    }
    for (const entry of entries) {
      const file = path.join(dir, entry);
      let doc;
      try {
        doc = readStructuredSync(file, { uniqueKeys: true });
      } catch (err) {
        problems.push((err as Error).message);
        continue;
      }
      const shown = doc.file;
      const meta = schemaValidator('policy');
      if (!meta(doc.value)) {
        problems.push(...schemaProblems(doc, meta.errors));
        continue;
      }
      const p = doc.value as PolicyFile;
      const before = problems.length;
      if (p.id !== path.basename(entry, '.json')) problems.push(`${where(doc, '/id')}: /id: ${p.id} does not match the file name`);
      const prior = seen.get(p.id);
      if (prior) problems.push(`${where(doc, '/id')}: /id: ${p.id} is already defined in ${prior}`);
      seen.set(p.id, shown);
      const compile = (what: 'match' | 'assert', schema: object | undefined): ValidateFunction | null => {
        if (!schema) return null;
        try {
          return precompiledValidator('policy', schema) ?? (ajv ??= policyAjv()).compile(schema);
        } catch (err) {
          problems.push(`${where(doc, `/${what}`)}: /${what}: ${(err as Error).message}`);
          return null;
        }
      };
      const template = (pointer: string, text: string | undefined): Handlebars.TemplateDelegate | null => {
        if (text === undefined) return null;
        try {
          const hb = templateEnv(text);
          const built = precompiledTemplate(hb, POLICY_TEMPLATE.kind, text);
          if (built) return built;
          const fn = hb.compile(text, POLICY_TEMPLATE.options);
          // compile() defers parsing to the first render; precompile() reports a broken template now.
          hb.precompile(text, POLICY_TEMPLATE.options);
          // Only texts the build did not precompile (built-in ones are) can come from outside.
          const problem = templateProblem(text);
          if (problem) throw new Error(problem);
          return fn;
        } catch (err) {
          problems.push(`${where(doc, pointer)}: ${pointer}: ${(err as Error).message}`);
          return null;
        }
      };
      const matchFn = compile('match', p.match);
      const assertFn = compile('assert', p.assert);
      const messageFn = template('/message', p.message);
      const remediationFn = template('/remediation/text', p.remediation.text);
      const commandFn = template('/remediation/command', p.remediation.command);
      if (problems.length > before || !assertFn || !messageFn || !remediationFn) continue;
      policies.push({ ...p, file: shown, matchFn, assertFn, messageFn, remediationFn, commandFn });
    }
  }
  policies.sort((a, b) => a.id.localeCompare(b.id));
  return { policies, problems };
}

/**
 * A Handlebars environment with only the helpers the template names. Every render re-wraps every
 * helper of its environment (Handlebars' prototype-access guard), so an environment of all ~35
 * helpers made rendering findings' texts a leading cost of large scans. A helper is kept when its
 * name appears as a word anywhere in the text: a superset of what the template can call, so
 * rendering is exactly what the full environment gives.
 */
function templateEnv(text: string): typeof Handlebars {
  const hb = Handlebars.create();
  registerHelpers(hb);
  // Handlebars' built-in log writes to the console; templateProblem refuses it, and it is not kept either.
  hb.unregisterHelper('log');
  const named = (name: string): boolean => new RegExp(`\\b${name.replace(/[^\w]/g, '\\$&')}\\b`).test(text);
  for (const name of Object.keys(hb.helpers)) {
    // The missing-helper hooks always stay; the built-in unless calls if, so they go together.
    if (name === 'helperMissing' || name === 'blockHelperMissing') continue;
    if ((name === 'if' || name === 'unless') && (named('if') || named('unless'))) continue;
    if (!named(name)) hb.unregisterHelper(name);
  }
  return hb;
}

/** Loads policies or throws one InputError listing every problem (exit code 2). */
export function loadPoliciesOrThrow(dirs: readonly string[]): CompiledPolicy[] {
  const { policies, problems } = loadPolicies(dirs);
  if (problems.length) throw new InputError(`invalid policies:\n  ${problems.join('\n  ')}`);
  return policies;
}
