import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Ajv, ErrorObject, Options, ValidateFunction } from 'ajv';
import { lazyAjv } from '../lazy.ts';
import { precompiledValidator } from '../precompiled/index.ts';
import { PACKAGE_ROOT } from '../tool.ts';
import type { JsonPath, StructuredFile } from './structured.ts';

export const SCHEMA_DIR = path.join(PACKAGE_ROOT, 'schemas');

/** The schemas this tool ships (`schemas/<name>.schema.json`). */
export type SchemaName = 'config' | 'facts' | 'params' | 'policy' | 'policy-tests' | 'report' | 'suppressions';

/** The one ajv factory: every validator reports all problems and runs in strict mode. */
export function createAjv(options: Options = {}): Ajv {
  const { Ajv: AjvClass } = lazyAjv();
  return new AjvClass({ allErrors: true, strict: true, ...options });
}

// strictRequired is off for the configuration: its anyOf names the criteria a rule needs without redefining them.
const OPTIONS: Partial<Record<SchemaName, Options>> = { config: { strictRequired: false }, facts: { allowUnionTypes: true } };

/** The ajv instance a shipped schema compiles in (here, and at build time with `extra` asking for code). */
export function schemaAjv(name: SchemaName, extra: Options = {}): Ajv {
  const ajv = createAjv({ ...OPTIONS[name], ...extra });
  // The one definition of the policy parameters, which the other schemas refer to by file name.
  if (name !== 'params') ajv.addSchema(readSchema('params'));
  return ajv;
}

/** What a shipped schema's validator is compiled from (the key of its precompiled code): itself and the parameters schema. */
export function schemaSource(name: SchemaName): object {
  return name === 'params' ? readSchema(name) : [readSchema(name), readSchema('params')];
}

/** A shipped schema as JSON (trusted: it is part of the package). */
export function readSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(SCHEMA_DIR, `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
}

const validators = new Map<SchemaName, ValidateFunction>();

/** The compiled validator of a shipped schema, compiled once on first use. */
export function schemaValidator(name: SchemaName): ValidateFunction {
  let v = validators.get(name);
  if (!v) {
    validators.set(name, (v = precompiledValidator(`schema:${name}`, schemaSource(name)) ?? schemaAjv(name).compile(readSchema(name))));
  }
  return v;
}

export interface SchemaProblem {
  /** JSON pointer of the offending member (a property's own pointer for unknown or misnamed ones). */
  pointer: string;
  message: string;
  /** An unknown or misnamed property is shown at its name; anything else at its value. */
  atName?: boolean;
}

/** ajv errors → one message per problem, worded for people; pointers go to the offending member. */
export function schemaMessages(errors: readonly ErrorObject[], patternMessages: Readonly<Record<string, string>> = {}): SchemaProblem[] {
  const out: SchemaProblem[] = [];
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
      out.push({ pointer: `${e.instancePath}/${escape(named)}`, message: `invalid name "${named}": ${e.message ?? 'invalid'}`, atName: true });
    } else if (e.keyword === 'additionalProperties') {
      const name = String(e.params.additionalProperty);
      out.push({ pointer: `${e.instancePath}/${escape(name)}`, message: `unknown property "${name}"`, atName: true });
    } else if (e.keyword === 'required') {
      out.push({ pointer: e.instancePath, message: `missing required property "${String(e.params.missingProperty)}"` });
    } else if (e.keyword === 'enum') {
      out.push({ pointer: e.instancePath, message: `must be one of: ${(e.params.allowedValues as unknown[]).map(String).join(', ')}` });
    } else if (e.keyword === 'pattern' && patternMessages[lastSegment(e.instancePath)]) {
      out.push({ pointer: e.instancePath, message: patternMessages[lastSegment(e.instancePath)]! });
    } else {
      out.push({ pointer: e.instancePath, message: e.message ?? 'invalid' });
    }
  }
  return out;
}

/**
 * The one wording of a schema problem in a file the tool reads: `FILE:LINE:COL: POINTER: message`,
 * the place being an unknown property's name, or the offending value.
 */
export function schemaProblems(doc: StructuredFile, errors: readonly ErrorObject[] | null | undefined, patternMessages?: Readonly<Record<string, string>>): string[] {
  return schemaMessages(errors ?? [], patternMessages).map((p) => `${where(doc, p.pointer, p.atName)}: ${p.pointer || '/'}: ${p.message}`);
}

/** `FILE:LINE:COL` of a JSON pointer's value in the document, or with `atName` of the property's name. */
export function where(doc: StructuredFile, pointer: string, atName = false): string {
  const segs = pointerPath(pointer);
  const last = segs[segs.length - 1];
  const pos = atName && typeof last === 'string' ? doc.locate(segs.slice(0, -1), last) : doc.locate(segs);
  return `${doc.file}:${pos.line}:${pos.column}`;
}

export function pointerPath(pointer: string): JsonPath {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
}

const escape = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
const lastSegment = (pointer: string): string => String(pointerPath(pointer).pop() ?? '');
