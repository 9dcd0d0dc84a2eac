// Writes the TypeScript types of the JSON schemas that code and users share, so that a field is
// defined once, in its schema: `npm run gen:types`. test/tooling/types.test.ts fails when stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Schema → generated module, both relative to the repository root. */
export const GENERATED: readonly { schema: string; out: string }[] = [
  { schema: 'schemas/facts.schema.json', out: 'src/generated/facts.ts' },
  { schema: 'schemas/policy.schema.json', out: 'src/generated/policy.ts' },
  { schema: 'schemas/params.schema.json', out: 'src/generated/params.ts' },
];

/**
 * A schema with its references to sibling schema files (`params.schema.json`) replaced by local
 * definitions, so the generator never resolves a reference over the network.
 */
function inlineSiblings(schema: JSONSchema, root: string): JSONSchema {
  const siblings: Record<string, JSONSchema> = {};
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(visit);
    if (typeof v !== 'object' || v === null) return v;
    const o = v as Record<string, unknown>;
    if (typeof o.$ref === 'string' && /^[\w-]+\.schema\.json$/.test(o.$ref)) {
      const name = `${o.$ref.replace('.schema.json', '')}File`;
      if (!siblings[name]) {
        const { $id: _id, $schema: _s, ...sibling } = JSON.parse(readFileSync(path.join(root, 'schemas', o.$ref), 'utf8')) as Record<string, unknown>;
        siblings[name] = sibling as JSONSchema;
      }
      return { ...o, $ref: `#/definitions/${name}` };
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, visit(x)]));
  };
  const out = visit(schema) as JSONSchema;
  return { ...out, definitions: { ...(out.definitions ?? {}), ...siblings } };
}

/** The text each generated module should have, from the schemas as they are now. */
export async function generate(root = ROOT): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const g of GENERATED) {
    const schema = inlineSiblings(JSON.parse(readFileSync(path.join(root, g.schema), 'utf8')) as JSONSchema, root);
    const banner = `// Generated from ${g.schema} by \`npm run gen:types\`; edit the schema, not this file.`;
    out.set(g.out, await compile(schema, path.basename(g.schema, '.schema.json'), { bannerComment: banner, additionalProperties: false, declareExternallyReferenced: true, ignoreMinAndMaxItems: true }));
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [file, text] of await generate()) {
    writeFileSync(path.join(ROOT, file), text);
    process.stdout.write(`wrote ${file}\n`);
  }
}
