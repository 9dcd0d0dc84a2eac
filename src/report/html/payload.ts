import { SEVERITIES } from '../../policy/types.ts';
import type { SuppressionEntry } from '../../triage/suppressions.ts';
import type { ScanResult } from '../../scan/result.ts';

/**
 * Upper bounds on any one string in the page. A hostile or broken inventory can carry megabyte
 * names; the page shows the start of them with a marker instead of growing without bound.
 */
export const LIMITS = { name: 256, id: 1024, text: 4000 } as const;

export const CLIP_MARKER = '…';

/** Cuts a string to at most `max` UTF-16 units plus the marker, never splitting a surrogate pair. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return s.slice(0, end) + CLIP_MARKER;
}

const STATUSES = ['pass', 'fail', 'incomplete'] as const;
const VNET_MODES = ['managed', 'byo'] as const;

/**
 * The data the page's script renders, as positional arrays over one string table: tens of
 * thousands of findings repeat the same names, IDs and remediation texts, and the table keeps the
 * embedded JSON a fraction of the JSON report's size. `app.js` decodes the same positions.
 */
export interface Payload {
  /** String table; every other string field is an index into it. */
  s: string[];
  /** [name, id, subscription, resourceGroup, location, outboundType, vnetMode, zones, status, profile, profileReason, kubernetesVersion, apiServer, reasons[], missing[], Terraform address or -1] */
  c: [number, number, number, number, number, number, number, number[], number, number, number, number, number, number[], number[], number][];
  /**
   * [cluster index, policy index, severity index, resourceName, resourceId, message, remediation, command or -1, path, location or -1,
   *  baseline (-1 no baseline, 0 unchanged, 1 new), suppression entry index into `x` or -1, Terraform address or -1]
   */
  f: [number, number, number, number, number, number, number, number, number, number, number, number, number][];
  /** Suppression entries that accept findings: [policy, resource, justification, expires, owner or -1, ticket or -1, file, line] */
  x: [number, number, number, number, number, number, number, number][];
  /** [id, title, severity index, helpUri] */
  p: [number, number, number, number][];
  /** [code, message, file or -1, resourceId or -1, clusters[]] */
  e: [number, number, number, number, number[]][];
}

export function buildPayload(result: ScanResult): Payload {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const str = (value: string, max: number): number => {
    const v = clip(value, max);
    let i = index.get(v);
    if (i === undefined) {
      i = strings.length;
      strings.push(v);
      index.set(v, i);
    }
    return i;
  };
  const opt = (value: string | null | undefined, max: number): number => (value ? str(value, max) : -1);
  const sev = (s: string): number => Math.max(0, (SEVERITIES as readonly string[]).indexOf(s));

  const clusterIndex = new Map<string, number>();
  const c: Payload['c'] = result.clusters.map((cl, i) => {
    clusterIndex.set(cl.id.toLowerCase(), i);
    return [
      str(cl.name, LIMITS.name),
      str(cl.id, LIMITS.id),
      str(cl.subscriptionId, LIMITS.name),
      str(cl.resourceGroup, LIMITS.name),
      opt(cl.location, LIMITS.name),
      str(cl.outboundType, LIMITS.name),
      VNET_MODES.indexOf(cl.vnetMode),
      cl.zones.map((z) => str(z, LIMITS.name)),
      STATUSES.indexOf(cl.status),
      str(cl.profile, LIMITS.name),
      str(cl.profileReason, LIMITS.text),
      opt(cl.kubernetesVersion, LIMITS.name),
      str(cl.apiServer, LIMITS.name),
      cl.incompleteReasons.map((r) => str(r, LIMITS.text)),
      cl.missing.map((m) => str(m, LIMITS.id)),
      opt(cl.terraform?.address, LIMITS.id),
    ];
  });

  const policyIndex = new Map<string, number>();
  const p: Payload['p'] = [];
  const policy = (id: string, title: string, severity: string, helpUri: string): number => {
    let i = policyIndex.get(id);
    if (i === undefined) {
      i = p.length;
      p.push([str(id, LIMITS.name), str(title, LIMITS.text), sev(severity), opt(helpUri, LIMITS.id)]);
      policyIndex.set(id, i);
    }
    return i;
  };
  for (const pol of result.policies) policy(pol.id, pol.title, pol.severity, pol.helpUri);

  const x: Payload['x'] = [];
  const entryIndex = new Map<string, number>();
  const entry = (e: SuppressionEntry | undefined): number => {
    if (!e) return -1;
    const k = `${e.file}:${e.line}`;
    let i = entryIndex.get(k);
    if (i === undefined) {
      i = x.length;
      x.push([str(e.policy, LIMITS.name), str(e.resource, LIMITS.id), str(e.justification, LIMITS.text), str(e.expires, LIMITS.name), opt(e.owner, LIMITS.name), opt(e.ticket, LIMITS.id), str(e.file, LIMITS.id), e.line]);
      entryIndex.set(k, i);
    }
    return i;
  };

  const f: Payload['f'] = [];
  for (const fi of result.findings) {
    const ci = clusterIndex.get(fi.clusterId.toLowerCase());
    // A finding always belongs to a scanned cluster; one that does not could only come from a
    // hand-edited result, and it has no row to be shown under.
    if (ci === undefined) continue;
    const loc = fi.location ? `${fi.location.file}:${fi.location.line}:${fi.location.column}` : null;
    f.push([
      ci,
      policy(fi.policyId, fi.title, fi.severity, ''),
      sev(fi.severity),
      str(fi.resourceName, LIMITS.name),
      str(fi.resourceId, LIMITS.id),
      str(fi.message, LIMITS.text),
      str(fi.remediation.text, LIMITS.text),
      opt(fi.remediation.command, LIMITS.text),
      str(fi.path, LIMITS.id),
      opt(loc, LIMITS.id),
      fi.baseline === 'new' ? 1 : fi.baseline === 'unchanged' ? 0 : -1,
      entry(fi.suppression),
      opt(fi.terraformAddress, LIMITS.id),
    ]);
  }

  const e: Payload['e'] = result.errors.map((er) => [
    str(er.code, LIMITS.name),
    str(er.message, LIMITS.text),
    opt(er.file, LIMITS.id),
    opt(er.resourceId, LIMITS.id),
    (er.clusters ?? []).map((id) => clusterIndex.get(id.toLowerCase()) ?? -1).filter((i) => i >= 0),
  ]);

  return { s: strings, c, f, p, e, x };
}

/**
 * JSON that is safe as the text of a `<script type="application/json">` element: `<`, `>` and `&`
 * cannot close the element or open a comment, and U+2028/2029 cannot end a line in old parsers.
 * Every such character can only occur inside a JSON string, where the escape means the same.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
