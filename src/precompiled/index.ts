import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import type Handlebars from 'handlebars';
import { OUTLINES, TEMPLATES, VALIDATORS } from './data.ts';

/**
 * The key a compiled artefact is kept under: its kind (the compiler options it was compiled
 * with) and its exact source, so an edited policy file or schema never meets a stale build.
 */
export function precompiledKey(kind: string, source: unknown): string {
  return `${kind}:${createHash('sha256').update(typeof source === 'string' ? source : JSON.stringify(source)).digest('base64url').slice(0, 22)}`;
}

/** The build's validator for this schema under these options, or undefined (compile it). */
export function precompiledValidator(kind: string, schema: object): ValidateFunction | undefined {
  return VALIDATORS[precompiledKey(kind, schema)];
}

/** The build's template for this text, instantiated in `hb` (with its helpers), or undefined (compile it). */
export function precompiledTemplate(hb: typeof Handlebars, kind: string, text: string): Handlebars.TemplateDelegate | undefined {
  const spec = TEMPLATES[precompiledKey(kind, text)];
  return spec ? hb.template(spec) : undefined;
}

/** The build's outline of this template with this separator, or undefined (parse it). */
export function precompiledOutline(template: string, otherwise: string): string | undefined {
  return OUTLINES[precompiledKey('outline', [template, otherwise])];
}
