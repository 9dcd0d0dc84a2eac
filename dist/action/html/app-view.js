// Draws the tables from the decoded data, one page at a time. Every piece of scan data enters the
// DOM as a text node or an attribute value set through the DOM API: never through an HTML parser.

const PAGE_SIZE = 50;
const FINDINGS_PER_CLUSTER = 25;
const NAME_MAX = 60;
const nf = new Intl.NumberFormat('en-US');
/** @type {WeakMap<Element, string>} */
const copyText = new WeakMap();

/** @param {string} id */
function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el;
}

/**
 * @param {string} tag
 * @param {Record<string, string> | null} attrs
 * @param {...(Node | string | null | false)} kids strings become text nodes
 */
function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  if (attrs) for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const k of kids) if (k !== null && k !== false) el.append(k);
  return el;
}

/**
 * Data text, isolated from the text around it (a right-to-left name cannot reorder its row), cut
 * to `max` characters with a visible marker and the whole text in the tooltip.
 * @param {string} s @param {number} [max]
 */
function t(s, max = 0) {
  const el = document.createElement('bdi');
  if (max && s.length > max) {
    const end = /[\uD800-\uDBFF]/.test(s.charAt(max - 1)) ? max - 1 : max;
    el.textContent = `${s.slice(0, end)}…`;
    el.title = s;
    el.className = 'clipped';
  } else {
    el.textContent = s;
  }
  return el;
}

/** Remediation text with `backtick` spans shown as code. @param {string} s */
function rich(s) {
  const p = h('p', { class: 'fix' });
  s.split('`').forEach((part, i) => part && p.append(i % 2 ? h('code', null, t(part)) : t(part)));
  return p;
}

/** @param {string} text @param {string} label */
function copyButton(text, label) {
  const b = h('button', { type: 'button', class: 'copy', 'data-act': 'copy', 'aria-label': label }, 'Copy');
  copyText.set(b, text);
  return b;
}

/** @param {Finding} f @param {boolean} withCluster */
function findingCard(f, withCluster) {
  const sev = SEV[f.sev] ?? 'info';
  const head = h('div', { class: 'f-head' },
    h('span', { class: `badge sev-${sev}` }, SEV_LABEL[f.sev] ?? sev),
    h('span', { class: 'pid' }, t(f.policy.id)),
    h('span', { class: 'ptitle' }, t(f.policy.title)),
  );
  if (f.supp) head.append(h('span', { class: 'badge triage-suppressed', title: `Suppressed until ${f.supp.expires}` }, 'Suppressed'));
  else if (f.isNew) head.append(h('span', { class: 'badge triage-new', title: 'Not in the baseline report' }, 'New'));
  if (/^https:\/\//i.test(f.policy.help)) {
    head.append(h('a', { class: 'help', href: f.policy.help, target: '_blank', rel: 'noopener noreferrer' }, 'Docs ↗'));
  }
  const meta = h('dl', { class: 'f-meta' });
  /** @param {string} label @param {...(Node | string)} value */
  const row = (label, ...value) => meta.append(h('dt', null, label), h('dd', null, ...value));
  if (withCluster) row('Cluster', h('span', { class: 'strong' }, t(f.cluster.name, NAME_MAX)), h('span', { class: 'muted' }, ' · ', t(f.cluster.sub)));
  row('Resource', h('span', { class: 'strong' }, t(f.resName, NAME_MAX)), h('code', { class: 'rid' }, t(f.resId)));
  if (f.tf) row('Terraform', h('code', { class: 'tfaddr' }, t(f.tf)));
  row('Property', h('code', null, t(f.path)), f.loc ? h('span', { class: 'muted' }, ' in ', h('code', null, t(f.loc))) : '');
  row('Remediation', rich(f.fix));
  if (f.supp) row('Suppressed', suppressionNote(f.supp));
  const card = h('article', { class: `finding sev-${sev}${f.isNew && !f.supp ? ' new' : ''}${f.supp ? ' suppressed' : ''}` }, head, h('p', { class: 'msg' }, t(f.msg)), meta);
  if (f.cmd) {
    // A command cut short by the size limit would run something else: show it, do not offer to copy it.
    const whole = !f.cmd.endsWith('…');
    card.append(h('div', { class: 'cmd' }, h('pre', null, h('code', null, t(f.cmd))), whole ? copyButton(f.cmd, `Copy the az command for ${f.policy.id} on ${f.cluster.name}`) : ''));
  }
  return card;
}

/** Who accepted a suppressed finding, why, until when, and where the entry is written. @param {Suppression} x */
function suppressionNote(x) {
  const note = h('div', { class: 'supp' }, h('p', null, t(x.why)));
  const meta = h('p', { class: 'muted small' }, 'Until ', h('time', { datetime: x.expires }, x.expires));
  if (x.owner) meta.append(' · accepted by ', t(x.owner, NAME_MAX));
  if (/^https?:\/\//i.test(x.ticket)) meta.append(' · ', h('a', { href: x.ticket, target: '_blank', rel: 'noopener noreferrer' }, t(x.ticket, NAME_MAX)));
  meta.append(' · ', h('code', null, t(`${x.file}:${x.line}`)));
  note.append(meta);
  return note;
}

/** @param {number} status */
const statusBadge = (status) => h('span', { class: `badge st-${STATUS[status] ?? 'pass'}` }, STATUS_LABEL[status] ?? '');

/** @param {Cluster} c */
function chips(c) {
  const box = h('span', { class: 'chips' });
  c.counts.forEach((n, i) => {
    if (n) box.append(h('span', { class: `chip sev-${SEV[i]}`, title: `${nf.format(n)} ${SEV[i]}` }, nf.format(n)));
  });
  if (!c.findings.length) box.append(h('span', { class: 'muted' }, 'none'));
  // Every finding suppressed: say so, or the cell reads as if the cluster had none.
  else if (c.counts.every((n) => !n)) box.append(h('span', { class: 'muted' }, `all ${nf.format(c.findings.length)} suppressed`));
  return box;
}

/**
 * @param {Cluster[]} list @param {number} from
 * @param {Set<number>} open @param {Set<number>} more @param {(c: Cluster) => Finding[]} findingsOf
 */
function clusterTable(list, from, open, more, findingsOf) {
  const body = h('tbody', null);
  for (const c of list.slice(from, from + PAGE_SIZE)) {
    const isOpen = open.has(c.i);
    const toggle = h('button', { type: 'button', class: 'expander', 'data-act': 'toggle', 'data-i': String(c.i), 'aria-expanded': String(isOpen), 'aria-controls': `detail-${c.i}`, 'aria-label': `Details of ${c.name}` }, isOpen ? '▾' : '▸');
    body.append(h('tr', { class: `row${isOpen ? ' open' : ''}`, 'data-act': 'toggle', 'data-i': String(c.i) },
      h('td', { class: 'toggle' }, toggle),
      h('td', null, h('div', { class: 'cname' }, t(c.name, NAME_MAX)), h('div', { class: 'muted small' }, t(c.rg, NAME_MAX), c.loc ? ' · ' : '', t(c.loc))),
      h('td', { class: 'mono small nw' }, t(c.sub, 13)),
      h('td', null, h('span', { class: 'tag' }, t(c.outbound, 32))),
      h('td', { class: 'nw' }, VNET_LABEL[c.vnet] ?? ''),
      h('td', { class: 'nw' }, c.zones.length ? t(c.zones.join(', ')) : h('span', { class: 'muted' }, 'no zone')),
      h('td', null, statusBadge(c.status)),
      h('td', { class: 'nw' }, chips(c)),
    ));
    if (isOpen) body.append(h('tr', { class: 'detail', id: `detail-${c.i}` }, h('td', { colspan: '8' }, clusterDetail(c, findingsOf(c), more.has(c.i)))));
  }
  const labels = ['', 'Cluster', 'Subscription', 'Outbound type', 'VNet', 'Zones', 'Status', 'Findings'];
  // On a narrow screen the table reflows into labelled blocks (style.css), so each cell says what it is.
  for (const row of body.querySelectorAll('tr.row')) [...row.children].forEach((td, n) => labels[n] && td.setAttribute('data-label', labels[n] ?? ''));
  const head = h('tr', null, ...labels.map((x) => h('th', { scope: 'col' }, x)));
  return h('table', { class: 'grid clusters reflow' }, h('thead', null, head), body);
}

/** @param {Cluster} c @param {Finding[]} shown @param {boolean} all */
function clusterDetail(c, shown, all) {
  const kv = h('dl', { class: 'kv' });
  /** @param {string} k @param {Node | string} v */
  const add = (k, v) => kv.append(h('div', null, h('dt', null, k), h('dd', null, v)));
  add('Resource ID', h('code', { class: 'rid' }, t(c.id)));
  if (c.tf) add('Terraform', h('code', { class: 'tfaddr' }, t(c.tf)));
  add('Kubernetes', c.k8s ? t(c.k8s) : 'unknown');
  add('API server', API_LABEL[c.api] ?? c.api);
  add('Profile', h('span', null, t(c.profile), h('span', { class: 'muted' }, ' (', t(c.profileReason), ')')));
  const box = h('div', { class: 'detail-inner' }, kv);
  if (c.status === 2) box.append(incompleteNote(c));
  if (!shown.length) {
    const why = c.findings.length
      ? 'No findings match the filters.'
      : c.status === 2 ? 'No findings from the policies that could be evaluated.' : 'No findings: this cluster passes every policy that applies to it.';
    box.append(h('p', { class: 'muted' }, why));
    return box;
  }
  const list = h('div', { class: 'findings' }, ...(all ? shown : shown.slice(0, FINDINGS_PER_CLUSTER)).map((f) => findingCard(f, false)));
  box.append(list);
  if (!all && shown.length > FINDINGS_PER_CLUSTER) {
    box.append(h('button', { type: 'button', class: 'more', 'data-act': 'more', 'data-i': String(c.i) }, `Show all ${nf.format(shown.length)} findings`));
  }
  return box;
}

/** @param {Cluster} c */
function incompleteNote(c) {
  const note = h('div', { class: 'callout' }, h('strong', null, 'Not fully evaluated'), h('ul', null, ...c.reasons.map((r) => h('li', null, t(r)))));
  if (c.missing.length) note.append(h('p', null, 'Missing from the inventory:'), h('ul', null, ...c.missing.map((m) => h('li', null, h('code', { class: 'rid' }, t(m))))));
  return note;
}

/** @param {Cluster[]} list @param {number} from */
function incompleteTable(list, from) {
  const body = h('tbody', null, ...list.slice(from, from + PAGE_SIZE).map((c) => h('tr', null,
    h('td', null, h('div', { class: 'cname' }, t(c.name, NAME_MAX)), h('div', { class: 'muted small mono' }, t(c.sub))),
    h('td', null, h('ul', { class: 'plain' }, ...c.reasons.map((r) => h('li', null, t(r))))),
    h('td', null, h('ul', { class: 'plain' }, ...c.missing.map((m) => h('li', null, h('code', { class: 'rid' }, t(m)))))),
  )));
  const head = h('tr', null, ...['Cluster', 'Why', 'Missing from the inventory'].map((x) => h('th', { scope: 'col' }, x)));
  return h('table', { class: 'grid' }, h('thead', null, head), body);
}

/** @param {ReportError[]} list @param {number} from */
function errorTable(list, from) {
  const body = h('tbody', null, ...list.slice(from, from + PAGE_SIZE).map((e) => h('tr', null,
    h('td', null, h('code', null, t(e.code))),
    h('td', null, t(e.msg), e.resId ? h('div', null, h('code', { class: 'rid' }, t(e.resId))) : ''),
    h('td', null, e.file ? h('code', null, t(e.file)) : ''),
    h('td', null, ...e.clusters.map((c) => h('div', null, t(c.name, NAME_MAX)))),
  )));
  const head = h('tr', null, ...['Code', 'Problem', 'File', 'Clusters affected'].map((x) => h('th', { scope: 'col' }, x)));
  return h('table', { class: 'grid' }, h('thead', null, head), body);
}

/** @param {number} total @param {number} page */
function pager(total, page) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  /** @param {string} label @param {number} to @param {string} aria */
  const btn = (label, to, aria) => h('button', { type: 'button', 'data-page': String(to), 'aria-label': aria, ...(to < 0 || to >= pages || to === page ? { disabled: '' } : {}) }, label);
  return [btn('«', 0, 'First page'), btn('‹ Prev', page - 1, 'Previous page'), h('span', { class: 'pageno' }, `Page ${nf.format(page + 1)} of ${nf.format(pages)}`), btn('Next ›', page + 1, 'Next page'), btn('»', pages - 1, 'Last page')];
}

/** @param {string} text */
async function copy(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied or unavailable (some file:// setups): fall back to a selection copy.
  }
  const ta = /** @type {HTMLTextAreaElement} */ (h('textarea', { readonly: '', class: 'offscreen', 'aria-hidden': 'true' }));
  ta.value = text;
  document.body.append(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}
