/** Subscription "data platform", continued: the StandardV2 NAT gateway clusters of the catalog amendment of 2026-12. */
import { at, cluster, EUS2, ipId, natGateway, ngwId, publicIp, subnetId, vnet, Z3, type Row } from './rows.ts';

const SUB = '9b7e4d2a-61c3-4f58-a0e2-7d13c8b5f6e4';

/** managedNATGateway with natGatewayProfile.sku StandardV2 (API 2026-06-01) and IPv6 addresses: zone-redundant, passes everything. */
export function streamProd(): Row[] {
  const s = at(SUB, 'rg-stream-prod', EUS2);
  return [
    cluster({
      s, name: 'aks-stream-prod', version: '1.33.2', tags: { env: 'prod', team: 'streaming' },
      pools: [{ name: 'system', count: 3, zones: Z3 }, { name: 'stream', count: 6, max: 24, zones: Z3 }],
      network: { outboundType: 'managedNATGateway', loadBalancerSku: 'standard', ipFamilies: ['IPv4', 'IPv6'], natGatewayProfile: { sku: 'StandardV2', managedOutboundIPProfile: { count: 2, countIPv6: 1 }, idleTimeoutInMinutes: 4 } },
      api: { enablePrivateCluster: true },
    }),
  ];
}

/** The legacy preview outbound type managedNATGatewayV2: a StandardV2 managed gateway, EG018's note to move it. */
export function mlPreview(): Row[] {
  const s = at(SUB, 'rg-ml-preview', EUS2);
  return [
    cluster({
      s, name: 'aks-ml-preview', version: '1.33.2', tier: 'Free', tags: { env: 'dev', team: 'ml' },
      pools: [{ name: 'system', count: 2, zones: Z3 }, { name: 'gpu', count: 0, max: 4, zones: Z3 }],
      network: { outboundType: 'managedNATGatewayV2', loadBalancerSku: 'standard', natGatewayProfile: { managedOutboundIPProfile: { count: 1 }, idleTimeoutInMinutes: 4 } },
      api: { enablePrivateCluster: true },
    }),
  ];
}

/** userAssignedNATGateway with a StandardV2 gateway holding IPv4 and IPv6 addresses; the authorized ranges leave out the IPv6 one. */
export function edgeProd(): Row[] {
  const s = at(SUB, 'rg-edge-prod', EUS2);
  const sn = subnetId(s, 'vnet-edge-prod', 'snet-aks-nodes');
  const ngw = ngwId(s, 'ngw-edge-prod');
  return [
    cluster({
      s, name: 'aks-edge-prod', version: '1.33.2', tags: { env: 'prod', team: 'edge' },
      pools: [{ name: 'system', count: 3, zones: Z3, subnetId: sn }, { name: 'edge', count: 3, max: 12, zones: Z3, subnetId: sn }],
      network: { outboundType: 'userAssignedNATGateway', loadBalancerSku: 'standard', ipFamilies: ['IPv4', 'IPv6'] },
      api: { enablePrivateCluster: false, enableVnetIntegration: true, subnetId: subnetId(s, 'vnet-edge-prod', 'snet-aks-apiserver'), authorizedIPRanges: ['20.65.40.0/24', '203.0.113.0/24'] },
    }),
    vnet(s, 'vnet-edge-prod', ['10.120.0.0/16', 'fd00:120::/48'], [
      { name: 'snet-aks-nodes', prefix: '10.120.0.0/22', natGatewayId: ngw, defaultOutboundAccess: false },
      { name: 'snet-aks-apiserver', prefix: '10.120.4.0/28', defaultOutboundAccess: false, delegation: 'Microsoft.ContainerService/managedClusters' },
    ], { env: 'prod' }),
    natGateway(s, { name: 'ngw-edge-prod', sku: 'StandardV2', ips: [ipId(s, 'pip-ngw-edge-prod-v4')], ipsV6: [ipId(s, 'pip-ngw-edge-prod-v6')], subnets: [sn] }, { env: 'prod' }),
    publicIp(s, { name: 'pip-ngw-edge-prod-v4', address: '20.65.40.12', sku: 'StandardV2', zones: Z3, natGatewayId: ngw }),
    publicIp(s, { name: 'pip-ngw-edge-prod-v6', address: '2603:1030:40e::12', sku: 'StandardV2', zones: Z3, natGatewayId: ngw }),
  ];
}

export function standardV2(): Row[] {
  return [...streamProd(), ...mlPreview(), ...edgeProd()];
}
