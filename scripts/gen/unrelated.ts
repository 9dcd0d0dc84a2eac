import { net } from './ids.ts';
import { Rng, seedFor } from './prng.ts';
import { argRow, type Sub } from './rows.ts';

/**
 * Network resources no cluster uses (other workloads' public IPs and virtual networks), for
 * estates where AKS is a small part of the network: a live scan must not pay for their rows.
 * Three in four are public IPs, one a virtual network with two subnets; addresses come from
 * 30.0.0.0/8, which the clusters' own pool never uses.
 */
export function unrelatedNetwork(sub: Pick<Sub, 'id' | 'tenantId' | 'location' | 'index'>, count: number, rng: Rng): object[] {
  const rows: object[] = [];
  const rg = `rg-workloads-${sub.location}`;
  for (let i = 0; i < count; i++) {
    const n = String(i + 1).padStart(5, '0');
    if (i % 4 === 3) {
      const name = `vnet-workload-${n}`;
      const id = net(sub.id, rg, 'virtualNetworks', name);
      const subnets = ['app', 'data'].map((s, k) => ({
        id: `${id}/subnets/snet-${s}`,
        name: `snet-${s}`,
        type: 'Microsoft.Network/virtualNetworks/subnets',
        properties: { provisioningState: 'Succeeded', addressPrefix: `172.${16 + (i % 16)}.${(i >> 4) % 256}.${k * 128}/25`, privateEndpointNetworkPolicies: 'Disabled' },
      }));
      rows.push(argRow(sub as Sub, { id, name, type: 'microsoft.network/virtualnetworks', resourceGroup: rg, properties: { provisioningState: 'Succeeded', resourceGuid: rng.guid(), addressSpace: { addressPrefixes: [`172.${16 + (i % 16)}.${(i >> 4) % 256}.0/24`] }, subnets } }));
    } else {
      const name = `pip-workload-${n}`;
      const address = `30.${sub.index % 256}.${(i >> 8) % 256}.${i % 256}`;
      rows.push(argRow(sub as Sub, { id: net(sub.id, rg, 'publicIPAddresses', name), name, type: 'microsoft.network/publicipaddresses', resourceGroup: rg, sku: { name: 'Standard', tier: 'Regional' }, zones: ['1', '2', '3'], properties: { provisioningState: 'Succeeded', resourceGuid: rng.guid(), ipAddress: address, publicIPAddressVersion: 'IPv4', publicIPAllocationMethod: 'Static', idleTimeoutInMinutes: 4, ipTags: [] } }));
    }
  }
  return rows;
}

/** The same for a subscription known only by one of its rows (an estate file read back), on a stream of its own. */
export function unrelatedFor(row: Record<string, unknown>, index: number, count: number, seed: string): object[] {
  const sub = { id: String(row['subscriptionId']), tenantId: String(row['tenantId']), location: String(row['location']), index };
  return unrelatedNetwork(sub, count, new Rng(seedFor(seed, 'unrelated', index)));
}
