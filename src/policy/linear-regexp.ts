import type { Options } from 'ajv';
import { RE2 } from 're2-wasm';

/**
 * The regular-expression engine of policy schemas (`pattern`, `patternProperties`): RE2, whose
 * matching time is linear in the input. A policy file is code from outside the tool, and a
 * backtracking pattern such as `^([a-z0-9]+-?)*[a-z0-9]$` takes minutes on a 32-character name
 * under JavaScript's engine. RE2 refuses what it cannot run in linear time (lookaround,
 * backreferences), so such a pattern is an error when the policy is loaded.
 */
export const linearRegExp: NonNullable<NonNullable<Options['code']>['regExp']> = Object.assign((pattern: string) => new RE2(pattern, 'u'), { code: 'new (require("re2-wasm").RE2)' });
