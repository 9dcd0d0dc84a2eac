import type { LoadBalancerFacts } from './types.ts';
/** Azure facts about AKS egress, from the AKS outbound-type and NAT gateway documentation. */

/**
 * The outbound types Azure documents today (catalog amendment of 2026-12): `none` is generally
 * available, `block` is in preview, and `managedNATGatewayV2` is the legacy preview spelling of
 * managedNATGateway with a StandardV2 NAT gateway.
 */
export const OUTBOUND_TYPES = ['loadBalancer', 'managedNATGateway', 'userAssignedNATGateway', 'userDefinedRouting', 'none', 'block', 'managedNATGatewayV2'] as const;
export type OutboundType = (typeof OUTBOUND_TYPES)[number];

/** Outbound types whose NAT gateway AKS creates and manages. */
export const MANAGED_NAT_GATEWAY_TYPES: readonly string[] = ['managedNATGateway', 'managedNATGatewayV2'];
export const NAT_GATEWAY_TYPES: readonly string[] = [...MANAGED_NAT_GATEWAY_TYPES, 'userAssignedNATGateway'];

/** Canonical spelling of a known outbound type (compared case-insensitively), or null. */
export function canonicalOutboundType(value: string): OutboundType | null {
  const lower = value.toLowerCase();
  return OUTBOUND_TYPES.find((t) => t.toLowerCase() === lower) ?? null;
}

/** A managed NAT gateway's SKU when the inventory has no NAT gateway resource and the profile names none. */
export function defaultManagedNatSku(outboundType: string): string {
  return outboundType === 'managedNATGatewayV2' ? 'StandardV2' : 'Standard';
}

export type VnetMode = 'managed' | 'byo';

export const SNAT_PORTS_PER_LB_FRONTEND = 64_000;
export const SNAT_PORTS_PER_NAT_IP = 64_512;
export const MAX_NAT_GATEWAY_IPS = 16;

/** Azure's default per-node SNAT allocation by backend pool size (allocatedOutboundPorts 0). */
export function defaultLbPortsPerNode(nodes: number): number {
  if (nodes <= 50) return 1024;
  if (nodes <= 100) return 512;
  if (nodes <= 200) return 256;
  if (nodes <= 400) return 128;
  if (nodes <= 800) return 64;
  return 32;
}

/** The capacity fields of the load balancer facts (schemas/facts.schema.json). */
export type LbCapacity = Pick<
  LoadBalancerFacts,
  'portsRequiredAtMaxNodes' | 'portsAvailable' | 'portsShortfallAtMaxNodes' | 'maxNodesSupported' | 'frontendIpv4Needed' | 'portsPerNodeThatFit' | 'snatPortsPerNode'
>;

/**
 * Outbound-rule SNAT arithmetic: an explicit allocation P needs P × nodes <= 64,000 × frontends,
 * and Azure takes allocatedOutboundPorts only in multiples of 8. With P = 0 Azure's default table applies.
 */
export function lbCapacity(ports: number, frontends: number, maxNodes: number): LbCapacity {
  const available = SNAT_PORTS_PER_LB_FRONTEND * frontends;
  const required = ports * maxNodes;
  return {
    portsRequiredAtMaxNodes: required,
    portsAvailable: available,
    portsShortfallAtMaxNodes: Math.max(required - available, 0),
    maxNodesSupported: ports > 0 ? Math.floor(available / ports) : null,
    frontendIpv4Needed: ports > 0 ? Math.ceil(required / SNAT_PORTS_PER_LB_FRONTEND) : null,
    portsPerNodeThatFit: maxNodes > 0 ? Math.min(Math.floor(available / maxNodes / 8) * 8, SNAT_PORTS_PER_LB_FRONTEND) : null,
    snatPortsPerNode: ports > 0 ? ports : defaultLbPortsPerNode(maxNodes),
  };
}

/** `1.20.7` → 1020: major × 1000 + minor, so that 1.9 < 1.20 compares numerically. */
export function kubernetesVersionOrdinal(version: string | null): number | null {
  const m = version === null ? null : /^v?(\d+)\.(\d+)/.exec(version.trim());
  return m ? Number(m[1]) * 1000 + Number(m[2]) : null;
}
