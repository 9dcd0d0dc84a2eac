// Generated from schemas/facts.schema.json by `npm run gen:types`; edit the schema, not this file.

/**
 * What one policy evaluation sees: { params, cluster } plus, for per-subject policies, one of pool, natGateway, egressIp or subnet (taken from the cluster's lists).
 */
export interface EgressAuditEvaluationDocument {
  params: PolicyParameters;
  cluster: Cluster;
  pool?: Pool;
  natGateway?: NatGateway;
  egressIp?: EgressIp;
  subnet?: Subnet;
  permission?: Permission;
  firewall?: Firewall;
}
/**
 * The profile's parameters (every one present: a profile fills in the defaults).
 */
export interface PolicyParameters {
  /**
   * Outbound types clusters may use (EG001). Default: all seven known ones.
   *
   * @minItems 1
   */
  allowedOutboundTypes?: (
    | "loadBalancer"
    | "managedNATGateway"
    | "userAssignedNATGateway"
    | "userDefinedRouting"
    | "none"
    | "block"
    | "managedNATGatewayV2"
  )[];
  /**
   * Fewest public IP addresses a NAT gateway may have (EG009).
   */
  minNatGatewayIps?: number;
  /**
   * Longest NAT gateway TCP idle timeout allowed, in minutes (EG010).
   */
  maxIdleTimeoutMinutes?: number;
  /**
   * Fewest SNAT ports each node must get at max nodes (EG020, EG024).
   */
  minSnatPortsPerNode?: number;
  /**
   * Azure Firewall instances counted for SNAT: 2,496 ports per public IP per instance (EG024); 2 is the fewest a firewall runs.
   */
  firewallInstances?: number;
}
/**
 * One managed cluster joined with its network.
 */
export interface Cluster {
  /**
   * Managed cluster resource ID as in the input.
   */
  id: string;
  /**
   * Cluster name.
   */
  name: string;
  /**
   * Subscription ID.
   */
  subscriptionId: string;
  /**
   * Resource group.
   */
  resourceGroup: string;
  /**
   * Region.
   */
  location: string | null;
  tags: {
    [k: string]: string;
  };
  /**
   * currentKubernetesVersion, else kubernetesVersion.
   */
  kubernetesVersion: string | null;
  /**
   * major × 1000 + minor (1.20 → 1020).
   */
  kubernetesVersionOrdinal: number | null;
  /**
   * Canonical outbound type when recognized (loadBalancer when absent), else the value as found.
   */
  outboundType: string;
  outboundTypeRecognized: boolean;
  vnetMode: "managed" | "byo";
  /**
   * standard (default) or basic.
   */
  loadBalancerSku: string;
  /**
   * Targets the AKS migration table (src/plan/migrations.json) marks supported from this cluster's row for its VNet mode; managedNATGatewayV2 stands for managedNATGateway with a StandardV2 NAT gateway.
   */
  migrationTargets: string[];
  /**
   * Targets whose documentation conflicts (its table says not supported or has no entry, its command section shows how): neither supported nor unsupported.
   */
  migrationConflicts: string[];
  /**
   * Sum over pools of maxNodes.
   */
  maxNodes: number;
  /**
   * Union of the pools' zones.
   */
  zones: string[];
  apiServer: ApiServer;
  loadBalancer: LoadBalancer | null;
  pools: Pool[];
  natGateways: NatGateway[];
  subnets: Subnet[];
  egressIps: EgressIp[];
  identity: Identity;
  /**
   * Azure Firewalls the pools' default routes reach.
   */
  firewalls: Firewall[];
  /**
   * Referenced resource IDs the inventory lacks.
   */
  missing: string[];
  /**
   * Why the cluster cannot be fully evaluated.
   */
  incompleteReasons: string[];
  source: SourceRef;
}
export interface ApiServer {
  private: boolean;
  vnetIntegration: boolean;
  authorizedIpRanges: string[];
  /**
   * Egress IPs/prefixes outside every authorized range (empty without ranges).
   */
  egressOutsideAuthorizedRanges: string[];
}
/**
 * Outbound load balancer (loadBalancer outbound type only).
 */
export interface LoadBalancer {
  /**
   * 0 means Azure's default allocation.
   */
  allocatedOutboundPorts: number;
  /**
   * Where the outbound frontends come from: AKS-managed IPs (managedOutboundIPs), the user's public IPs (outboundIPs) or prefixes (outboundIPPrefixes).
   */
  outboundIpSource: "managed" | "publicIps" | "publicIpPrefixes";
  /**
   * IPv4 frontend addresses of the outbound rule.
   */
  frontendIpv4Count: number;
  /**
   * allocatedOutboundPorts × max nodes.
   */
  portsRequiredAtMaxNodes: number;
  /**
   * 64,000 × frontendIpv4Count.
   */
  portsAvailable: number;
  /**
   * portsRequiredAtMaxNodes − portsAvailable when positive, else 0: scale-out to max nodes fails when above 0.
   */
  portsShortfallAtMaxNodes: number;
  /**
   * Nodes the explicit allocation can serve: floor(portsAvailable ÷ allocatedOutboundPorts); null with the default allocation.
   */
  maxNodesSupported: number | null;
  /**
   * IPv4 frontends the explicit allocation needs at max nodes: ceil(portsRequiredAtMaxNodes ÷ 64,000); null with the default allocation.
   */
  frontendIpv4Needed: number | null;
  /**
   * Largest allocatedOutboundPorts (a multiple of 8) that fits max nodes on the current frontends; null with no nodes.
   */
  portsPerNodeThatFit: number | null;
  /**
   * allocatedOutboundPorts, or Azure's default per-node allocation at max nodes.
   */
  snatPortsPerNode: number;
}
/**
 * An agent pool.
 */
export interface Pool {
  /**
   * Agent pool resource ID (<cluster ID>/agentPools/<name>).
   */
  id: string;
  /**
   * Pool name.
   */
  name: string;
  /**
   * VirtualMachineScaleSets (default), AvailabilitySet or VirtualMachines.
   */
  type: string;
  /**
   * Linux (default) or Windows.
   */
  osType: string;
  /**
   * System, User, ...
   */
  mode: string | null;
  /**
   * Node count.
   */
  count: number;
  enableAutoScaling: boolean;
  /**
   * maxCount when autoscaling, else count.
   */
  maxNodes: number;
  /**
   * availabilityZones, sorted.
   */
  zones: string[];
  enableNodePublicIp: boolean;
  /**
   * windowsProfile.disableOutboundNat; null when absent.
   */
  disableOutboundNat: boolean | null;
  /**
   * vnetSubnetID (BYO VNet); null on the managed VNet.
   */
  subnetId: string | null;
  /**
   * False when the pool's subnet, or the NAT gateway or route table it names, is missing or unreliable.
   */
  networkKnown: boolean;
  subnet: Subnet | null;
  /**
   * The NAT gateway serving the pool (NAT gateway outbound types only).
   */
  natGateway: NatGateway | null;
  /**
   * Pool zones with no NAT gateway in that zone serving the pool (StandardV2 covers all); null without a known NAT gateway.
   */
  zonesWithoutNatGateway: string[] | null;
  /**
   * Pool zones outside a zonal Standard gateway's zones; null unless the gateway is zonal Standard and the pool has zones.
   */
  zonesOutsideNatGatewayZones: string[] | null;
  source: SourceRef;
  /**
   * Where the pool's properties stand in its row.
   */
  propertyPath: string;
}
/**
 * A node-pool subnet of the cluster.
 */
export interface Subnet {
  /**
   * Subnet resource ID.
   */
  id: string;
  /**
   * Subnet name.
   */
  name: string;
  /**
   * False when the subnet is missing from the inventory or its row is unreliable.
   */
  known: boolean;
  /**
   * NAT gateway attached to the subnet.
   */
  natGatewayId: string | null;
  /**
   * Route table attached to the subnet.
   */
  routeTableId: string | null;
  /**
   * The 0.0.0.0/0 route of the subnet's route table; null when there is none.
   */
  defaultRoute: DefaultRoute | null;
  /**
   * NSG attached to the subnet.
   */
  networkSecurityGroupId: string | null;
  /**
   * Subnet defaultOutboundAccess; null when absent (Azure then allows implicit outbound access).
   */
  defaultOutboundAccess: boolean | null;
  /**
   * Names of this cluster's pools on the subnet.
   */
  pools: string[];
  source: SourceRef | null;
}
export interface DefaultRoute {
  /**
   * The route's name in its route table.
   */
  name: string;
  /**
   * VirtualAppliance, VirtualNetworkGateway, VnetLocal, Internet or None (canonical casing).
   */
  nextHopType: string | null;
  /**
   * Next hop address for VirtualAppliance routes.
   */
  nextHopIpAddress: string | null;
}
/**
 * Where the object stands in an input file.
 */
export interface SourceRef {
  /**
   * Input file, as shown in reports.
   */
  file: string;
  /**
   * JSON path segments to the object in the file.
   */
  path: (string | number)[];
}
/**
 * A NAT gateway serving the cluster (NAT gateway outbound types only).
 */
export interface NatGateway {
  /**
   * NAT gateway resource ID (for a managed gateway known only from natGatewayProfile: <cluster ID>/natGatewayProfile).
   */
  id: string;
  /**
   * NAT gateway name.
   */
  name: string;
  /**
   * The AKS-managed NAT gateway of a managedNATGateway or managedNATGatewayV2 cluster.
   */
  managed: boolean;
  /**
   * False when only known from the cluster's natGatewayProfile.
   */
  known: boolean;
  /**
   * Standard or StandardV2 (Standard when absent).
   */
  sku: string;
  /**
   * Zones of the gateway; empty for a Standard gateway with no zone.
   */
  zones: string[];
  /**
   * TCP idle timeout (4 when absent).
   */
  idleTimeoutInMinutes: number;
  publicIpIds: string[];
  publicIpPrefixIds: string[];
  /**
   * Public IPs plus the addresses of public IP prefixes (a /28 counts 16).
   */
  ipCount: number;
  /**
   * IPv4 addresses among them (SNAT uses IPv4 only).
   */
  ipv4AddressCount: number;
  /**
   * IPv6 addresses among them (StandardV2 takes up to 16 of each family).
   */
  ipv6AddressCount: number;
  /**
   * Max nodes of every pool, in any cluster of the inventory, on the subnets the gateway serves.
   */
  servedMaxNodes: number;
  /**
   * 64,512 × IPv4 addresses ÷ servedMaxNodes, rounded down; null with no nodes.
   */
  snatPortsPerNode: number | null;
  source: SourceRef | null;
}
/**
 * A public IP or prefix the cluster's outbound path uses (load balancer frontends, NAT gateway IPs and prefixes).
 */
export interface EgressIp {
  /**
   * Public IP or prefix resource ID.
   */
  id: string;
  /**
   * Its name.
   */
  name: string;
  kind: "publicIp" | "publicIpPrefix";
  via: "loadBalancer" | "natGateway";
  /**
   * The NAT gateway it belongs to (via natGateway).
   */
  natGatewayId: string | null;
  /**
   * That gateway's SKU.
   */
  natGatewaySku: string | null;
  /**
   * False when missing from the inventory.
   */
  known: boolean;
  /**
   * The IP address or prefix CIDR.
   */
  address: string | null;
  /**
   * IPv4 or IPv6.
   */
  version: string;
  /**
   * Basic, Standard or StandardV2; null when the inventory does not say.
   */
  sku: string | null;
  /**
   * 1 for an IP; the prefix size for a prefix.
   */
  addressCount: number;
  /**
   * The NAT gateway the IP's or prefix's own row says it is attached to (properties.natGateway.id), whether or not that gateway serves a cluster.
   */
  attachedNatGatewayId: string | null;
  /**
   * Other clusters whose egress uses this IP or prefix.
   */
  sharedWithClusters: string[];
  /**
   * Used by a load balancer and a NAT gateway at once: in any cluster's egress, or on a load balancer while its own row attaches it to a NAT gateway.
   */
  sharedBetweenLoadBalancerAndNatGateway: boolean;
  /**
   * Null without authorized ranges or without a known address.
   */
  insideAuthorizedRanges: boolean | null;
  /**
   * Whether the SKU pairs with its NAT gateway's (Standard with Standard, StandardV2 with StandardV2); null off a NAT gateway or when the inventory gives no SKU.
   */
  skuMatchesNatGateway: boolean | null;
  source: SourceRef | null;
}
/**
 * The cluster's control-plane identity and its network permissions (EG023).
 */
export interface Identity {
  /**
   * The control-plane identity: identity.principalId (systemAssigned), the user-assigned identity's principalId, or a service principal (servicePrincipalProfile.clientId other than msi), whose grants the inventory cannot show.
   */
  kind: "systemAssigned" | "userAssigned" | "servicePrincipal" | "unknown";
  /**
   * The principal ID role assignments name.
   */
  principalId: string | null;
  /**
   * Why none of the cluster's permissions is judged (no role assignment in the inventory, a service principal); null when they can be.
   */
  notJudgedReason: string | null;
  /**
   * BYO VNet clusters only: each node subnet, each kubenet node-subnet route table, each load balancer outbound IP or prefix the cluster brings.
   */
  permissions: Permission[];
}
/**
 * What the cluster's identity is granted on one network resource.
 */
export interface Permission {
  /**
   * Resource ID of the subnet, route table, public IP or prefix.
   */
  id: string;
  name: string;
  kind: "subnet" | "routeTable" | "publicIp" | "publicIpPrefix";
  /**
   * Actions the identity needs on the resource (AKS service permissions).
   */
  requiredActions: string[];
  /**
   * Required actions granted by an assignment of the identity at the resource or an ancestor scope.
   */
  grantedActions: string[];
  /**
   * Required actions not granted; empty when not judged.
   */
  missingActions: string[];
  /**
   * False when the inventory cannot tell: no role assignment at all or from the resource's subscription, a service principal cluster, a role definition or management-group placement the inventory lacks.
   */
  judged: boolean;
  notJudgedReason: string | null;
  source: SourceRef | null;
}
/**
 * An Azure Firewall a pool's default route (next hop IP) reaches, and its SNAT capacity (EG024).
 */
export interface Firewall {
  /**
   * Azure Firewall resource ID.
   */
  id: string;
  name: string;
  /**
   * False when the firewall's row, its AzureFirewallSubnet or that subnet's NAT gateway is missing or unreliable.
   */
  known: boolean;
  /**
   * A Virtual WAN hub firewall (hubIPAddresses).
   */
  hub: boolean;
  /**
   * ipConfigurations with a public IP (one each), or hubIPAddresses.publicIPs.count.
   */
  publicIpCount: number;
  /**
   * AzureFirewallSubnet; null for a hub firewall.
   */
  subnetId: string | null;
  /**
   * NAT gateway on AzureFirewallSubnet; it takes over the firewall's SNAT.
   */
  natGatewayId: string | null;
  /**
   * IPv4 addresses of that NAT gateway (prefixes by size).
   */
  natGatewayIpv4AddressCount: number | null;
  /**
   * Max nodes of every pool, in any cluster and of any outbound type, whose default route reaches the firewall.
   */
  servedMaxNodes: number;
  /**
   * This cluster's pools behind the firewall.
   */
  pools: string[];
  source: SourceRef | null;
  /**
   * The profile's firewallInstances. Present in the evaluated document only: computed with the profile's firewallInstances.
   */
  firewallInstances?: number;
  /**
   * 64,512 × the NAT gateway's IPv4 addresses, else 2,496 × publicIpCount × firewallInstances. Present in the evaluated document only: computed with the profile's firewallInstances.
   */
  snatPorts?: number;
  /**
   * snatPorts ÷ servedMaxNodes, rounded down; null with no nodes. Present in the evaluated document only: computed with the profile's firewallInstances.
   */
  snatPortsPerNode?: number | null;
}
