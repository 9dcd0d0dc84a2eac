/** Where a resource (or an embedded part of one) stands in an input file. */
export interface SourceRef {
  file: string;
  /** JSON path segments from the document root to the object. */
  path: (string | number)[];
}

interface Base {
  /** ARM resource ID exactly as it appears in the input. */
  id: string;
  name: string;
  source: SourceRef;
  /** True when the row had shape errors: clusters that use it are incomplete. */
  invalid: boolean;
}

export interface AgentPool {
  name: string;
  source: SourceRef;
  /** Property path prefix of this pool inside its row, e.g. `properties.agentPoolProfiles[1]` or `properties`. */
  propertyPath: string;
  type: string | null;
  osType: string | null;
  mode: string | null;
  count: number | null;
  enableAutoScaling: boolean | null;
  minCount: number | null;
  maxCount: number | null;
  availabilityZones: string[] | null;
  enableNodePublicIp: boolean | null;
  disableOutboundNat: boolean | null;
  vnetSubnetId: string | null;
}

export interface Cluster extends Base {
  subscriptionId: string;
  resourceGroup: string;
  location: string | null;
  tags: Record<string, string>;
  kubernetesVersion: string | null;
  currentKubernetesVersion: string | null;
  outboundType: string | null;
  loadBalancerSku: string | null;
  allocatedOutboundPorts: number | null;
  lbManagedOutboundIpCount: number | null;
  lbEffectiveOutboundIpIds: string[] | null;
  lbOutboundIpIds: string[];
  lbOutboundIpPrefixIds: string[];
  natManagedOutboundIpCount: number | null;
  /** `managedOutboundIPProfile.countIPv6`: IPv6 addresses of a StandardV2 managed NAT gateway. */
  natManagedOutboundIpv6Count: number | null;
  natIdleTimeoutInMinutes: number | null;
  natEffectiveOutboundIpIds: string[];
  natSku: string | null;
  enablePrivateCluster: boolean | null;
  enableVnetIntegration: boolean | null;
  authorizedIpRanges: string[];
  pools: AgentPool[];
  identity: ClusterIdentity;
  networkPlugin: string | null;
}

export interface Subnet extends Base {
  addressPrefix: string | null;
  natGatewayId: string | null;
  routeTableId: string | null;
  networkSecurityGroupId: string | null;
  defaultOutboundAccess: boolean | null;
}

export interface VirtualNetworkPeering {
  remoteVirtualNetworkId: string | null;
  /** `peeringState`: only Connected carries traffic (Initiated and Disconnected do not). */
  state: string | null;
}

export interface VirtualNetwork extends Base {
  /** `virtualNetworkPeerings`; null when the row does not list them, so they are unknown. */
  peerings: VirtualNetworkPeering[] | null;
}

export interface NatGateway extends Base {
  sku: string | null;
  zones: string[];
  idleTimeoutInMinutes: number | null;
  publicIpIds: string[];
  publicIpPrefixIds: string[];
}

export interface PublicIp extends Base {
  sku: string | null;
  ipAddress: string | null;
  version: string | null;
  natGatewayId: string | null;
  zones: string[];
}

export interface PublicIpPrefix extends Base {
  sku: string | null;
  ipPrefix: string | null;
  prefixLength: number | null;
  version: string | null;
  natGatewayId: string | null;
}

export interface Route {
  name: string;
  addressPrefix: string | null;
  nextHopType: string | null;
  nextHopIpAddress: string | null;
}

export interface RouteTable extends Base {
  routes: Route[];
}

export interface NetworkSecurityGroup extends Base {
  ruleCount: number;
}

export type ResourceKind =
  | 'cluster'
  | 'agentPool'
  | 'virtualNetwork'
  | 'subnet'
  | 'natGateway'
  | 'publicIp'
  | 'publicIpPrefix'
  | 'routeTable'
  | 'networkSecurityGroup'
  | 'roleAssignment'
  | 'roleDefinition'
  | 'subscription'
  | 'firewall';

export const TYPE_KINDS: ReadonlyMap<string, ResourceKind> = new Map([
  ['microsoft.containerservice/managedclusters', 'cluster'],
  ['microsoft.containerservice/managedclusters/agentpools', 'agentPool'],
  ['microsoft.network/virtualnetworks', 'virtualNetwork'],
  ['microsoft.network/virtualnetworks/subnets', 'subnet'],
  ['microsoft.network/natgateways', 'natGateway'],
  ['microsoft.network/publicipaddresses', 'publicIp'],
  ['microsoft.network/publicipprefixes', 'publicIpPrefix'],
  ['microsoft.network/routetables', 'routeTable'],
  ['microsoft.network/networksecuritygroups', 'networkSecurityGroup'],
  ['microsoft.authorization/roleassignments', 'roleAssignment'],
  ['microsoft.authorization/roledefinitions', 'roleDefinition'],
  ['microsoft.resources/subscriptions', 'subscription'],
  ['microsoft.network/azurefirewalls', 'firewall'],
]);

/** The normalized inventory, keyed by lower-cased resource ID. */
export interface Inventory {
  clusters: Map<string, Cluster>;
  virtualNetworks: Map<string, VirtualNetwork>;
  subnets: Map<string, Subnet>;
  natGateways: Map<string, NatGateway>;
  publicIps: Map<string, PublicIp>;
  publicIpPrefixes: Map<string, PublicIpPrefix>;
  routeTables: Map<string, RouteTable>;
  networkSecurityGroups: Map<string, NetworkSecurityGroup>;
  roleAssignments: Map<string, RoleAssignment>;
  roleDefinitions: Map<string, RoleDefinition>;
  /** `resourcecontainers` subscription rows, keyed by lower-cased subscription ID (not resource ID). */
  subscriptions: Map<string, SubscriptionContainer>;
  firewalls: Map<string, Firewall>;
  /** IDs of rows refused outright (shape errors too severe to keep), so references to them are explained. */
  refused: Map<string, string>;
  counts: Record<string, number>;
  ignoredTypes: Record<string, number>;
}

export const key = (id: string): string => id.toLowerCase();

export interface ClusterIdentity {
  /** `identity.type` as found (SystemAssigned, UserAssigned, None), or null. */
  type: string | null;
  /** `identity.principalId`: the system-assigned identity. */
  principalId: string | null;
  /** The principalId of each entry of `identity.userAssignedIdentities`. */
  userAssignedPrincipalIds: string[];
  /** `servicePrincipalProfile.clientId`: `msi` on managed-identity clusters. */
  servicePrincipalClientId: string | null;
}

export interface RoleAssignment extends Base {
  principalId: string | null;
  principalType: string | null;
  roleDefinitionId: string | null;
  /** The assignment's scope; read from the assignment ID when the row lacks it. */
  scope: string | null;
}

export interface RolePermission {
  actions: string[];
  notActions: string[];
}

export interface RoleDefinition extends Base {
  roleName: string | null;
  /** BuiltInRole or CustomRole. */
  roleType: string | null;
  permissions: RolePermission[];
}

export interface SubscriptionContainer extends Base {
  subscriptionId: string;
  /** Names of the management groups above the subscription (`managementGroupAncestorsChain`). */
  managementGroups: string[];
}

export interface Firewall extends Base {
  skuName: string | null;
  /** `ipConfigurations[].properties.privateIPAddress`, plus `hubIPAddresses.privateIPAddress`. */
  privateIpAddresses: string[];
  /** One per `ipConfigurations[].properties.publicIPAddress`. */
  publicIpIds: string[];
  /** `hubIPAddresses.publicIPs.count` for a Virtual WAN hub firewall; null otherwise. */
  hubPublicIpCount: number | null;
  /** Subnets of the IP configurations (AzureFirewallSubnet). */
  subnetIds: string[];
}
