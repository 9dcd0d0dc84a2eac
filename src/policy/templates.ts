import Handlebars from 'handlebars';
import { canonicalOutboundType, SNAT_PORTS_PER_LB_FRONTEND, SNAT_PORTS_PER_NAT_IP } from '../inventory/facts/azure.ts';
import { migrationArgs } from '../plan/plan.ts';
import { conflictOf, rowOf } from '../plan/tables.ts';
import { SNAT_PORTS_PER_FIREWALL_IP } from '../inventory/facts/firewall.ts';

type Obj = Record<string, unknown>;

/** Handlebars passes its options object last; helpers see only the template's own arguments. */
const args = (all: unknown[]): unknown[] => all.slice(0, -1);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The value after `segment` in an ARM ID, matched case-insensitively (`az` output writes `resourcegroups`). */
export function idPart(id: unknown, segment: unknown): string {
  const parts = String(id ?? '').split('/');
  const i = parts.findIndex((p) => p.toLowerCase() === String(segment).toLowerCase());
  return i >= 0 ? (parts[i + 1] ?? '') : '';
}

export function idName(id: unknown): string {
  const parts = String(id ?? '').split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

/**
 * A name for a pool that replaces `name`: AKS caps Windows pool names at 6 characters and Linux
 * ones at 12, so the suffix replaces the tail rather than overflow the limit.
 */
export function replacementPoolName(name: unknown, osType: unknown): string {
  const max = String(osType).toLowerCase() === 'windows' ? 6 : 12;
  const base = String(name ?? 'pool');
  return `${base.slice(0, max - 1)}2`;
}

/** `20.1.2.3` → `20.1.2.3/32`; a CIDR stays as it is (for `--api-server-authorized-ip-ranges`). */
export function asCidr(address: unknown): string {
  const a = String(address ?? '');
  if (a === '' || a.includes('/')) return a;
  return a.includes(':') ? `${a}/128` : `${a}/32`;
}

/** How a message names a NAT gateway: the AKS-managed one may be known only from the cluster's natGatewayProfile. */
export function natGatewayLabel(gw: unknown): string {
  const g = (gw ?? {}) as Obj;
  if (g['managed'] !== true) return `NAT gateway ${String(g['name'] ?? '')}`;
  return g['known'] === true ? `managed NAT gateway ${String(g['name'] ?? '')}` : 'managed NAT gateway (from natGatewayProfile)';
}

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
      ? list.filter((x) => String((x as Obj)?.[String(field)] ?? '').toLowerCase() !== String(value).toLowerCase()).map((x) => String((x as Obj)?.['name'] ?? ''))
      : [],
  );
  hb.registerHelper('first', (list: unknown) => (Array.isArray(list) && list.length ? list[0] : ''));
  hb.registerHelper('count', (list: unknown) => (Array.isArray(list) ? list.length : 0));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('or', (...all: unknown[]) => args(all).some(Boolean));
  hb.registerHelper('and', (...all: unknown[]) => args(all).every(Boolean));
  hb.registerHelper('not', (v: unknown) => !v);
  hb.registerHelper('list', (...all: unknown[]) => args(all));
  hb.registerHelper('isOneOf', (v: unknown, ...rest: unknown[]) => args(rest).includes(v));
  // Comparisons are false when either side is not a number, so a null fact never reads as "below".
  hb.registerHelper('lt', (a: unknown, b: unknown) => num(a) !== null && num(b) !== null && (a as number) < (b as number));
  hb.registerHelper('gt', (a: unknown, b: unknown) => num(a) !== null && num(b) !== null && (a as number) > (b as number));
  hb.registerHelper('default', (v: unknown, d: unknown) => (v === null || v === undefined || v === '' ? d : v));
  hb.registerHelper('idPart', (id: unknown, segment: unknown) => idPart(id, segment));
  hb.registerHelper('idName', (id: unknown) => idName(id));
  hb.registerHelper('names', (list: unknown) => (Array.isArray(list) ? list.map(idName) : []));
  hb.registerHelper('capitalize', (v: unknown) => { const t = String(v ?? ''); return t.charAt(0).toUpperCase() + t.slice(1); });
  hb.registerHelper('natGatewayLabel', (gw: unknown) => natGatewayLabel(gw));
  hb.registerHelper('natGatewayById', (list: unknown, id: unknown) =>
    Array.isArray(list) ? (list.find((g: Obj) => String(g?.['id']).toLowerCase() === String(id).toLowerCase()) ?? null) : null,
  );
  hb.registerHelper('asCidr', (a: unknown) => asCidr(a));
  // What the migration data says about a path whose documentation contradicts itself.
  hb.registerHelper('migrationConflict', (cluster: unknown, to: unknown) => {
    const c = (cluster ?? {}) as Obj;
    const target = canonicalOutboundType(String(to ?? ''));
    const row = rowOf(String(c['outboundType'] ?? ''), Array.isArray(c['natGateways']) ? (c['natGateways'] as Obj[]) : []);
    return (target && conflictOf(c['vnetMode'] === 'byo' ? 'byo' : 'managed', row, target)?.text) || 'the documentation conflicts';
  });
  // The planner's options for moving a cluster of `nodes` max nodes to `to`, sized for `ports` SNAT ports per node.
  hb.registerHelper('migrationArgs', (nodes: unknown, to: unknown, ports: unknown) => {
    const target = canonicalOutboundType(String(to ?? ''));
    return target ? migrationArgs(num(nodes) ?? 0, target, [], num(ports) ?? undefined).join(' ') : '';
  });
  hb.registerHelper('replacementPoolName', (name: unknown, osType: unknown) => replacementPoolName(name, osType));
  // The profile's display words for a VNet mode: the catalog says "BYO VNet", not "byo VNet".
  hb.registerHelper('vnetLabel', (mode: unknown) => (mode === 'byo' ? 'BYO' : 'managed'));
  // Frontend IPs (load balancer) or NAT gateway IPs needed to give `nodes` nodes `ports` SNAT ports each.
  hb.registerHelper('lbIpsFor', (ports: unknown, nodes: unknown) => Math.max(1, Math.ceil(((num(ports) ?? 0) * (num(nodes) ?? 0)) / SNAT_PORTS_PER_LB_FRONTEND)));
  hb.registerHelper('firewallIpsFor', (ports: unknown, nodes: unknown, instances: unknown) =>
    Math.max(1, Math.ceil(((num(ports) ?? 0) * (num(nodes) ?? 0)) / (SNAT_PORTS_PER_FIREWALL_IP * Math.max(num(instances) ?? 1, 1)))),
  );
  hb.registerHelper('natIpsFor', (ports: unknown, nodes: unknown) => Math.max(1, Math.ceil(((num(ports) ?? 0) * (num(nodes) ?? 0)) / SNAT_PORTS_PER_NAT_IP)));
  // NAT gateways giving fewer SNAT ports per node than `limit`; one with no IPv4 address gives 0 (catalog amendment of 2026-12).
  hb.registerHelper('natGatewaysBelow', (list: unknown, limit: unknown) =>
    Array.isArray(list) ? list.filter((g: Obj) => num(g?.['snatPortsPerNode']) !== null && num(limit) !== null && (g['snatPortsPerNode'] as number) < (limit as number)) : [],
  );
}

/** Nested `#each` blocks a template may have: each level multiplies the render by a list's length. */
const MAX_EACH_DEPTH = 3;

/**
 * What a template may not do, found before it ever renders: partials (none exist, so rendering
 * one fails, and they can recurse), decorators, the `log` helper (it writes to the console,
 * unfiltered and even with --quiet) and `#each` nested so deep that a render could run away.
 * Returns the first problem, with its place in the template.
 */
export function templateProblem(text: string): string | null {
  const found: string[] = [];
  const at = (n: hbs.AST.Node): string => (n.loc ? ` (template line ${n.loc.start.line}, column ${n.loc.start.column + 1})` : '');
  const walk = (node: unknown, eachDepth: number): void => {
    if (found.length || typeof node !== 'object' || node === null) return;
    const n = node as hbs.AST.Node & Record<string, unknown>;
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') return void found.push(`partials are not available in policy templates${at(n)}`);
    if (n.type === 'Decorator' || n.type === 'DecoratorBlock') return void found.push(`decorators are not available in policy templates${at(n)}`);
    let depth = eachDepth;
    if (n.type === 'MustacheStatement' || n.type === 'BlockStatement' || n.type === 'SubExpression') {
      const head = (n as unknown as hbs.AST.MustacheStatement).path as hbs.AST.PathExpression;
      if (head?.type === 'PathExpression' && head.original === 'log') return void found.push(`the log helper is not available in policy templates (it writes to the console)${at(n)}`);
      if (n.type === 'BlockStatement' && head?.original === 'each' && ++depth > MAX_EACH_DEPTH) return void found.push(`#each is nested more than ${MAX_EACH_DEPTH} deep${at(n)}`);
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'loc') Array.isArray(v) ? v.forEach((c) => walk(c, depth)) : walk(v, depth);
  };
  walk(Handlebars.parse(text), 0);
  return found[0] ?? null;
}
