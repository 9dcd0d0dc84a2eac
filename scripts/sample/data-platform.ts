/** Subscription "data platform": the clusters of fixtures/sample/9b7e4d2a-….json. */
import { standardV2 } from './standard-v2.ts';
import { armId, at, cluster, EUS2, ipId, natGateway, ngwId, nodeRg, publicIpPrefix, publicIp, ref, routeTable, subnetId, vnet, Z3, type Row } from './rows.ts';

export const SUB_DATA = '9b7e4d2a-61c3-4f58-a0e2-7d13c8b5f6e4';

/** none on a BYO subnet that leaves default outbound access on. */
export function ingestDev(): Row[] {
  const s = at(SUB_DATA, 'rg-ingest-dev', EUS2);
  const sn = subnetId(s, 'vnet-ingest-dev', 'snet-aks');
  return [
    cluster({
      s, name: 'aks-ingest-dev', version: '1.33.0', tier: 'Free', tags: { env: 'dev', team: 'data-ingest' },
      pools: [{ name: 'system', count: 3, subnetId: sn }, { name: 'ingest', count: 2, max: 10, subnetId: sn }],
      network: { outboundType: 'none', loadBalancerSku: 'standard' },
      api: { enablePrivateCluster: true },
    }),
    vnet(s, 'vnet-ingest-dev', ['10.70.0.0/16'], [{ name: 'snet-aks', prefix: '10.70.0.0/22' }], { env: 'dev' }),
  ];
}

/** block on the managed VNet, private. */
export function secureBatch(): Row[] {
  const s = at(SUB_DATA, 'rg-secure-batch', EUS2);
  return [
    cluster({
      s, name: 'aks-secure-batch', version: '1.33.2', tags: { env: 'prod', team: 'risk', dataClassification: 'confidential' },
      pools: [{ name: 'system', count: 3, zones: Z3 }, { name: 'batch', count: 0, max: 20, zones: Z3 }],
      network: { outboundType: 'block', loadBalancerSku: 'standard' },
      api: { enablePrivateCluster: true },
    }),
  ];
}

/** userAssignedNATGateway, BYO, dual-stack egress: a StandardV2 gateway (IPv4 IP, IPv4 and IPv6 prefixes) for 3-zone pools and a zone-1 Standard gateway for a zone-1 pool; VNet-integrated API server whose ranges cover all of it. */
export function searchProd(): Row[] {
  const s = at(SUB_DATA, 'rg-search-prod', EUS2);
  const sn = (n: string): string => subnetId(s, 'vnet-search-prod', n);
  const v2 = ngwId(s, 'ngw-search-prod');
  const z1 = ngwId(s, 'ngw-search-z1');
  const pre = (n: string): string => armId(s, 'Microsoft.Network/publicIPPrefixes', n);
  return [
    cluster({
      s, name: 'aks-search-prod', version: '1.33.2', tags: { env: 'prod', team: 'search' },
      pools: [
        { name: 'system', count: 3, max: 6, zones: Z3, subnetId: sn('snet-aks-nodes') },
        { name: 'search', vmSize: 'Standard_E16ds_v5', count: 6, max: 30, zones: Z3, subnetId: sn('snet-aks-nodes') },
        { name: 'ingest', count: 2, max: 10, zones: ['1'], subnetId: sn('snet-aks-ingest-z1') },
      ],
      network: { outboundType: 'userAssignedNATGateway', loadBalancerSku: 'standard', ipFamilies: ['IPv4', 'IPv6'] },
      api: { enablePrivateCluster: false, enableVnetIntegration: true, subnetId: sn('snet-aks-apiserver'), authorizedIPRanges: ['20.62.128.0/18', '2603:1030:20c::/48', '203.0.113.0/24'] },
    }),
    vnet(s, 'vnet-search-prod', ['10.60.0.0/16', 'fd00:60::/48'], [
      { name: 'snet-aks-nodes', prefix: '10.60.0.0/21', natGatewayId: v2, defaultOutboundAccess: false },
      { name: 'snet-aks-ingest-z1', prefix: '10.60.8.0/24', natGatewayId: z1, defaultOutboundAccess: false },
      { name: 'snet-aks-apiserver', prefix: '10.60.9.0/28', defaultOutboundAccess: false, delegation: 'Microsoft.ContainerService/managedClusters' },
    ], { env: 'prod' }),
    natGateway(s, { name: 'ngw-search-prod', sku: 'StandardV2', ips: [ipId(s, 'pip-ngw-search-prod-1')], prefixes: [pre('ippre-search-prod-v4')], prefixesV6: [pre('ippre-search-prod-v6')], subnets: [sn('snet-aks-nodes')] }, { env: 'prod' }),
    publicIp(s, { name: 'pip-ngw-search-prod-1', address: '20.62.134.10', sku: 'StandardV2', zones: Z3, natGatewayId: v2 }),
    publicIpPrefix(s, 'ippre-search-prod-v4', '20.62.140.0/30', 'StandardV2', v2),
    publicIpPrefix(s, 'ippre-search-prod-v6', '2603:1030:20c:3::/127', 'StandardV2', v2),
    natGateway(s, { name: 'ngw-search-z1', sku: 'Standard', zones: ['1'], ips: [ipId(s, 'pip-ngw-search-z1')], subnets: [sn('snet-aks-ingest-z1')] }, { env: 'prod' }),
    publicIp(s, { name: 'pip-ngw-search-z1', address: '20.62.134.22', sku: 'Standard', zones: ['1'], natGatewayId: z1 }),
  ];
}

/** userDefinedRouting, BYO: the system subnet's default route goes straight to Internet; the batch subnet has no route table. */
export function claimsProd(): Row[] {
  const s = at(SUB_DATA, 'rg-claims-prod', EUS2);
  const sn = (n: string): string => subnetId(s, 'vnet-claims-prod', n);
  const rt = armId(s, 'Microsoft.Network/routeTables', 'rt-claims-egress');
  return [
    cluster({
      s, name: 'aks-claims-prod', version: '1.32.4', tags: { env: 'prod', team: 'claims' },
      pools: [{ name: 'system', count: 3, zones: Z3, subnetId: sn('snet-aks-system') }, { name: 'batch', count: 2, max: 10, zones: Z3, subnetId: sn('snet-aks-batch') }],
      network: { outboundType: 'userDefinedRouting', loadBalancerSku: 'standard' },
      api: { enablePrivateCluster: true },
    }),
    vnet(s, 'vnet-claims-prod', ['10.80.0.0/16'], [
      { name: 'snet-aks-system', prefix: '10.80.0.0/22', routeTableId: rt, defaultOutboundAccess: false },
      { name: 'snet-aks-batch', prefix: '10.80.4.0/22', defaultOutboundAccess: false },
    ], { env: 'prod' }),
    routeTable(s, 'rt-claims-egress', [['default-internet', '0.0.0.0/0', 'Internet'], ['to-onprem', '10.0.0.0/8', 'VirtualNetworkGateway']], [sn('snet-aks-system')]),
  ];
}

/** An outbound type Azure may add one day (here managedNATGatewayV3): read as written, judged by EG001 and EG002, listed once as a warning. */
export function experimentsDev(): Row[] {
  const s = at(SUB_DATA, 'rg-experiments-dev', EUS2);
  return [
    cluster({
      s, name: 'aks-experiments-dev', version: '1.33.2', tier: 'Free', tags: { env: 'dev', team: 'platform' },
      pools: [{ name: 'system', count: 2 }],
      network: { outboundType: 'managedNATGatewayV3', loadBalancerSku: 'standard', natGatewayProfile: { managedOutboundIPProfile: { count: 1 } } },
      api: { enablePrivateCluster: true },
    }),
  ];
}

/** managedNATGateway on a BYO subnet, on Kubernetes 1.19. */
export function legacyEtl(): Row[] {
  const s = at(SUB_DATA, 'rg-legacy-etl', EUS2);
  const mc = nodeRg(s, 'aks-legacy-etl');
  const sn = subnetId(s, 'vnet-legacy-etl', 'snet-aks');
  const ip = 'a3e9c7b1-5d20-4f8e-9c36-1b7d4e0a2f58';
  return [
    cluster({
      s, name: 'aks-legacy-etl', version: '1.19.11', tier: 'Free', tags: { env: 'prod', team: 'data-eng', lifecycle: 'legacy' },
      pools: [{ name: 'system', count: 3, subnetId: sn }, { name: 'etl', count: 3, subnetId: sn }],
      network: { outboundType: 'managedNATGateway', loadBalancerSku: 'standard', natGatewayProfile: { managedOutboundIPProfile: { count: 1 }, idleTimeoutInMinutes: 4, effectiveOutboundIPs: [ref(ipId(mc, ip))] } },
      api: { enablePrivateCluster: true },
    }),
    vnet(s, 'vnet-legacy-etl', ['10.90.0.0/16'], [{ name: 'snet-aks', prefix: '10.90.0.0/22' }], { env: 'prod' }),
    natGateway(mc, { name: 'aks-nat-gateway', sku: 'Standard', ips: [ipId(mc, ip)], subnets: [] }),
    publicIp(mc, { name: ip, address: '52.167.12.80', sku: 'Standard', natGatewayId: ngwId(mc, 'aks-nat-gateway') }),
  ];
}

/** A StandardV2 NAT gateway with a Standard IP and a /28 prefix: 17 IPv4 addresses. */
export function mediaProd(): Row[] {
  const s = at(SUB_DATA, 'rg-media-prod', EUS2);
  const sn = subnetId(s, 'vnet-media-prod', 'snet-aks-nodes');
  const ngw = ngwId(s, 'ngw-media-prod');
  const pre = armId(s, 'Microsoft.Network/publicIPPrefixes', 'ippre-media-prod');
  return [
    cluster({
      s, name: 'aks-media-prod', version: '1.32.5', tags: { env: 'prod', team: 'media' },
      pools: [{ name: 'system', count: 3, zones: Z3, subnetId: sn }, { name: 'media', count: 4, max: 40, zones: Z3, subnetId: sn }],
      network: { outboundType: 'userAssignedNATGateway', loadBalancerSku: 'standard' },
      api: { enablePrivateCluster: true },
    }),
    vnet(s, 'vnet-media-prod', ['10.100.0.0/16'], [{ name: 'snet-aks-nodes', prefix: '10.100.0.0/21', natGatewayId: ngw, defaultOutboundAccess: false }], { env: 'prod' }),
    natGateway(s, { name: 'ngw-media-prod', sku: 'StandardV2', ips: [ipId(s, 'pip-ngw-media-prod-1')], prefixes: [pre], subnets: [sn] }, { env: 'prod' }),
    publicIp(s, { name: 'pip-ngw-media-prod-1', address: '20.94.17.5', sku: 'Standard', zones: Z3, natGatewayId: ngw }),
    publicIpPrefix(s, 'ippre-media-prod', '20.94.32.0/28', 'StandardV2', ngw),
  ];
}

/** A NAT gateway with no public IP, and an idle timeout outside Azure's 4-120 minutes. */
export function notifyDev(): Row[] {
  const s = at(SUB_DATA, 'rg-notify-dev', EUS2);
  const sn = subnetId(s, 'vnet-notify-dev', 'snet-aks');
  const ngw = ngwId(s, 'ngw-notify-dev');
  return [
    cluster({
      s, name: 'aks-notify-dev', version: '1.33.1', tier: 'Free', tags: { env: 'dev', team: 'notifications' },
      pools: [{ name: 'system', count: 2, subnetId: sn }, { name: 'notify', count: 2, subnetId: sn }],
      network: { outboundType: 'userAssignedNATGateway', loadBalancerSku: 'standard' },
      api: { enablePrivateCluster: true },
    }),
    vnet(s, 'vnet-notify-dev', ['10.110.0.0/16'], [{ name: 'snet-aks', prefix: '10.110.0.0/24', natGatewayId: ngw }], { env: 'dev' }),
    natGateway(s, { name: 'ngw-notify-dev', sku: 'Standard', idle: 240, subnets: [sn] }, { env: 'dev' }),
  ];
}

export function dataPlatform(): Row[] {
  return [...ingestDev(), ...secureBatch(), ...searchProd(), ...claimsProd(), ...experimentsDev(), ...legacyEtl(), ...mediaProd(), ...notifyDev(), ...standardV2()];
}
