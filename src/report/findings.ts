import { SEVERITIES, zeroBySeverity, type Severity } from '../policy/types.ts';
import type { Finding } from '../scan/result.ts';

/** The findings that count: SARIF and JUnit leave suppressed ones out, Markdown lists them apart. */
export function reported(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !f.suppression);
}

export interface Capped {
  kept: Finding[];
  /** Findings left out, by severity. */
  dropped: Record<Severity, number>;
}

/**
 * Keeps at most `limit` findings, the most severe first, each severity in its given order. Linear:
 * one pass buckets the findings by severity.
 */
export function mostSevere(findings: readonly Finding[], limit: number): Capped {
  const buckets: Record<Severity, Finding[]> = { high: [], medium: [], low: [], info: [] };
  for (const f of findings) buckets[f.severity].push(f);
  const kept: Finding[] = [];
  const dropped = zeroBySeverity();
  for (const s of SEVERITIES) {
    const room = Math.max(0, limit - kept.length);
    const bucket = buckets[s];
    for (let i = 0; i < Math.min(room, bucket.length); i++) kept.push(bucket[i] as Finding);
    dropped[s] = Math.max(0, bucket.length - room);
  }
  return { kept, dropped };
}
