/**
 * A large tenant made in the test (nothing big is committed): `clusters` AKS clusters spread over
 * `subscriptions` subscriptions; every `ipEvery`-th cluster (none with 0) has a load balancer public
 * IP, so the network queries span subscriptions too.
 */
export function generateTenant(subscriptions: number, clusters: number, ipEvery = 10): { subs: string[]; rows: Record<string, unknown>[] } {
  const subs = Array.from({ length: subscriptions }, (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < clusters; i++) {
    const sub = subs[i % subscriptions]!;
    const name = `aks-${String(i).padStart(5, '0')}`;
    const rg = `rg-${i % 7}`;
    const ipId = `/subscriptions/${sub}/resourceGroups/MC_${rg}_${name}_westeurope/providers/Microsoft.Network/publicIPAddresses/lb-ip`;
    const withIp = ipEvery > 0 && i % ipEvery === 0;
    rows.push({
      id: `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`,
      name,
      type: 'microsoft.containerservice/managedclusters',
      location: 'westeurope',
      resourceGroup: rg,
      subscriptionId: sub,
      tags: { n: String(i) },
      sku: { name: 'Base', tier: 'Free' },
      zones: null,
      properties: {
        kubernetesVersion: '1.33',
        agentPoolProfiles: [{ name: 'system', count: 3, type: 'VirtualMachineScaleSets', osType: 'Linux', mode: 'System' }],
        networkProfile: { outboundType: 'loadBalancer', loadBalancerSku: 'standard', loadBalancerProfile: withIp ? { effectiveOutboundIPs: [{ id: ipId }] } : { managedOutboundIPs: { count: 1 } } },
      },
    });
    if (withIp) {
      rows.push({
        id: ipId,
        name: 'lb-ip',
        type: 'microsoft.network/publicipaddresses',
        location: 'westeurope',
        resourceGroup: `MC_${rg}_${name}_westeurope`,
        subscriptionId: sub,
        tags: {},
        sku: { name: 'Standard' },
        zones: ['1', '2', '3'],
        properties: { ipAddress: `20.${Math.floor(i / 256) % 256}.${i % 256}.1`, publicIPAddressVersion: 'IPv4' },
      });
    }
  }
  return { subs, rows };
}
