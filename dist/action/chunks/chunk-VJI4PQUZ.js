import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url); globalThis.__egressAuditBundleDir ??= decodeURIComponent(new URL(import.meta.url.includes('/chunks/') ? '..' : '.', import.meta.url).pathname);
import {
  MANAGED_NAT_GATEWAY_TYPES,
  NAT_GATEWAY_TYPES,
  SNAT_PORTS_PER_NAT_IP,
  canonicalOutboundType,
  key,
  lastSegment,
  require_ipaddr
} from "./chunk-SGRUBW3Z.js";
import {
  __toESM
} from "./chunk-GGJCHK3C.js";

// src/inventory/facts/cidr.ts
var import_ipaddr = __toESM(require_ipaddr(), 1);
function prefixSize(prefix, length, version) {
  let len = length;
  if (len === null && prefix?.includes("/")) len = Number(prefix.split("/")[1]);
  if (len === null || !Number.isFinite(len)) return 1;
  const bits = (version ?? (prefix?.includes(":") ? "IPv6" : "IPv4")) === "IPv6" ? 128 : 32;
  return 2 ** Math.min(Math.max(bits - len, 0), 30);
}
function parseCidr(text) {
  return text.includes(":") ? import_ipaddr.default.IPv6.parseCIDR(text) : import_ipaddr.default.IPv4.parseCIDR(text);
}
var rangeCache = /* @__PURE__ */ new Map();
var MAX_CACHED = 1e4;
function parsedRange(r) {
  let v = rangeCache.get(r);
  if (v !== void 0) return v;
  try {
    v = r.includes("/") ? parseCidr(r) : [import_ipaddr.default.parse(r), r.includes(":") ? 128 : 32];
  } catch {
    v = null;
  }
  if (rangeCache.size >= MAX_CACHED) rangeCache.clear();
  rangeCache.set(r, v);
  return v;
}
function insideAny(address, ranges) {
  try {
    const [addr, len] = address.includes("/") ? parseCidr(address) : [import_ipaddr.default.parse(address), null];
    const bits = addr.kind() === "ipv4" ? 32 : 128;
    const ownLen = len ?? bits;
    return ranges.some((r) => {
      const parsed = parsedRange(r);
      if (!parsed) return false;
      const [net, netLen] = parsed;
      if (net.kind() !== addr.kind()) return false;
      return ownLen >= netLen && addr.match(net, netLen);
    });
  } catch {
    return false;
  }
}

// src/inventory/facts/addresses.ts
function countAddresses(inv, ipIds, prefixIds, lack) {
  let total = 0;
  let ipv4 = 0;
  for (const id of ipIds) {
    const ip = inv.publicIps.get(key(id));
    if (!ip) lack(id, "public IP");
    total++;
    if ((ip?.version ?? (ip?.ipAddress?.includes(":") ? "IPv6" : "IPv4")) === "IPv4") ipv4++;
  }
  for (const id of prefixIds) {
    const pre = inv.publicIpPrefixes.get(key(id));
    if (!pre) lack(id, "public IP prefix");
    const size = prefixSize(pre?.ipPrefix ?? null, pre?.prefixLength ?? null, pre?.version ?? null);
    total += size;
    if ((pre?.version ?? (pre?.ipPrefix?.includes(":") ? "IPv6" : "IPv4")) === "IPv4") ipv4 += size;
  }
  return { total, ipv4 };
}

// src/inventory/facts/usage.ts
function poolMaxNodes(p) {
  return p.enableAutoScaling ? p.maxCount ?? p.count ?? 0 : p.count ?? 0;
}
function outboundOf(c) {
  const raw = c.outboundType ?? "loadBalancer";
  const known = canonicalOutboundType(raw);
  return { type: known ?? raw, recognized: known !== null };
}
function crossClusterUsage(inv) {
  const u = { natGatewayNodes: /* @__PURE__ */ new Map(), ipClusters: /* @__PURE__ */ new Map(), ipVia: /* @__PURE__ */ new Map() };
  const addIp = (id, cluster, via) => {
    const k = key(id);
    let set = u.ipClusters.get(k);
    if (!set) u.ipClusters.set(k, set = /* @__PURE__ */ new Set());
    set.add(cluster);
    let vias = u.ipVia.get(k);
    if (!vias) u.ipVia.set(k, vias = /* @__PURE__ */ new Set());
    vias.add(via);
  };
  for (const c of inv.clusters.values()) {
    const ck = key(c.id);
    const { type } = outboundOf(c);
    for (const p of c.pools) {
      const subnet = p.vnetSubnetId ? inv.subnets.get(key(p.vnetSubnetId)) : void 0;
      if (subnet?.natGatewayId) {
        const nk = key(subnet.natGatewayId);
        u.natGatewayNodes.set(nk, (u.natGatewayNodes.get(nk) ?? 0) + poolMaxNodes(p));
      }
    }
    if (type === "loadBalancer") {
      for (const id of lbIpIds(c)) addIp(id, ck, "loadBalancer");
      for (const id of c.lbOutboundIpPrefixIds) addIp(id, ck, "loadBalancer");
    } else if (NAT_GATEWAY_TYPES.includes(type)) {
      const gateways = natGatewayIdsOf(inv, c, type);
      for (const gw of gateways) {
        const g = inv.natGateways.get(key(gw));
        for (const id of [...g?.publicIpIds ?? [], ...g?.publicIpPrefixIds ?? []]) addIp(id, ck, "natGateway");
      }
      if (MANAGED_NAT_GATEWAY_TYPES.includes(type) && !gateways.length) {
        for (const id of c.natEffectiveOutboundIpIds) addIp(id, ck, "natGateway");
      }
    }
  }
  return u;
}
function lbIpIds(c) {
  const ids = c.lbEffectiveOutboundIpIds ?? [];
  const extra = c.lbOutboundIpIds.filter((id) => !ids.some((e) => key(e) === key(id)));
  return [...ids, ...extra];
}
function natGatewayIdsOf(inv, c, type) {
  const ids = /* @__PURE__ */ new Map();
  if (MANAGED_NAT_GATEWAY_TYPES.includes(type)) {
    for (const ipId of c.natEffectiveOutboundIpIds) {
      const gw = inv.publicIps.get(key(ipId))?.natGatewayId ?? inv.publicIpPrefixes.get(key(ipId))?.natGatewayId;
      if (gw) ids.set(key(gw), gw);
    }
    return [...ids.values()];
  }
  for (const p of c.pools) {
    const gw = p.vnetSubnetId ? inv.subnets.get(key(p.vnetSubnetId))?.natGatewayId : null;
    if (gw) ids.set(key(gw), gw);
  }
  return [...ids.values()];
}
function zoneCoverage(zones, gw) {
  if (gw.sku.toLowerCase() === "standardv2") return { without: [], outside: null };
  const without = zones.filter((z) => !gw.zones.includes(z));
  const zonal = gw.zones.length > 0;
  return { without, outside: zonal && zones.length ? without : null };
}

// src/inventory/facts/firewall.ts
var SNAT_PORTS_PER_FIREWALL_IP = 2496;
function firewallsByIp(firewalls) {
  const lists = /* @__PURE__ */ new Map();
  for (const fw of firewalls) {
    for (const ip of fw.privateIpAddresses) {
      const list = lists.get(ip);
      if (list) list.add(fw);
      else lists.set(ip, /* @__PURE__ */ new Set([fw]));
    }
  }
  const out = /* @__PURE__ */ new Map();
  for (const [ip, list] of lists) {
    const all = byId([...list]);
    const byVnet = /* @__PURE__ */ new Map();
    for (const fw of all) {
      for (const vnet of new Set(fw.subnetIds.map((s) => key(vnetIdOf(s) ?? "")))) {
        const at = byVnet.get(vnet);
        if (at) at.push(fw);
        else byVnet.set(vnet, [fw]);
      }
    }
    out.set(ip, { all, byVnet, hubs: all.filter((fw) => fw.hubPublicIpCount !== null) });
  }
  return out;
}
function byId(firewalls) {
  const keyed = firewalls.map((fw) => ({ fw, k: key(fw.id) }));
  keyed.sort((a, b) => a.k < b.k ? -1 : a.k > b.k ? 1 : 0);
  return keyed.map((e) => e.fw);
}
var indexes = /* @__PURE__ */ new WeakMap();
function reachOf(inv, ix, subnet) {
  const k = key(subnet.id);
  let reach = ix.reach.get(k);
  if (reach === void 0) ix.reach.set(k, reach = reachableFirewalls(inv, subnet, ix.byPrivateIp));
  return reach;
}
function indexOf(inv) {
  let ix = indexes.get(inv);
  if (ix) return ix;
  ix = { byPrivateIp: firewallsByIp(inv.firewalls.values()), nodes: /* @__PURE__ */ new Map(), reach: /* @__PURE__ */ new Map() };
  if (ix.byPrivateIp.size) {
    for (const c of inv.clusters.values()) {
      for (const p of c.pools) {
        const subnet = p.vnetSubnetId ? inv.subnets.get(key(p.vnetSubnetId)) : void 0;
        const fw = subnet ? reachOf(inv, ix, subnet)?.firewalls : void 0;
        if (fw?.length === 1) ix.nodes.set(key(fw[0].id), (ix.nodes.get(key(fw[0].id)) ?? 0) + poolMaxNodes(p));
      }
    }
  }
  indexes.set(inv, ix);
  return ix;
}
function nextHopIp(inv, subnet) {
  const route = defaultRoute(inv, subnet);
  return route?.nextHopType?.toLowerCase() === "virtualappliance" ? route.nextHopIpAddress : null;
}
function defaultRoute(inv, subnet) {
  const rt = subnet?.routeTableId ? inv.routeTables.get(key(subnet.routeTableId)) : void 0;
  return rt?.routes.find((r) => r.addressPrefix === "0.0.0.0/0");
}
function vnetIdOf(id) {
  return /^(\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.network\/virtualnetworks\/[^/]+)(?:\/|$)/i.exec(id)?.[1] ?? null;
}
function reachableFirewalls(inv, subnet, byIp) {
  const ip = nextHopIp(inv, subnet);
  const at = ip ? byIp.get(ip) : void 0;
  if (!ip || !at?.all.length) return null;
  const vnetId = vnetIdOf(subnet.id);
  const vnet = vnetId ? inv.virtualNetworks.get(key(vnetId)) : void 0;
  if (!vnetId || !vnet?.peerings || vnet.invalid) return { ip, vnetId, peeringsKnown: false, firewalls: [...at.all] };
  const near = /* @__PURE__ */ new Set([key(vnetId)]);
  for (const p of vnet.peerings) {
    if (p.remoteVirtualNetworkId && (p.state === null || p.state === "Connected")) near.add(key(p.remoteVirtualNetworkId));
  }
  const placed = /* @__PURE__ */ new Set();
  for (const v of near) for (const fw of at.byVnet.get(v) ?? []) placed.add(fw);
  return { ip, vnetId, peeringsKnown: true, firewalls: placed.size ? byId([...placed]) : [...at.hubs] };
}
function firewallFacts(inv, pools, lack, unreliable, doubt) {
  const ix = indexOf(inv);
  if (!ix.byPrivateIp.size) return [];
  const out = /* @__PURE__ */ new Map();
  const doubted = /* @__PURE__ */ new Set();
  for (const p of pools) {
    const subnet = p.subnetId ? inv.subnets.get(key(p.subnetId)) : void 0;
    const reach = subnet ? reachOf(inv, ix, subnet) : null;
    if (!subnet || !reach?.firewalls.length) continue;
    if (reach.firewalls.length > 1) {
      if (!doubted.has(key(subnet.id))) ambiguous(inv, subnet, reach, lack, unreliable, doubt);
      doubted.add(key(subnet.id));
      continue;
    }
    const fw = reach.firewalls[0];
    const have = out.get(key(fw.id));
    if (have) {
      have.pools.push(p.name);
      continue;
    }
    out.set(key(fw.id), describe(inv, fw, ix.nodes.get(key(fw.id)) ?? 0, p.name, lack, unreliable));
  }
  return [...out.values()];
}
function ambiguous(inv, subnet, reach, lack, unreliable, doubt) {
  const held = `next hop ${reach.ip} of the default route of subnet ${subnet.id} is a private IP of ${reach.firewalls.length} Azure Firewalls (${reach.firewalls.map((f) => f.id).join(", ")})`;
  if (reach.peeringsKnown) return doubt(`${held} in its VNet or VNets peered with it: which one it reaches is not known`);
  const vnet = reach.vnetId ? inv.virtualNetworks.get(key(reach.vnetId)) : void 0;
  if (reach.vnetId && !vnet) lack(reach.vnetId, "virtual network");
  else if (vnet?.invalid) unreliable(vnet.id, "virtual network");
  doubt(`${held}: the peerings of its VNet, which tell them apart, are not in the inventory`);
}
function describe(inv, fw, nodes, pool, lack, unreliable) {
  let known = !fw.invalid;
  if (fw.invalid) unreliable(fw.id, "Azure Firewall");
  let natGatewayId = null;
  let natIpv4 = null;
  for (const sid of fw.subnetIds) {
    const s = inv.subnets.get(key(sid));
    if (!s) {
      lack(sid, "firewall subnet");
      known = false;
      continue;
    }
    if (!s.natGatewayId) continue;
    natGatewayId = s.natGatewayId;
    const g = inv.natGateways.get(key(s.natGatewayId));
    if (!g || g.invalid) {
      if (g) unreliable(g.id, "NAT gateway");
      else lack(s.natGatewayId, "NAT gateway");
      known = false;
      continue;
    }
    natIpv4 = countAddresses(inv, g.publicIpIds, g.publicIpPrefixIds, lack).ipv4;
  }
  const hub = fw.hubPublicIpCount !== null;
  return {
    id: fw.id,
    name: fw.name,
    known,
    hub,
    publicIpCount: hub ? fw.hubPublicIpCount ?? 0 : fw.publicIpIds.length,
    subnetId: fw.subnetIds[0] ?? null,
    natGatewayId,
    natGatewayIpv4AddressCount: natIpv4,
    servedMaxNodes: nodes,
    pools: [pool],
    source: fw.source
  };
}
function firewallCapacity(fw, instances) {
  const ports = fw.natGatewayIpv4AddressCount !== null ? SNAT_PORTS_PER_NAT_IP * fw.natGatewayIpv4AddressCount : SNAT_PORTS_PER_FIREWALL_IP * fw.publicIpCount * instances;
  return { firewallInstances: instances, snatPorts: ports, snatPortsPerNode: fw.servedMaxNodes > 0 ? Math.floor(ports / fw.servedMaxNodes) : null };
}

// src/inventory/facts/roles.ts
var SUBNET_ACTIONS = ["Microsoft.Network/virtualNetworks/subnets/join/action", "Microsoft.Network/virtualNetworks/subnets/read"];
var ROUTE_TABLE_ACTIONS = ["Microsoft.Network/routeTables/read", "Microsoft.Network/routeTables/routes/write"];
var PUBLIC_IP_ACTIONS = ["Microsoft.Network/publicIPAddresses/join/action"];
var PUBLIC_IP_PREFIX_ACTIONS = ["Microsoft.Network/publicIPPrefixes/join/action"];
var BUILT_IN_ROLES = /* @__PURE__ */ new Map([
  ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635", { name: "Owner", permissions: [{ actions: ["*"], notActions: [] }] }],
  [
    "b24988ac-6180-42a0-ab88-20f7382dd24c",
    {
      name: "Contributor",
      permissions: [{ actions: ["*"], notActions: ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action"] }]
    }
  ],
  ["4d97b98b-1d4f-4787-a291-c67834d212e7", { name: "Network Contributor", permissions: [{ actions: ["Microsoft.Network/*"], notActions: [] }] }]
]);
var patterns = /* @__PURE__ */ new Map();
function pattern(p) {
  let re = patterns.get(p);
  if (!re) {
    re = new RegExp(`^${p.split("*").map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join(".*")}$`, "i");
    if (patterns.size < 1e4) patterns.set(p, re);
  }
  return re;
}
function grants(permissions, action) {
  return permissions.some((e) => e.actions.some((a) => pattern(a).test(action)) && !e.notActions.some((n) => pattern(n).test(action)));
}
function roleGuid(roleDefinitionId) {
  return lastSegment(roleDefinitionId).toLowerCase();
}

export {
  prefixSize,
  insideAny,
  countAddresses,
  poolMaxNodes,
  outboundOf,
  crossClusterUsage,
  lbIpIds,
  natGatewayIdsOf,
  zoneCoverage,
  SNAT_PORTS_PER_FIREWALL_IP,
  firewallsByIp,
  nextHopIp,
  defaultRoute,
  vnetIdOf,
  reachableFirewalls,
  firewallFacts,
  firewallCapacity,
  SUBNET_ACTIONS,
  ROUTE_TABLE_ACTIONS,
  PUBLIC_IP_ACTIONS,
  PUBLIC_IP_PREFIX_ACTIONS,
  BUILT_IN_ROLES,
  grants,
  roleGuid
};
