// Decodes the embedded report data (positions as in payload.ts) and answers filter queries.
// Plain browser JavaScript, inlined into the page; type-checked by src/report/html/tsconfig.json.

/**
 * @typedef {{ id: string, title: string, sev: number, help: string }} Policy
 * @typedef {{ policy: string, resource: string, why: string, expires: string, owner: string, ticket: string, file: string, line: number }} Suppression
 * @typedef {{
 *   i: number, name: string, id: string, sub: string, rg: string, loc: string, outbound: string,
 *   vnet: number, zones: string[], status: number, profile: string, profileReason: string,
 *   k8s: string, api: string, reasons: string[], missing: string[], tf: string, findings: Finding[],
 *   counts: number[], text: string }} Cluster
 * @typedef {{
 *   cluster: Cluster, policy: Policy, sev: number, resName: string, resId: string, msg: string,
 *   fix: string, cmd: string, path: string, loc: string, tf: string, isNew: boolean, unchanged: boolean,
 *   supp: Suppression | null, text: string }} Finding
 * @typedef {{ code: string, msg: string, file: string, resId: string, clusters: Cluster[], text: string }} ReportError
 * @typedef {{ q: string, sev: string, policy: string, sub: string, outbound: string, state: string, sort: string }} Filters
 * @typedef {[number, number, number, number, number, number, number, number[], number, number, number, number, number, number[], number[], number]} ClusterRow
 * @typedef {[number, number, number, number, number, number, number, number, number, number, number, number, number]} FindingRow
 * @typedef {[number, number, number, number, number, number, number, number]} SuppressionRow
 * @typedef {[number, number, number, number, number[]]} ErrorRow
 * @typedef {{ s: string[], c: ClusterRow[], f: FindingRow[], p: [number, number, number, number][], e: ErrorRow[], x: SuppressionRow[] }} Payload
 */

const SEV = ['high', 'medium', 'low', 'info'];
const SEV_LABEL = ['High', 'Medium', 'Low', 'Info'];
const STATUS = ['pass', 'fail', 'incomplete'];
const STATUS_LABEL = ['Pass', 'Fail', 'Incomplete'];
const VNET_LABEL = ['Managed', 'BYO'];
const API_LABEL = /** @type {Record<string, string>} */ ({ private: 'Private', 'vnet-integration': 'VNet integration', public: 'Public' });

/** @param {string} json */
function decode(json) {
  /** @type {Payload} */
  const raw = JSON.parse(json);
  const S = raw.s;
  /** @param {number} i */
  const s = (i) => (i < 0 ? '' : (S[i] ?? ''));
  /** @type {Policy[]} */
  const policies = raw.p.map((r) => ({ id: s(r[0]), title: s(r[1]), sev: r[2], help: s(r[3]) }));
  /** @type {Suppression[]} */
  const supps = raw.x.map((r) => ({ policy: s(r[0]), resource: s(r[1]), why: s(r[2]), expires: s(r[3]), owner: s(r[4]), ticket: s(r[5]), file: s(r[6]), line: r[7] }));
  /** @type {Cluster[]} */
  const clusters = raw.c.map((r, i) => ({
    i, name: s(r[0]), id: s(r[1]), sub: s(r[2]), rg: s(r[3]), loc: s(r[4]), outbound: s(r[5]), vnet: r[6],
    zones: r[7].map(s), status: r[8], profile: s(r[9]), profileReason: s(r[10]), k8s: s(r[11]), api: s(r[12]),
    reasons: r[13].map(s), missing: r[14].map(s), tf: s(r[15]), findings: [], counts: [0, 0, 0, 0], text: '',
  }));
  /** @type {Finding[]} */
  const findings = raw.f.map((r) => {
    const cluster = /** @type {Cluster} */ (clusters[r[0]]);
    const f = {
      cluster, policy: /** @type {Policy} */ (policies[r[1]]), sev: r[2], resName: s(r[3]), resId: s(r[4]),
      msg: s(r[5]), fix: s(r[6]), cmd: s(r[7]), path: s(r[8]), loc: s(r[9]), tf: s(r[12]), isNew: r[10] === 1, unchanged: r[10] === 0,
      supp: supps[r[11]] ?? null, text: '',
    };
    cluster.findings.push(f);
    // A suppressed finding is accepted: it is listed, but does not make its cluster look worse.
    if (!f.supp) cluster.counts[f.sev] = (cluster.counts[f.sev] ?? 0) + 1;
    return f;
  });
  /** @type {ReportError[]} */
  const errors = raw.e.map((r) => ({
    code: s(r[0]), msg: s(r[1]), file: s(r[2]), resId: s(r[3]),
    clusters: r[4].map((i) => /** @type {Cluster} */ (clusters[i])), text: '',
  }));
  return { policies, clusters, findings, errors };
}

/** @param {Cluster} c */
function clusterText(c) {
  if (!c.text) c.text = [c.name, c.id, c.rg, c.loc, c.sub, c.outbound, c.tf].join('\n').toLowerCase();
  return c.text;
}

/** @param {Finding} f */
function findingText(f) {
  if (!f.text) f.text = [f.msg, f.resName, f.resId, f.tf, f.policy.id, f.policy.title, f.fix, f.cmd, f.supp?.why ?? '', f.supp?.owner ?? ''].join('\n').toLowerCase();
  return f.text;
}

/** @param {ReportError} e */
function errorText(e) {
  if (!e.text) e.text = [e.code, e.msg, e.file, e.resId, ...e.clusters.map((c) => c.name)].join('\n').toLowerCase();
  return e.text;
}

/**
 * Worst first: one high finding outranks any number of mediums, and so on down; among clusters
 * with the same findings, one not fully evaluated comes before a clean one.
 * @param {Cluster} a @param {Cluster} b
 */
function byWorst(a, b) {
  for (let i = 0; i < 4; i++) {
    const d = (b.counts[i] ?? 0) - (a.counts[i] ?? 0);
    if (d) return d;
  }
  return (b.status === 2 ? 1 : 0) - (a.status === 2 ? 1 : 0);
}

/** @type {Record<string, (a: Cluster, b: Cluster) => number>} */
const SORTS = {
  worst: (a, b) => byWorst(a, b) || byText(a.name, b.name),
  name: (a, b) => byText(a.name, b.name) || byText(a.id, b.id),
  outbound: (a, b) => byText(a.outbound, b.outbound) || byText(a.name, b.name),
  status: (a, b) => b.status - a.status || byWorst(a, b) || byText(a.name, b.name),
};

/** @param {string} a @param {string} b */
function byText(a, b) {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * What every tab shows under the filters. A cluster is shown when it passes the subscription and
 * outbound-type filters, has a finding of the chosen severity and policy (when one is chosen), and
 * its own text or one of those findings contains the search text.
 * @param {ReturnType<typeof decode>} data @param {Cluster[]} sorted @param {Filters} f
 */
function query(data, sorted, f) {
  const q = f.q.trim().toLowerCase();
  const sev = f.sev === '' ? -1 : SEV.indexOf(f.sev);
  // Not suppressed is the default view, not a search: it hides suppressed findings, never a cluster.
  const byFinding = sev >= 0 || f.policy !== '' || (f.state !== '' && f.state !== 'open');
  /** @param {Cluster} c */
  const clusterOk = (c) => (f.sub === '' || c.sub === f.sub) && (f.outbound === '' || c.outbound === f.outbound);
  /** @param {Finding} x */
  const findingOk = (x) => (sev < 0 || x.sev === sev) && (f.policy === '' || x.policy.id === f.policy) && stateOk(x, f.state);
  /** Findings of a cluster shown under it: all that pass, or only those matching q when the cluster itself does not. @param {Cluster} c */
  const findingsOf = (c) => {
    const all = !q || clusterText(c).includes(q);
    return c.findings.filter((x) => findingOk(x) && (all || findingText(x).includes(q)));
  };
  const clusters = sorted.filter((c) => {
    if (!clusterOk(c)) return false;
    if (!byFinding && (!q || clusterText(c).includes(q))) return true;
    return findingsOf(c).length > 0;
  });
  const findings = data.findings.filter(
    (x) => clusterOk(x.cluster) && findingOk(x) && (!q || clusterText(x.cluster).includes(q) || findingText(x).includes(q)),
  );
  const incomplete = sorted.filter((c) => c.status === 2 && clusterOk(c) && (!q || clusterText(c).includes(q) || c.reasons.some((r) => r.toLowerCase().includes(q))));
  const errors = data.errors.filter((e) => !q || errorText(e).includes(q));
  return { clusters, findings, incomplete, errors, findingsOf };
}

/**
 * The triage filter: new (unsuppressed findings the baseline did not have), open (not suppressed),
 * suppressed; empty is every finding.
 * @param {Finding} x @param {string} state
 */
function stateOk(x, state) {
  if (state === 'new') return x.isNew && !x.supp;
  if (state === 'open') return !x.supp;
  if (state === 'suppressed') return x.supp !== null;
  return true;
}
