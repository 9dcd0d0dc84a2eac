import type Handlebars from 'handlebars';

/**
 * Helpers for policy message and remediation templates. Templates come from policy files; data
 * from the inventory is only ever a value in the context, never compiled as a template.
 */
export function registerHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('join', (list: unknown, sep: unknown) =>
    Array.isArray(list) ? list.map(String).join(typeof sep === 'string' ? sep : ', ') : '',
  );
  hb.registerHelper('intersect', (a: unknown, b: unknown) => {
    if (!Array.isArray(a) || !Array.isArray(b)) return [];
    const lower = new Set(b.map((x) => String(x).toLowerCase()));
    return a.filter((x) => lower.has(String(x).toLowerCase()));
  });
  // Names of the items whose `field` differs from `value` (case-insensitively): `{{join (namesWhereNot cluster.pools "type" "VirtualMachineScaleSets")}}`.
  hb.registerHelper('namesWhereNot', (list: unknown, field: unknown, value: unknown) =>
    Array.isArray(list)
      ? list.filter((x) => String((x as Record<string, unknown>)?.[String(field)] ?? '').toLowerCase() !== String(value).toLowerCase()).map((x) => String((x as Record<string, unknown>)?.['name'] ?? ''))
      : [],
  );
  hb.registerHelper('first', (list: unknown) => (Array.isArray(list) && list.length ? list[0] : ''));
  hb.registerHelper('count', (list: unknown) => (Array.isArray(list) ? list.length : 0));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hb.registerHelper('default', (v: unknown, d: unknown) => (v === null || v === undefined || v === '' ? d : v));
}
