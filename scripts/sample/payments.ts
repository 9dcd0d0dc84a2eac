/** Subscription "payments": the clusters of fixtures/sample/3f2c6b1e-….json. */
import { armId, at, cluster, ipId, lbFrontend, natGateway, ngwId, nodeRg, nsg, publicIp, ref, routeTable, subnetId, vnet, vnetId, WE, Z3, type Row } from './rows.ts';

export const SUB_PAYMENTS = '3f2c6b1e-8a41-4d0e-9b7a-2c51e0f4a7d1';

/** loadBalancer, managed VNet, zonal, VNet-integrated API server whose ranges cover both egress IPs: passes everything. */
export function paymentsProd(): Row[] {
  const s = at(SUB_PAYMENTS, 'rg-payments-prod', WE);
  const mc = nodeRg(s, 'aks-payments-prod');
  const ips = [
    ['5d0c1e7a-2f43-4b9e-8c61-3a7f9e2d4b10', '20.31.218.44'],
    ['9a4b7c2e-1d58-4f3a-b6e0-7c2d9f1a8e35', '20.31.218.71'],
  ] as const;
  return [
    cluster({
      s, name: 'aks-payments-prod', version: '1.32.5', tags: { env: 'prod', team: 'payments', costCenter: 'CC-1042' },
      pools: [{ name: 'system', count: 3, max: 5, zones: Z3 }, { name: 'payments', vmSize: 'Standard_D8ds_v5', count: 3, max: 20, zones: Z3 }],
      network: {
        outboundType: 'loadBalancer', loadBalancerSku: 'standard',
        // AKS reports these with a lower-cased "resourcegroups": IDs compare case-insensitively.
        loadBalancerProfile: { managedOutboundIPs: { count: 2 }, allocatedOutboundPorts: 2048, idleTimeoutInMinutes: 30, backendPoolType: 'nodeIPConfiguration', effectiveOutboundIPs: ips.map(([n]) => ref(ipId(mc, n).replace('/resourceGroups/', '/resourcegroups/'))) },
      },
      api: { enablePrivateCluster: false, enableVnetIntegration: true, authorizedIPRanges: ['20.31.218.44/32', '20.31.218.71/32', '198.51.100.0/24'] },
    }),
    ...ips.map(([n, a]) => publicIp(mc, { name: n, address: a, sku: 'Standard', zones: Z3, lbFrontendId: lbFrontend(mc, n) }, { 'aks-managed-type': 'managedOutboundIPs' })),
  ];
}

/** userAssignedNATGateway, BYO: one zone-1 Standard NAT gateway with one IP for three 3-zone pools (80 max nodes), a Windows pool with OutboundNAT on. */
export function ordersProd(): Row[] {
  const s = at(SUB_PAYMENTS, 'rg-orders-prod', WE);
  const sn = (n: string): string => subnetId(s, 'vnet-orders-prod', n);
  const ngw = ngwId(s, 'ngw-orders-prod');
  const nsgId = armId(s, 'Microsoft.Network/networkSecurityGroups', 'nsg-aks-orders');
  const subnets = ['snet-aks-system', 'snet-aks-user', 'snet-aks-win'];
  return [
    cluster({
      s, name: 'aks-orders-prod', version: '1.31.8', tags: { env: 'prod', team: 'orders', costCenter: 'CC-1042' },
      pools: [
        { name: 'system', count: 3, max: 5, zones: Z3, subnetId: sn('snet-aks-system') },
        { name: 'orders', count: 6, max: 60, zones: Z3, subnetId: sn('snet-aks-user') },
        { name: 'npwin', os: 'Windows', count: 2, max: 15, zones: Z3, subnetId: sn('snet-aks-win') },
      ],
      network: { outboundType: 'userAssignedNATGateway', loadBalancerSku: 'standard' },
      api: { enablePrivateCluster: true },
    }),
    vnet(s, 'vnet-orders-prod', ['10.20.0.0/16'], [
      { name: 'snet-aks-system', prefix: '10.20.0.0/22', natGatewayId: ngw, nsgId },
      { name: 'snet-aks-user', prefix: '10.20.4.0/22', natGatewayId: ngw, nsgId },
      { name: 'snet-aks-win', prefix: '10.20.8.0/24', natGatewayId: ngw, nsgId },
    ], { env: 'prod' }),
    nsg(s, 'nsg-aks-orders', subnets.map(sn)),
    natGateway(s, { name: 'ngw-orders-prod', sku: 'Standard', zones: ['1'], ips: [ipId(s, 'pip-ngw-orders-prod-1')], subnets: subnets.map(sn) }, { env: 'prod' }),
    publicIp(s, { name: 'pip-ngw-orders-prod-1', address: '20.105.40.18', sku: 'Standard', zones: ['1'], natGatewayId: ngw }),
  ];
}

/** userDefinedRouting, BYO: default route to the hub firewall, private subnets, Windows pool with OutboundNAT off, VNet-integrated API server. */
export function ledgerProd(): Row[] {
  const s = at(SUB_PAYMENTS, 'rg-ledger-prod', 'northeurope');
  const sn = (n: string): string => subnetId(s, 'vnet-ledger-prod', n);
  const rt = armId(s, 'Microsoft.Network/routeTables', 'rt-ledger-egress');
  const nsgId = armId(s, 'Microsoft.Network/networkSecurityGroups', 'nsg-aks-ledger');
  return [
    cluster({
      s, name: 'aks-ledger-prod', version: '1.33.1', tags: { env: 'prod', team: 'ledger', compliance: 'pci-dss' },
      pools: [
        { name: 'system', count: 3, zones: Z3, subnetId: sn('snet-aks-nodes') },
        { name: 'ledger', count: 3, max: 12, zones: Z3, subnetId: sn('snet-aks-nodes') },
        { name: 'win22', os: 'Windows', count: 2, max: 6, zones: Z3, subnetId: sn('snet-aks-win'), disableOutboundNat: true },
      ],
      network: { outboundType: 'userDefinedRouting', loadBalancerSku: 'standard' },
      api: { enablePrivateCluster: false, enableVnetIntegration: true, subnetId: sn('snet-aks-apiserver') },
    }),
    vnet(s, 'vnet-ledger-prod', ['10.30.0.0/16'], [
      { name: 'snet-aks-nodes', prefix: '10.30.0.0/22', routeTableId: rt, nsgId, defaultOutboundAccess: false },
      { name: 'snet-aks-win', prefix: '10.30.4.0/24', routeTableId: rt, nsgId, defaultOutboundAccess: false },
      { name: 'snet-aks-apiserver', prefix: '10.30.8.0/28', defaultOutboundAccess: false, delegation: 'Microsoft.ContainerService/managedClusters' },
    ], { env: 'prod' }, [vnetId(at(SUB_PAYMENTS, 'rg-hub-neu', 'northeurope'), 'vnet-hub-neu')]),
    nsg(s, 'nsg-aks-ledger', [sn('snet-aks-nodes'), sn('snet-aks-win')]),
    routeTable(s, 'rt-ledger-egress', [['default-to-firewall', '0.0.0.0/0', 'VirtualAppliance', '10.0.1.4'], ['to-hub', '10.0.0.0/16', 'VirtualAppliance', '10.0.1.4']], [sn('snet-aks-nodes'), sn('snet-aks-win')]),
  ];
}

/** managedNATGateway on the managed VNet with 3-zone pools: the managed gateway is one no-zone Standard gateway. */
export function analyticsProd(): Row[] {
  const s = at(SUB_PAYMENTS, 'rg-analytics-prod', WE);
  const mc = nodeRg(s, 'aks-analytics-prod');
  const ngw = ngwId(mc, 'aks-nat-gateway');
  const ips = [
    ['c1f0a9e3-6b2d-4e57-8a14-0d9c3b7e5f21', '20.76.201.12'],
    ['e7b3d5a1-9c48-4f06-b2e9-5a1c7d3f8b64', '20.76.201.45'],
  ] as const;
  return [
    cluster({
      s, name: 'aks-analytics-prod', version: '1.32.3', tags: { env: 'prod', team: 'analytics' },
      pools: [{ name: 'system', count: 3, zones: Z3 }, { name: 'spark', vmSize: 'Standard_E8ds_v5', count: 3, max: 27, zones: Z3 }],
      network: { outboundType: 'managedNATGateway', loadBalancerSku: 'standard', natGatewayProfile: { managedOutboundIPProfile: { count: 2 }, idleTimeoutInMinutes: 10, effectiveOutboundIPs: ips.map(([n]) => ref(ipId(mc, n))) } },
      api: { enablePrivateCluster: true },
    }),
    natGateway(mc, { name: 'aks-nat-gateway', sku: 'Standard', idle: 10, ips: ips.map(([n]) => ipId(mc, n)), subnets: [] }),
    ...ips.map(([n, a]) => publicIp(mc, { name: n, address: a, sku: 'Standard', natGatewayId: ngw })),
  ];
}

/** Legacy loadBalancer: Basic LB and an availability-set pool, 4,000 ports × 40 nodes on one IP, Windows OutboundNAT off, ranges missing its egress IP. */
export function reportingLegacy(): Row[] {
  const s = at(SUB_PAYMENTS, 'rg-reporting', WE);
  const mc = nodeRg(s, 'aks-reporting-legacy');
  const ip = ipId(s, 'pip-reporting-egress');
  return [
    cluster({
      s, name: 'aks-reporting-legacy', version: '1.31.2', tier: 'Free', tags: { env: 'prod', team: 'bi', lifecycle: 'legacy' },
      pools: [
        { name: 'system', type: 'AvailabilitySet', count: 3 },
        { name: 'reports', count: 5, max: 30 },
        { name: 'winrep', os: 'Windows', count: 2, max: 7, disableOutboundNat: true },
      ],
      network: { outboundType: 'loadBalancer', loadBalancerSku: 'basic', loadBalancerProfile: { outboundIPs: { publicIPs: [ref(ip)] }, allocatedOutboundPorts: 4000, effectiveOutboundIPs: [ref(ip)] } },
      api: { enablePrivateCluster: false, authorizedIPRanges: ['198.51.100.0/24', '203.0.113.64/26'] },
    }),
    publicIp(s, { name: 'pip-reporting-egress', address: '51.124.73.200', sku: 'Basic', lbFrontendId: lbFrontend(mc, 'pip-reporting-egress') }, { env: 'prod' }),
  ];
}

/** loadBalancer whose outbound IP is the reporting cluster's. */
export function internalTools(): Row[] {
  const s = at(SUB_PAYMENTS, 'rg-internal-tools', WE);
  const ip = ipId(at(SUB_PAYMENTS, 'rg-reporting', WE), 'pip-reporting-egress');
  return [
    cluster({
      s, name: 'aks-internal-tools', version: '1.32.5', tags: { env: 'internal', team: 'platform' },
      pools: [{ name: 'system', count: 2 }, { name: 'tools', count: 4 }],
      network: { outboundType: 'loadBalancer', loadBalancerSku: 'standard', loadBalancerProfile: { outboundIPs: { publicIPs: [ref(ip)] }, effectiveOutboundIPs: [ref(ip)] } },
      api: { enablePrivateCluster: true },
    }),
  ];
}
