import type { PolicyParameters } from '../generated/params.ts';
import type { EgressAuditPolicy } from '../generated/policy.ts';
import { readSchema } from '../json/schema.ts';

export const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const zeroBySeverity = (): Record<Severity, number> => ({ high: 0, medium: 0, low: 0, info: 0 });

/** A policy file as written (generated from schemas/policy.schema.json). */
export type PolicyFile = EgressAuditPolicy;
export type SubjectKind = PolicyFile['subject'];

const policySchema = readSchema('policy') as { properties: { subject: { enum: SubjectKind[] } } };
export const SUBJECTS: readonly SubjectKind[] = policySchema.properties.subject.enum;

/** Every parameter present: a profile fills in the defaults (schemas/params.schema.json). */
export type Params = Required<PolicyParameters>;

const paramsSchema = readSchema('params') as { properties: Record<keyof Params, { default: unknown }> };
export const DEFAULT_PARAMS: Params = Object.fromEntries(Object.entries(paramsSchema.properties).map(([k, v]) => [k, v.default])) as Params;

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}
