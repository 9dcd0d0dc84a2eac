/**
 * The per-cluster facts document that policies evaluate. Kept in step with
 * `schemas/facts.schema.json` (a test validates built facts against it, with no extra properties).
 */
import type { LbCapacity } from './azure.ts';
import type { SourceRef } from '../model.ts';

export interface DefaultRouteFacts {
  /** The route's name in its route table (for `az network route-table route update --name`). */
  name: string;
  nextHopType: string | null;
  nextHopIpAddress: string | null;
}

export interface SubnetFacts {
  id: string;
  name: string;
  known: boolean;
  natGatewayId: string | null;
  routeTableId: string | null;
  /** The 0.0.0.0/0 route of the subnet's route table, or null when there is none (or no route table). */
  defaultRoute: DefaultRouteFacts | null;
  networkSecurityGroupId: string | null;
  defaultOutboundAccess: boolean | null;
  pools: string[];
  source: SourceRef | null;
}

export interface NatGatewayFacts {
  id: string;
  name: string;
  /** True for the AKS-managed NAT gateway of a managedNATGateway cluster. */
  managed: boolean;
  /** False when the gateway is only known from the cluster's natGatewayProfile. */
  known: boolean;
  sku: string;
  zones: string[];
  idleTimeoutInMinutes: number;
  publicIpIds: string[];
  publicIpPrefixIds: string[];
  /** Public IPs plus the addresses of public IP prefixes (a /28 counts 16). */
  ipCount: number;
  ipv4AddressCount: number;
  ipv6AddressCount: number;
  /** Max nodes of every pool, in any cluster of the inventory, on the subnets this gateway serves. */
  servedMaxNodes: number;
  /** 64,512 × IPv4 addresses ÷ servedMaxNodes, rounded down; null with no nodes. */
  snatPortsPerNode: number | null;
  source: SourceRef | null;
}

export interface PoolFacts {
  id: string;
  name: string;
  type: string;
  osType: string;
  mode: string | null;
  count: number;
  enableAutoScaling: boolean;
  maxNodes: number;
  zones: string[];
  enableNodePublicIp: boolean;
  disableOutboundNat: boolean | null;
  subnetId: string | null;
  /** False when the pool's subnet, or the NAT gateway or route table it names, is missing or unreliable. */
  networkKnown: boolean;
  subnet: SubnetFacts | null;
  natGateway: NatGatewayFacts | null;
  /** Pool zones with no NAT gateway in that zone serving the pool (StandardV2 covers every zone); null without a known NAT gateway. */
  zonesWithoutNatGateway: string[] | null;
  /** Pool zones outside a zonal Standard NAT gateway's zones; null unless the gateway is zonal Standard and the pool has zones. */
  zonesOutsideNatGatewayZones: string[] | null;
  source: SourceRef;
  propertyPath: string;
}

export interface EgressIpFacts {
  id: string;
  name: string;
  kind: 'publicIp' | 'publicIpPrefix';
  via: 'loadBalancer' | 'natGateway';
  natGatewayId: string | null;
  natGatewaySku: string | null;
  known: boolean;
  address: string | null;
  version: string;
  sku: string | null;
  addressCount: number;
  /** Other clusters whose egress uses this IP or prefix. */
  sharedWithClusters: string[];
  /** Used by a load balancer and a NAT gateway at once (in any cluster). */
  sharedBetweenLoadBalancerAndNatGateway: boolean;
  /** Null when the cluster has no authorized ranges or the address is not in the inventory. */
  insideAuthorizedRanges: boolean | null;
  /** Whether the SKU pairs with its NAT gateway's (Standard with Standard, StandardV2 with StandardV2); null off a NAT gateway or with no SKU known. */
  skuMatchesNatGateway: boolean | null;
  source: SourceRef | null;
}

/** The outbound load balancer; the capacity numbers (see LbCapacity in azure.ts) are documented in facts.schema.json. */
export interface LoadBalancerFacts extends LbCapacity {
  allocatedOutboundPorts: number;
  /** Where the outbound frontends come from: AKS-managed IPs, the user's public IPs, or the user's prefixes. */
  outboundIpSource: 'managed' | 'publicIps' | 'publicIpPrefixes';
  frontendIpv4Count: number;
}

export interface ApiServerFacts {
  private: boolean;
  vnetIntegration: boolean;
  authorizedIpRanges: string[];
  /** Egress IPs and prefixes (load balancer frontends, NAT gateway IPs) outside every authorized range. */
  egressOutsideAuthorizedRanges: string[];
}

export interface ClusterFacts {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string | null;
  tags: Record<string, string>;
  kubernetesVersion: string | null;
  /** major × 1000 + minor (1.20 → 1020). */
  kubernetesVersionOrdinal: number | null;
  /** Canonical spelling when recognized, else the value as found. */
  outboundType: string;
  outboundTypeRecognized: boolean;
  vnetMode: 'managed' | 'byo';
  loadBalancerSku: string;
  /** Outbound types Azure documents as in-place migrations from this one for this VNet mode. */
  migrationTargets: string[];
  maxNodes: number;
  zones: string[];
  apiServer: ApiServerFacts;
  loadBalancer: LoadBalancerFacts | null;
  pools: PoolFacts[];
  natGateways: NatGatewayFacts[];
  subnets: SubnetFacts[];
  egressIps: EgressIpFacts[];
  identity: IdentityFacts;
  /** Azure Firewalls the pools' default routes reach. */
  firewalls: FirewallFacts[];
  /** Referenced resource IDs that the inventory lacks. */
  missing: string[];
  /** Why the cluster cannot be fully evaluated (missing or unreliable resources). */
  incompleteReasons: string[];
  source: SourceRef;
}

/** The control-plane identity and, on a BYO VNet, its grants on each network resource the cluster uses. */
export interface IdentityFacts {
  kind: 'systemAssigned' | 'userAssigned' | 'servicePrincipal' | 'unknown';
  principalId: string | null;
  /** Why no resource of this cluster is judged (no role assignment in the inventory, a service principal); null when they can be. */
  notJudgedReason: string | null;
  permissions: PermissionFacts[];
}

export interface PermissionFacts {
  id: string;
  name: string;
  kind: 'subnet' | 'routeTable' | 'publicIp' | 'publicIpPrefix';
  requiredActions: string[];
  grantedActions: string[];
  /** Required actions no covering assignment of the identity grants; empty when not judged. */
  missingActions: string[];
  judged: boolean;
  notJudgedReason: string | null;
  source: SourceRef | null;
}

export interface FirewallFacts {
  id: string;
  name: string;
  /** False when the firewall's row, its subnet or that subnet's NAT gateway is missing or unreliable. */
  known: boolean;
  /** A Virtual WAN hub firewall (`hubIPAddresses`). */
  hub: boolean;
  publicIpCount: number;
  /** AzureFirewallSubnet; null for a hub firewall. */
  subnetId: string | null;
  /** The NAT gateway on AzureFirewallSubnet, which takes over the firewall's SNAT. */
  natGatewayId: string | null;
  natGatewayIpv4AddressCount: number | null;
  /** Max nodes of every pool, in any cluster, whose default route reaches the firewall. */
  servedMaxNodes: number;
  /** This cluster's pools behind the firewall. */
  pools: string[];
  source: SourceRef | null;
}
