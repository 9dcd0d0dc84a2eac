// The policy validators and templates compiled at build time, as the source of the module that
// replaces src/precompiled/data.ts in dist/ and in the action bundle. Start-up then skips ajv's
// code generation and Handlebars' compiler for everything the package ships.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import Handlebars from 'handlebars';
import { precompiledKey } from '../src/precompiled/index.ts';
import { readSchema, schemaAjv, schemaSource, type SchemaName } from '../src/json/schema.ts';
import { POLICY_TEMPLATE, policyAjv } from '../src/policy/load.ts';
import { outline } from '../src/report/outline.ts';
import { OUTLINE_OTHERWISE } from '../src/report/sarif-rules.ts';
import { PAGE_TEMPLATE, PAGE_TEMPLATES } from '../src/report/html.ts';
import type { PolicyFile } from '../src/policy/types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The shipped schemas the CLI checks its input files against (schemaValidator); the others only describe output. */
const VALIDATED_INPUTS: readonly SchemaName[] = ['config', 'policy', 'policy-tests', 'suppressions'];

interface ValidatorSet {
  ajv: Ajv;
  kind: string;
  /** Each schema to compile, and what its key is computed from (the schema itself unless said). */
  schemas: { schema: object; source?: object }[];
}

/**
 * One ajv instance's validators as a self-contained expression. ajv's standalone output is a
 * module (its internal names clash between instances) that may `require` ajv's runtime helpers;
 * it becomes a function body whose helpers are imported once at the top of the module.
 */
function validatorBlock(set: ValidatorSet, index: number, imports: Map<string, string>): { code: string; keys: [string, string][] } {
  const exportsMap: Record<string, string> = {};
  const keys: [string, string][] = [];
  set.schemas.forEach(({ schema, source }, i) => {
    const key = precompiledKey(set.kind, source ?? schema);
    if (keys.some(([k]) => k === key)) return;
    set.ajv.addSchema(schema, key);
    exportsMap[`v${i}`] = key;
    keys.push([key, `v${i}`]);
  });
  // A CommonJS module seen from ESM: the function is its `default` member.
  let code = standalone.default(set.ajv, exportsMap);
  code = code.replace(/^"use strict";/, '');
  code = code.replace(/require\("([^"]+)"\)/g, (_: string, spec: string) => {
    if (!imports.has(spec)) imports.set(spec, `runtime${imports.size}`);
    return imports.get(spec)!;
  });
  const exported: string[] = [];
  code = code.replace(/export const (\w+) = (\w+);/g, (_: string, name: string, fn: string) => (exported.push(`${name}: ${fn}`), ''));
  return { code: `const validators${index} = (() => {${code}\nreturn { ${exported.join(', ')} };\n})();`, keys: keys.map(([k, v]) => [k, `validators${index}.${v}`]) };
}

export function precompiledModule(): string {
  const policies = readdirSync(path.join(ROOT, 'policies'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(ROOT, 'policies', f), 'utf8')) as PolicyFile);

  const code = { source: true, esm: true };
  const sets: ValidatorSet[] = [
    { ajv: policyAjv({ code }), kind: 'policy', schemas: policies.flatMap((p) => [p.match, p.assert].filter((s): s is object => !!s).map((schema) => ({ schema }))) },
    ...VALIDATED_INPUTS.map((name) => ({ ajv: schemaAjv(name, { code }), kind: `schema:${name}`, schemas: [{ schema: readSchema(name), source: schemaSource(name) }] })),
  ];
  const imports = new Map<string, string>();
  const blocks = sets.map((s, i) => validatorBlock(s, i, imports));

  const templates: [string, string][] = [];
  for (const p of policies) {
    for (const text of [p.message, p.remediation.text, p.remediation.command]) {
      if (text !== undefined) templates.push([precompiledKey(POLICY_TEMPLATE.kind, text), Handlebars.precompile(text, POLICY_TEMPLATE.options) as string]);
    }
  }
  for (const name of PAGE_TEMPLATES) {
    const text = readFileSync(path.join(ROOT, 'src/report/html', name), 'utf8');
    templates.push([precompiledKey(PAGE_TEMPLATE.kind, text), Handlebars.precompile(text, PAGE_TEMPLATE.options) as string]);
  }

  const outlines: [string, string][] = [];
  for (const p of policies) {
    outlines.push([precompiledKey('outline', [p.remediation.text, OUTLINE_OTHERWISE.text]), outline(p.remediation.text, OUTLINE_OTHERWISE.text)]);
    if (p.remediation.command) outlines.push([precompiledKey('outline', [p.remediation.command, OUTLINE_OTHERWISE.command]), outline(p.remediation.command, OUTLINE_OTHERWISE.command)]);
  }

  return [
    '// Generated at build time by scripts/precompile.ts from the policies and report templates this package ships.',
    ...[...imports].map(([spec, name]) => `import ${name}Module from ${JSON.stringify(spec.endsWith('.js') ? spec : `${spec}.js`)};\nconst ${name} = { default: ${name}Module.default ?? ${name}Module };`),
    ...blocks.map((b) => b.code),
    `export const VALIDATORS = {\n${blocks.flatMap((b) => b.keys.map(([k, v]) => `  ${JSON.stringify(k)}: ${v},`)).join('\n')}\n};`,
    `export const TEMPLATES = {\n${[...new Map(templates)].map(([k, spec]) => `  ${JSON.stringify(k)}: ${spec},`).join('\n')}\n};`,
    `export const OUTLINES = {\n${[...new Map(outlines)].map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`).join('\n')}\n};`,
    '',
  ].join('\n');
}
