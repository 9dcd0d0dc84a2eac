import type { Rng } from './prng.ts';

export type Archetype = 'loadBalancer' | 'managedNATGateway' | 'userAssignedNATGateway' | 'userDefinedRouting' | 'none' | 'block' | 'unrecognized';

/**
 * Outbound types in every 50 clusters. loadBalancer, the default, dominates; NAT gateways and UDR
 * through a hub firewall are common in enterprises; the preview types are rare; one cluster in 50
 * still carries a value from an old preview (managedNATGatewayV2).
 */
const DECK: Readonly<Record<Archetype, number>> = {
  loadBalancer: 21,
  managedNATGateway: 7,
  userAssignedNATGateway: 8,
  userDefinedRouting: 10,
  none: 2,
  block: 1,
  unrecognized: 1,
};

/**
 * Misconfigurations injected on purpose, each the cause of one policy's findings, with its share of
 * the clusters it can apply to. Policies not listed (EG001, EG002, EG011, EG016, EG018, EG020,
 * EG022) fail through the ordinary spread of settings: preview and unrecognized types, single-zone
 * NAT gateways, public API servers, large node pools, subnets that keep default outbound access.
 * EG014 has both: half of all Windows pools keep OutboundNAT, and some clusters are made to. EG023
 * and EG024 come from hub.ts: one cluster identity without its role, one firewall without a NAT gateway.
 */
export const DEFECTS = {
  legacyPool: { policy: 'EG003', rate: 0.03, on: ['loadBalancer'] },
  managedNatByo: { policy: 'EG004', rate: 0.08, on: ['managedNATGateway'] },
  subnetWithoutNat: { policy: 'EG005', rate: 0.08, on: ['userAssignedNATGateway'] },
  noDefaultRoute: { policy: 'EG006', rate: 0.06, on: ['userDefinedRouting'] },
  routeToGateway: { policy: 'EG007', rate: 0.08, on: ['userDefinedRouting'] },
  oldKubernetes: { policy: 'EG008', rate: 0.02, on: ['managedNATGateway', 'userAssignedNATGateway'] },
  tooManyNatIps: { policy: 'EG009', rate: 0.04, on: ['userAssignedNATGateway'] },
  longIdleTimeout: { policy: 'EG010', rate: 0.02, on: ['managedNATGateway', 'userAssignedNATGateway'] },
  natZoneMismatch: { policy: 'EG012', rate: 0.06, on: ['userAssignedNATGateway'] },
  ipSkuMismatch: { policy: 'EG013', rate: 0.04, on: ['userAssignedNATGateway'] },
  windowsOutboundNat: { policy: 'EG014', rate: 0.02, on: ['managedNATGateway', 'userAssignedNATGateway', 'userDefinedRouting'] },
  windowsNatOnLb: { policy: 'EG015', rate: 0.02, on: ['loadBalancer'] },
  rangesMissEgress: { policy: 'EG017', rate: 0.05, on: ['loadBalancer', 'managedNATGateway', 'userAssignedNATGateway'] },
  portOvercommit: { policy: 'EG019', rate: 0.03, on: ['loadBalancer'] },
  sharedEgressIp: { policy: 'EG021', rate: 0.04, on: ['loadBalancer'] },
} as const satisfies Record<string, { policy: string; rate: number; on: readonly Archetype[] }>;

export type Defect = keyof typeof DEFECTS;

export interface ClusterPlan {
  index: number;
  archetype: Archetype;
  defects: Set<Defect>;
  /** Clusters with the same group number send their egress through one shared public IP. */
  shareGroup: number | null;
}

/**
 * Chooses each cluster's outbound type and misconfigurations. Counts follow the rates; the first
 * subscription of an estate carries at least one of every defect, so even a small estate has a
 * finding for every policy.
 */
export function planSubscription(rng: Rng, clusters: number, first: boolean): ClusterPlan[] {
  const deck: Archetype[] = [];
  for (const [type, n] of Object.entries(DECK) as [Archetype, number][]) for (let i = 0; i < n; i++) deck.push(type);
  rng.shuffle(deck);
  const plans: ClusterPlan[] = [];
  for (let i = 0; i < clusters; i++) plans.push({ index: i, archetype: deck[i % deck.length] as Archetype, defects: new Set(), shareGroup: null });

  let groups = 0;
  for (const [name, d] of Object.entries(DEFECTS) as [Defect, (typeof DEFECTS)[Defect]][]) {
    const candidates = plans.filter((p) => (d.on as readonly Archetype[]).includes(p.archetype));
    if (!candidates.length) continue;
    let count = rng.round(d.rate * candidates.length);
    if (first) count = Math.max(count, 1);
    // Clusters without a defect first, so that findings spread over many clusters.
    const order = [...rng.shuffle(candidates.filter((p) => p.defects.size === 0)), ...rng.shuffle(candidates.filter((p) => p.defects.size > 0))];
    if (name === 'sharedEgressIp') {
      for (let k = 0; k < count && order.length >= 2; k++) {
        const pair = order.splice(0, 2);
        for (const p of pair) {
          p.defects.add(name);
          p.shareGroup = groups;
        }
        groups++;
      }
      continue;
    }
    for (const p of order.slice(0, count)) p.defects.add(name);
  }
  return plans;
}
