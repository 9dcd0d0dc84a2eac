import type { Rng } from './prng.ts';
import type { Sub } from './rows.ts';

/** Rows come out grouped by type, as an export that runs one query per resource type writes them. */
const ROW_ORDER = [
  'microsoft.containerservice/managedclusters',
  'microsoft.network/virtualnetworks',
  'microsoft.network/networksecuritygroups',
  'microsoft.network/routetables',
  'microsoft.network/natgateways',
  'microsoft.network/publicipaddresses',
  'microsoft.network/publicipprefixes',
  'microsoft.compute/virtualmachines',
  'microsoft.compute/disks',
];

/** An address the cluster's egress leaves from (a public IP as /32, or a prefix). */
export interface EgressAddress {
  id: string;
  cidr: string;
}

/** What the clusters of one subscription share: its rows, resource groups and shared egress IPs. */
export class SubscriptionContext {
  readonly sub: Sub;
  readonly rng: Rng;
  readonly clusterRgs: string[];
  readonly networkRg: string;
  readonly sharedIps = new Map<number, EgressAddress>();
  private readonly buckets = new Map<string, object[]>();

  constructor(sub: Sub, rng: Rng) {
    this.sub = sub;
    this.rng = rng;
    const groups = rng.int(3, 8);
    this.clusterRgs = Array.from({ length: groups }, (_, i) => `rg-aks-${sub.env}-${sub.location}-${String(i + 1).padStart(2, '0')}`);
    this.networkRg = `rg-network-${sub.env}-${sub.location}`;
  }

  emit(row: object): void {
    const type = (row as { type: string }).type;
    let bucket = this.buckets.get(type);
    if (!bucket) this.buckets.set(type, (bucket = []));
    bucket.push(row);
  }

  rows(): object[] {
    const out: object[] = [];
    for (const type of ROW_ORDER) out.push(...(this.buckets.get(type) ?? []));
    for (const [type, rows] of this.buckets) if (!ROW_ORDER.includes(type)) out.push(...rows);
    return out;
  }
}
