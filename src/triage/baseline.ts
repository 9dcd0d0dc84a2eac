import type { ValidateFunction } from 'ajv';
import { createAjv, schemaProblems } from '../json/schema.ts';
import { InputError } from '../errors.ts';
import { fingerprint } from '../policy/evaluate.ts';
import { readStructured } from '../json/structured.ts';
import type { Severity } from '../policy/types.ts';

/** A finding as a previous JSON report recorded it: enough to list it as fixed. */
export interface BaselineFinding {
  policyId: string;
  title: string;
  severity: Severity;
  clusterId: string;
  clusterName: string;
  resourceId: string;
  resourceName: string;
  path: string;
  message: string;
  fingerprint: string;
}

export interface Baseline {
  file: string;
  /** When the baseline scan started, as its report says. */
  startedAt: string;
  findings: BaselineFinding[];
}

/** What a finding needs to be compared with a baseline: the parts of its identity. */
export interface Comparable {
  policyId: string;
  clusterId: string;
  resourceId: string;
  path: string;
}

export interface BaselineOutcome<T> {
  status: Map<T, 'new' | 'unchanged'>;
  fixed: BaselineFinding[];
}

const FINDING_FIELDS = ['policyId', 'title', 'severity', 'clusterId', 'clusterName', 'resourceId', 'resourceName', 'path', 'message'] as const;

// Only what a baseline is read for: a JSON report of a later version may carry more.
const REPORT_SHAPE = {
  type: 'object',
  required: ['version', 'scan', 'findings'],
  properties: {
    version: { const: 1 },
    scan: { type: 'object', required: ['startedAt'], properties: { startedAt: { type: 'string' } } },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: [...FINDING_FIELDS],
        properties: {
          ...Object.fromEntries(FINDING_FIELDS.map((f) => [f, { type: 'string' }])),
          severity: { enum: ['high', 'medium', 'low', 'info'] },
        },
      },
    },
  },
};

let validator: ValidateFunction | null = null;

/** Reads a previous egress-audit JSON report; anything else is an InputError naming file and line. */
export async function loadBaseline(file: string): Promise<Baseline> {
  if (!file.toLowerCase().endsWith('.json')) throw new InputError(`--baseline ${file}: expected a previous egress-audit JSON report (*.json)`);
  const doc = await readStructured(file);
  validator ??= createAjv().compile(REPORT_SHAPE);
  if (!validator(doc.value)) {
    const problems = schemaProblems(doc, validator.errors).slice(0, 10);
    throw new InputError(`--baseline: not an egress-audit JSON report:\n${problems.join('\n')}`);
  }
  const report = doc.value as { scan: { startedAt: string }; findings: Omit<BaselineFinding, 'fingerprint'>[] };
  return {
    file: doc.file,
    startedAt: report.scan.startedAt,
    findings: report.findings.map((f) => {
      const picked = Object.fromEntries(FINDING_FIELDS.map((k) => [k, f[k]])) as Omit<BaselineFinding, 'fingerprint'>;
      // Recomputed rather than trusted: reports written before the cluster was part of a finding's
      // identity carry the older fingerprint, but always clusterId, so they compare as new ones do.
      return { ...picked, fingerprint: fingerprint(picked) };
    }),
  };
}

/** Marks each finding new or unchanged against the baseline and lists the baseline's findings now gone. */
export function compareToBaseline<T extends Comparable>(findings: readonly T[], baseline: Baseline): BaselineOutcome<T> {
  const before = new Set(baseline.findings.map((f) => f.fingerprint));
  const now = new Set<string>();
  const status = new Map<T, 'new' | 'unchanged'>();
  for (const f of findings) {
    const id = fingerprint(f);
    now.add(id);
    status.set(f, before.has(id) ? 'unchanged' : 'new');
  }
  const seen = new Set<string>();
  const fixed = baseline.findings.filter((f) => !now.has(f.fingerprint) && !seen.has(f.fingerprint) && seen.add(f.fingerprint));
  return { status, fixed };
}
