/**
 * Subscription "payments", continued: the hub firewalls that UDR clusters route through, the role
 * assignments of the clusters' identities (authorizationresources rows), and a kubenet cluster
 * whose identity cannot write its routes behind a firewall with too few SNAT ports.
 */
import { armId, at, cluster, ipId, natGateway, ngwId, publicIp, routeTable, row, SAMPLE_PRINCIPAL, subnetId, TENANT, vnet, vnetId, WE, type Row, type Scope } from './rows.ts';
import { SUB_PAYMENTS } from './payments.ts';

const NETWORK_CONTRIBUTOR = '4d97b98b-1d4f-4787-a291-c67834d212e7';
const KUBENET_ROLE = '6b1e0c9d-2f47-4a3b-8e15-c9d07a2f4b18';
const CHECKOUT_PRINCIPAL = 'd3a85f0c-7e21-4b69-9c4d-1f6e2b8a0c57';

export interface HubOptions {
  /** A NAT gateway with this public address on AzureFirewallSubnet. */
  nat?: { address: string };
  /** The spoke VNets peered with the hub. */
  peers?: string[];
}

/** A hub VNet with AzureFirewallSubnet and an Azure Firewall with one public IP; optionally a NAT gateway on that subnet. */
export function hub(s: Scope, name: string, space: string, firewallIp: string, publicAddress: string, { nat, peers = [] }: HubOptions = {}): Row[] {
  const vnetName = `vnet-hub-${name}`;
  const fwSubnet = subnetId(s, vnetName, 'AzureFirewallSubnet');
  const ngw = ngwId(s, `ngw-hub-${name}`);
  const fwId = armId(s, 'Microsoft.Network/azureFirewalls', `fw-hub-${name}`);
  const rows: Row[] = [
    vnet(s, vnetName, [space], [{ name: 'AzureFirewallSubnet', prefix: firewallIp.replace(/\.\d+$/, '.0/26'), ...(nat ? { natGatewayId: ngw } : {}) }], { env: 'prod', role: 'hub' }, peers),
    row(fwId, `fw-hub-${name}`, 'microsoft.network/azurefirewalls', s, {
      provisioningState: 'Succeeded',
      sku: { name: 'AZFW_VNet', tier: 'Standard' },
      threatIntelMode: 'Alert',
      ipConfigurations: [{
        name: 'fw-config',
        id: `${fwId}/azureFirewallIpConfigurations/fw-config`,
        properties: { provisioningState: 'Succeeded', privateIPAddress: firewallIp, publicIPAddress: { id: ipId(s, `pip-fw-hub-${name}`) }, subnet: { id: fwSubnet } },
      }],
      applicationRuleCollections: [],
      natRuleCollections: [],
      networkRuleCollections: [],
    }, { zones: ['1', '2', '3'], tags: { env: 'prod', role: 'hub' } }),
    publicIp(s, { name: `pip-fw-hub-${name}`, address: publicAddress, sku: 'Standard', zones: ['1', '2', '3'] }),
  ];
  if (nat) {
    rows.push(
      natGateway(s, { name: `ngw-hub-${name}`, sku: 'StandardV2', ips: [ipId(s, `pip-ngw-hub-${name}`)], subnets: [fwSubnet] }, { env: 'prod', role: 'hub' }),
      publicIp(s, { name: `pip-ngw-hub-${name}`, address: nat.address, sku: 'StandardV2', natGatewayId: ngw }),
    );
  }
  return rows;
}

const HUB_NEU = at(SUB_PAYMENTS, 'rg-hub-neu', 'northeurope');
const HUB_WEU = at(SUB_PAYMENTS, 'rg-hub-weu', WE);
const CHECKOUT = at(SUB_PAYMENTS, 'rg-checkout-prod', WE);

/**
 * The North Europe hub, which aks-ledger-prod routes to (10.0.1.4), hands SNAT to a NAT gateway on
 * its firewall subnet; the West Europe hub's firewall has one public IP of its own.
 */
export function hubFirewalls(): Row[] {
  return [
    ...hub(HUB_NEU, 'neu', '10.0.0.0/16', '10.0.1.4', '20.67.100.4', { nat: { address: '20.67.100.9' }, peers: [vnetId(at(SUB_PAYMENTS, 'rg-ledger-prod', 'northeurope'), 'vnet-ledger-prod')] }),
    ...hub(HUB_WEU, 'weu', '10.40.0.0/16', '10.40.1.4', '20.76.150.4', { peers: [vnetId(CHECKOUT, 'vnet-checkout-prod')] }),
  ];
}

/** userDefinedRouting with kubenet, BYO: a user-assigned identity without routes/write, 63 max nodes behind a firewall with one public IP. */
export function checkoutProd(): Row[] {
  const s = CHECKOUT;
  const sn = subnetId(s, 'vnet-checkout-prod', 'snet-aks-nodes');
  const rt = armId(s, 'Microsoft.Network/routeTables', 'rt-checkout-egress');
  const uai = armId(at(SUB_PAYMENTS, 'rg-identity', WE), 'Microsoft.ManagedIdentity/userAssignedIdentities', 'id-aks-checkout');
  return [
    cluster({
      s, name: 'aks-checkout-prod', version: '1.33.1', tags: { env: 'prod', team: 'checkout', costCenter: 'CC-1042' },
      pools: [{ name: 'system', count: 3, subnetId: sn }, { name: 'checkout', count: 6, max: 60, subnetId: sn }],
      network: { outboundType: 'userDefinedRouting', loadBalancerSku: 'standard', networkPlugin: 'kubenet', networkPluginMode: undefined, networkPolicy: 'calico', networkDataplane: undefined },
      api: { enablePrivateCluster: true },
      identity: { type: 'UserAssigned', principalId: null, tenantId: TENANT, userAssignedIdentities: { [uai]: { principalId: CHECKOUT_PRINCIPAL, clientId: '8c2f5a71-4d09-4e3b-a6f8-0b7d1e9c3a25' } } },
    }),
    vnet(s, 'vnet-checkout-prod', ['10.41.0.0/16'], [{ name: 'snet-aks-nodes', prefix: '10.41.0.0/22', routeTableId: rt, defaultOutboundAccess: false }], { env: 'prod' }, [vnetId(HUB_WEU, 'vnet-hub-weu')]),
    routeTable(s, 'rt-checkout-egress', [['default-to-firewall', '0.0.0.0/0', 'VirtualAppliance', '10.40.1.4']], [sn]),
  ];
}

/** authorizationresources rows: Network Contributor on the subscription for the shared identity, a custom kubenet role for checkout's. */
export function paymentsAuthorization(): Row[] {
  const assignment = (guid: string, scope: string, principal: string, role: string): Row => ({
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${guid}`,
    name: guid,
    type: 'microsoft.authorization/roleassignments',
    tenantId: TENANT,
    kind: '',
    location: '',
    resourceGroup: /\/resourceGroups\/([^/]+)/i.exec(scope)?.[1] ?? '',
    subscriptionId: SUB_PAYMENTS,
    managedBy: '',
    sku: null,
    plan: null,
    properties: {
      roleDefinitionId: `/subscriptions/${SUB_PAYMENTS}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
      principalId: principal,
      principalType: 'ServicePrincipal',
      scope,
      createdOn: '2026-06-02T08:15:00.0000000Z',
      updatedOn: '2026-06-02T08:15:00.0000000Z',
      createdBy: 'f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f',
      updatedBy: 'f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f',
      condition: null,
      conditionVersion: null,
    },
    tags: null,
    identity: null,
    zones: null,
    extendedLocation: null,
  });
  return [
    assignment('a1c4e7f0-3b6d-4902-8c5e-7f1a4d8b2e63', `/subscriptions/${SUB_PAYMENTS}`, SAMPLE_PRINCIPAL, NETWORK_CONTRIBUTOR),
    assignment('b8d2f5a9-6c1e-4073-9d4b-2e8f6a0c3d71', `/subscriptions/${SUB_PAYMENTS}/resourceGroups/rg-checkout-prod`, CHECKOUT_PRINCIPAL, KUBENET_ROLE),
    {
      id: `/subscriptions/${SUB_PAYMENTS}/providers/Microsoft.Authorization/RoleDefinitions/${KUBENET_ROLE}`,
      name: KUBENET_ROLE,
      type: 'microsoft.authorization/roledefinitions',
      tenantId: TENANT,
      kind: '',
      location: '',
      resourceGroup: '',
      subscriptionId: SUB_PAYMENTS,
      managedBy: '',
      sku: null,
      plan: null,
      properties: {
        roleName: 'AKS kubenet network (checkout)',
        type: 'CustomRole',
        description: 'Join checkout nodes to their subnet and read its route table',
        assignableScopes: [`/subscriptions/${SUB_PAYMENTS}/resourceGroups/rg-checkout-prod`],
        permissions: [{ actions: ['Microsoft.Network/virtualNetworks/subnets/join/action', 'Microsoft.Network/virtualNetworks/subnets/read', 'Microsoft.Network/routeTables/read'], notActions: [], dataActions: [], notDataActions: [] }],
        createdOn: '2026-06-02T08:10:00.0000000Z',
        updatedOn: '2026-06-02T08:10:00.0000000Z',
      },
      tags: null,
      identity: null,
      zones: null,
      extendedLocation: null,
    },
  ];
}
