import { decidedAtApplyLines } from './decided.ts';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { severityRank, type Severity } from '../policy/types.ts';
import { mostSevere, reported, type Capped } from './findings.ts';
import type { ChunkedFormatter, FormatContext, Formatter } from './formats.ts';
import { jsonChunks } from '../json/stringify.ts';
import type { Finding, PolicyInfo, ScanResult } from '../scan/result.ts';
import { underRoot } from './paths.ts';
import { LEVEL, ruleFor, type SarifRule } from './sarif-rules.ts';
import { sarifText } from './text.ts';
import { notJudgedText, shownNotices } from './notices.ts';

/** A final 2.1.0 schema URL: GitHub refuses the pre-release ones. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub refuses a run with more results than this. */
export const MAX_SARIF_RESULTS = 25_000;

/** Bounds the scan problems copied into the run: the JSON report has all of them. */
const MAX_NOTIFICATIONS = 100;

/** The findings the SARIF report carries, and what GitHub's result limit made it leave out. */
export function sarifSelection(result: ScanResult, limit = MAX_SARIF_RESULTS): Capped {
  return mostSevere(reported(result.findings), limit);
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, one rule per policy, one result per reported
 * finding, located in the inventory file relative to the source root.
 */
export const sarifChunked: ChunkedFormatter = function* (result, ctx) {
  yield* jsonChunks(sarifLog(result, ctx));
  yield '\n';
};

export const sarif: Formatter = (result, ctx) => [...sarifChunked(result, ctx)].join('');

/** The SARIF log as an object; `limit` is GitHub's result limit, lower only in tests. */
export function sarifLog(result: ScanResult, ctx: FormatContext, limit = MAX_SARIF_RESULTS): object {
  const { kept, dropped } = sarifSelection(result, limit);
  const rules = rulesFor(result, kept);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const uris = new UriCache(ctx);
  const cut = Object.values(dropped).reduce((a, b) => a + b, 0);
  const run = {
    tool: {
      driver: {
        name: result.tool.name,
        semanticVersion: result.tool.version,
        version: result.tool.version,
        informationUri: result.tool.informationUri,
        rules,
      },
    },
    automationDetails: { id: ctx.category },
    invocations: [invocation(result)],
    columnKind: 'utf16CodeUnits',
    results: kept.map((f) => toResult(f, index.get(f.policyId) ?? 0, uris)),
    ...(cut > 0 ? { properties: { truncated: true, resultLimit: limit, resultsLeftOut: cut, resultsLeftOutBySeverity: dropped } } : {}),
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

/** Every policy of the scan, at the most severe level a profile gave it in this scan's results. */
function rulesFor(result: ScanResult, findings: readonly Finding[]): SarifRule[] {
  const effective = new Map<string, Severity>();
  for (const f of findings) {
    const seen = effective.get(f.policyId);
    if (!seen || severityRank(f.severity) > severityRank(seen)) effective.set(f.policyId, f.severity);
  }
  const policies = new Map<string, PolicyInfo>(result.policies.map((p) => [p.id, p]));
  for (const f of findings) {
    // A finding of a policy the result does not list still needs a rule for GitHub to accept it.
    if (!policies.has(f.policyId)) policies.set(f.policyId, stubPolicy(f));
  }
  return [...policies.values()].map((p) => ruleFor(p, effective.get(p.id) ?? p.severity));
}

function stubPolicy(f: Finding): PolicyInfo {
  return { id: f.policyId, name: f.policyName, title: f.title, severity: f.severity, description: f.title, rationale: '', helpUri: '', tags: [], remediation: '' };
}

function toResult(f: Finding, ruleIndex: number, uris: UriCache): object {
  const command = f.remediation.command ? ` Command: ${f.remediation.command}` : '';
  const loc = f.location;
  const physicalLocation = loc
    ? {
        artifactLocation: { uri: uris.file(loc.file) },
        region: { startLine: loc.line, startColumn: loc.column, endLine: loc.endLine, endColumn: loc.endColumn },
      }
    : { artifactLocation: { uri: resourceUri(f.resourceId) } };
  return {
    ruleId: f.policyId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: sarifText(`${f.message} Remediation: ${f.remediation.text}${command}`) },
    locations: [
      {
        physicalLocation,
        logicalLocations: [
          { name: f.resourceName, fullyQualifiedName: f.resourceId, kind: 'resource' },
          ...(f.terraformAddress ? [{ fullyQualifiedName: f.terraformAddress, kind: 'terraformAddress' }] : []),
        ],
      },
    ],
    // The finding's own hash (policy, resource ID, property path) under the key GitHub matches
    // alerts on, so moving lines or regenerating the report keeps the alert; and under our own key
    // for other consumers.
    partialFingerprints: { primaryLocationLineHash: f.fingerprint, 'egressAuditFinding/v2': f.fingerprint },
    properties: { severity: f.severity, clusterId: f.clusterId, propertyPath: f.path, ...(f.terraformAddress ? { terraformAddress: f.terraformAddress } : {}) },
    // With a baseline, SARIF's own field says whether the previous report had the finding.
    ...(f.baseline ? { baselineState: f.baseline } : {}),
  };
}

/**
 * Artifact URIs relative to the source root, with forward slashes. A file outside the source root
 * gets an absolute file: URI (code scanning then lists the alert without a code view).
 */
class UriCache {
  private readonly cache = new Map<string, string>();
  private readonly root: string;

  constructor(ctx: FormatContext) {
    this.root = ctx.sourceRoot;
  }

  file(file: string): string {
    let uri = this.cache.get(file);
    if (uri === undefined) {
      const rel = underRoot(this.root, file);
      uri = rel !== null ? rel.split('/').map(encodeURIComponent).join('/') : pathToFileURL(path.resolve(file)).href;
      this.cache.set(file, uri);
    }
    return uri;
  }
}

/** A finding with no place in a file (read live from Azure) is located at its resource ID's path. */
function resourceUri(resourceId: string): string {
  const segments = resourceId.split('/').filter(Boolean);
  return segments.length ? segments.map(encodeURIComponent).join('/') : 'azure';
}

function invocation(result: ScanResult): object {
  const notes = [
    ...result.errors.map((e) => ({ level: 'error', message: { text: sarifText(`${e.code}: ${e.message}`) } })),
    ...result.clusters
      .filter((c) => c.status === 'incomplete')
      .map((c) => ({ level: 'warning', message: { text: sarifText(`Cluster ${c.name} was not fully evaluated: ${c.incompleteReasons.join('; ')}`) } })),
  ];
  // Policies a Terraform plan leaves to apply time are neither problems nor findings: notes that do not fail the run.
  const decided = decidedAtApplyLines(result).map((d) => ({ level: 'note', message: { text: sarifText(d.text) } }));
  const shown: object[] = [...notes, ...decided].slice(0, MAX_NOTIFICATIONS);
  if (notes.length + decided.length > shown.length) {
    shown.push({ level: 'note', message: { text: `${notes.length + decided.length - shown.length} more scan notes are listed in the JSON report.` } });
  }
  // Notices are statements about coverage, not problems: they leave executionSuccessful alone.
  for (const { notice, shown: entries, more } of shownNotices(result, MAX_NOTIFICATIONS)) {
    const listed = entries.map(notJudgedText).join('; ');
    const text = `${notice.message}${listed ? ` Not judged: ${listed}` : ''}${more ? `; and ${more} more in the JSON report` : ''}`;
    shown.push({ level: 'note', associatedRule: { id: notice.policyId }, message: { text: sarifText(text) } });
  }
  return {
    executionSuccessful: notes.length === 0,
    startTimeUtc: result.scan.startedAt,
    endTimeUtc: result.scan.finishedAt,
    ...(shown.length ? { toolExecutionNotifications: shown } : {}),
  };
}
