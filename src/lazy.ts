import { createRequire } from 'node:module';

/**
 * Libraries loaded on first use instead of at start-up, which most runs never reach: the build
 * precompiles every validator the package ships (ajv compiles only custom policies and edited
 * files), and only YAML files need the YAML parser. The action bundle has no node_modules to load
 * from: scripts/build-action.ts gives it a version of this module that imports them statically.
 */
const load = createRequire(import.meta.url);

export const lazyAjv = (): typeof import('ajv') => load('ajv') as typeof import('ajv');
export const lazyYaml = (): typeof import('yaml') => load('yaml') as typeof import('yaml');
