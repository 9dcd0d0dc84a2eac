import type { ValidateFunction } from 'ajv';

/**
 * Validators and templates compiled when the package is built: `npm run build` replaces this
 * module in dist/ (scripts/precompile.ts), the action bundle is built with the same. In a source
 * checkout it is empty and everything compiles at run time, as custom --policies folders always do.
 */
export const VALIDATORS: Readonly<Record<string, ValidateFunction>> = {};
/** Handlebars template specifications (`Handlebars.precompile` output). */
export const TEMPLATES: Readonly<Record<string, object>> = {};
/** The SARIF rules' outlines of the remediation templates (report/outline.ts). */
export const OUTLINES: Readonly<Record<string, string>> = {};
