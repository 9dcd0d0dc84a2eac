import type { PoolSpec } from './arm-cluster.ts';
import type { Rng } from './prng.ts';

const USER_POOLS = ['apps', 'web', 'batch', 'jobs', 'api', 'data', 'mem', 'gpu'];
const VM_SIZES = ['Standard_D4ds_v5', 'Standard_D8ds_v5', 'Standard_D16ds_v5', 'Standard_E8ds_v5', 'Standard_F8s_v2'];
/** Autoscaler ceilings as platform teams set them: most modest, a long tail of big batch pools. */
const MAX_COUNTS: readonly (readonly [number, number])[] = [
  [10, 30],
  [20, 30],
  [50, 20],
  [100, 15],
  [200, 5],
];

export interface PoolOptions {
  zonal: boolean;
  /** One zone per pool (zone 1, 2, 3, 1, ...), for per-zone NAT gateway designs. */
  pinZones: boolean;
  windows: boolean;
  availabilitySet: boolean;
}

/** A system pool and 1-4 user pools, some autoscaling; optionally a Windows or a legacy pool. */
export function makePools(rng: Rng, o: PoolOptions): PoolSpec[] {
  const total = o.pinZones ? rng.int(3, 5) : rng.int(2, 5);
  const zones = o.zonal ? ['1', '2', '3'] : [];
  const pools: PoolSpec[] = [
    {
      name: 'system',
      os: 'Linux',
      mode: 'System',
      count: 3,
      autoscale: rng.chance(0.5) ? { min: 3, max: 5 } : null,
      zones,
      vmSize: 'Standard_D4ds_v5',
      subnetId: null,
      nodePublicIp: false,
    },
  ];
  const names = rng.shuffle([...USER_POOLS]);
  for (let i = 1; i < total; i++) {
    const count = rng.int(2, 12);
    const autoscale = rng.chance(0.6) ? { min: Math.min(rng.int(1, 3), count), max: Math.max(count, rng.weighted(MAX_COUNTS)) } : null;
    pools.push({ name: names[i - 1] ?? `pool${i}`, os: 'Linux', mode: 'User', count, autoscale, zones, vmSize: rng.pick(VM_SIZES), subnetId: null, nodePublicIp: false });
  }
  if (o.pinZones) pools.forEach((p, i) => (p.zones = [String((i % 3) + 1)]));
  const last = pools[pools.length - 1];
  if (o.windows && last) {
    // Windows pool names are at most six characters.
    last.name = 'win22';
    last.os = 'Windows';
    last.vmSize = 'Standard_D8s_v5';
  }
  const legacy = pools[1];
  if (o.availabilitySet && legacy) {
    legacy.type = 'AvailabilitySet';
    legacy.zones = [];
    legacy.autoscale = null;
  }
  return pools;
}

export const poolMaxNodes = (p: PoolSpec): number => (p.autoscale ? p.autoscale.max : p.count);
