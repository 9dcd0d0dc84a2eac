// Wires filters, tabs and pages to the tables. Runs once, after the data block has been parsed.

const TABS = /** @type {const} */ (['clusters', 'findings', 'incomplete', 'errors']);
const NOUNS = { clusters: 'clusters', findings: 'findings', incomplete: 'clusters not fully evaluated', errors: 'input errors' };
const NONE_AT_ALL = { clusters: 'The scan found no clusters.', findings: 'No findings.', incomplete: 'Every cluster was fully evaluated.', errors: 'No input errors.' };

function main() {
  const data = decode(byId('report-data').textContent ?? '');
  const ui = {
    q: /** @type {HTMLInputElement} */ (byId('q')),
    sev: /** @type {HTMLSelectElement} */ (byId('f-sev')),
    policy: /** @type {HTMLSelectElement} */ (byId('f-policy')),
    sub: /** @type {HTMLSelectElement} */ (byId('f-sub')),
    outbound: /** @type {HTMLSelectElement} */ (byId('f-outbound')),
    sort: /** @type {HTMLSelectElement} */ (byId('f-sort')),
    // Only reports with a baseline or suppressions have the triage filter.
    state: /** @type {HTMLSelectElement | null} */ (document.getElementById('f-state')),
    view: byId('view'),
    pager: byId('pager'),
    shown: byId('shown'),
  };
  const state = {
    tab: /** @type {(typeof TABS)[number]} */ ('clusters'),
    page: { clusters: 0, findings: 0, incomplete: 0, errors: 0 },
    open: /** @type {Set<number>} */ (new Set()),
    more: /** @type {Set<number>} */ (new Set()),
    sortKey: '',
    sorted: /** @type {Cluster[]} */ ([]),
  };
  /** @type {ReturnType<typeof query> | null} */
  let result = null;
  const totals = {
    clusters: data.clusters.length,
    findings: data.findings.length,
    incomplete: data.clusters.filter((c) => c.status === 2).length,
    errors: data.errors.length,
  };

  const filters = () => ({ q: ui.q.value, sev: ui.sev.value, policy: ui.policy.value, sub: ui.sub.value, outbound: ui.outbound.value, state: ui.state?.value ?? '', sort: ui.sort.value });

  function recompute() {
    const f = filters();
    if (f.sort !== state.sortKey) {
      state.sortKey = f.sort;
      state.sorted = [...data.clusters].sort(SORTS[f.sort] ?? SORTS['worst']);
    }
    result = query(data, state.sorted, f);
    for (const tab of TABS) byId(`count-${tab}`).textContent = nf.format(result[tab].length);
    draw();
  }

  function draw() {
    if (!result) return;
    const list = result[state.tab];
    const pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
    const page = Math.min(state.page[state.tab], pages - 1);
    state.page[state.tab] = page;
    const from = page * PAGE_SIZE;
    let content;
    if (state.tab === 'clusters') content = clusterTable(result.clusters, from, state.open, state.more, result.findingsOf);
    else if (state.tab === 'findings') content = h('div', { class: 'findings' }, ...result.findings.slice(from, from + PAGE_SIZE).map((f) => findingCard(f, true)));
    else if (state.tab === 'incomplete') content = incompleteTable(result.incomplete, from);
    else content = errorTable(result.errors, from);
    const noun = NOUNS[state.tab];
    ui.shown.textContent = list.length
      ? `Showing ${nf.format(from + 1)}–${nf.format(Math.min(from + PAGE_SIZE, list.length))} of ${nf.format(list.length)} ${noun}`
      : `No ${noun} match the filters`;
    const none = totals[state.tab] === 0 ? NONE_AT_ALL[state.tab] : 'Nothing matches these filters. Clear them to see everything.';
    ui.view.replaceChildren(list.length ? content : h('p', { class: 'empty' }, none));
    ui.pager.replaceChildren(...(list.length > PAGE_SIZE ? pager(list.length, page) : []));
    for (const b of document.querySelectorAll('[role="tab"]')) {
      const on = b.getAttribute('data-tab') === state.tab;
      b.setAttribute('aria-selected', String(on));
      b.setAttribute('tabindex', on ? '0' : '-1');
    }
    for (const el of document.querySelectorAll('[data-for]')) {
      /** @type {HTMLElement} */ (el).hidden = !(el.getAttribute('data-for') ?? '').split(' ').includes(state.tab);
    }
  }

  function refilter() {
    for (const tab of TABS) state.page[tab] = 0;
    recompute();
  }

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let typing;
  ui.q.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(refilter, 150);
  });
  for (const sel of [ui.sev, ui.policy, ui.sub, ui.outbound, ui.sort, ui.state]) sel?.addEventListener('change', refilter);
  byId('reset').addEventListener('click', () => {
    ui.q.value = '';
    for (const sel of [ui.sev, ui.policy, ui.sub, ui.outbound]) sel.value = '';
    // Suppressed findings are hidden by default, so the tab's count matches the card's.
    if (ui.state) ui.state.value = ui.state.getAttribute('data-default') ?? '';
    refilter();
  });
  /** @param {number} n */
  const selectTab = (n) => {
    state.tab = TABS[(n + TABS.length) % TABS.length] ?? 'clusters';
    draw();
  };
  byId('tabs').addEventListener('click', (ev) => {
    const b = ev.target instanceof Element ? ev.target.closest('[data-tab]') : null;
    const n = TABS.findIndex((x) => x === b?.getAttribute('data-tab'));
    if (n >= 0) selectTab(n);
  });
  // The arrow keys move between tabs, as in every tab list.
  byId('tabs').addEventListener('keydown', (ev) => {
    const step = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    selectTab(TABS.indexOf(state.tab) + step);
    /** @type {HTMLElement | null} */ (document.querySelector(`[data-tab="${state.tab}"]`))?.focus();
  });
  ui.pager.addEventListener('click', (ev) => {
    const b = ev.target instanceof Element ? ev.target.closest('[data-page]') : null;
    if (!b || b.hasAttribute('disabled')) return;
    state.page[state.tab] = Number(b.getAttribute('data-page'));
    draw();
    byId('explorer').scrollIntoView({ block: 'start' });
  });
  ui.view.addEventListener('click', async (ev) => {
    const target = ev.target instanceof Element ? ev.target : null;
    // Clicks inside an open detail (links, selecting text) must not fold the row.
    if (!target || target.closest('a')) return;
    const el = target.closest('[data-act]');
    const act = el?.getAttribute('data-act');
    if (!el || !act) return;
    const i = Number(el.getAttribute('data-i'));
    if (act === 'toggle') {
      if (!state.open.delete(i)) state.open.add(i);
      draw();
    } else if (act === 'more') {
      state.more.add(i);
      draw();
    } else if (act === 'copy') {
      const ok = await copy(copyText.get(el) ?? '');
      el.textContent = ok ? 'Copied' : 'Copy failed';
      el.classList.toggle('done', ok);
      setTimeout(() => {
        el.textContent = 'Copy';
        el.classList.remove('done');
      }, 1500);
    }
  });
  document.addEventListener('keydown', (ev) => {
    const tag = ev.target instanceof Element ? ev.target.tagName : '';
    if (ev.key === '/' && tag !== 'INPUT' && tag !== 'SELECT' && tag !== 'TEXTAREA') {
      ev.preventDefault();
      ui.q.focus();
    }
  });

  byId('explorer').hidden = false;
  recompute();
  document.documentElement.setAttribute('data-ready', 'true');
}

main();
