/** ARM resource IDs in Azure's own casing (resourceGroups, providers), as ARG returns them. */
export function armId(subscriptionId: string, resourceGroup: string, provider: string, type: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${provider}/${type}/${name}`;
}

export const net = (sub: string, rg: string, type: string, name: string): string => armId(sub, rg, 'Microsoft.Network', type, name);

/** `{ "id": ... }`, the ARM sub-resource reference. */
export const ref = (id: string): { id: string } => ({ id });

/**
 * Public IPv4 addresses that never collide across an estate: each subscription owns a block of
 * 4,096 addresses in 20.0.0.0/8 (IPs) and in 40.0.0.0/8 (prefixes, /28-aligned).
 */
export class AddressPool {
  private nextIp = 0;
  private nextPrefix = 0;
  private readonly base: number;

  constructor(subscriptionIndex: number) {
    this.base = subscriptionIndex * 4096;
  }

  ip(): string {
    return dotted(20, this.base + this.nextIp++);
  }

  /** An aligned prefix of `length` bits (28 → 16 addresses). */
  prefix(length: number): string {
    const size = 2 ** (32 - length);
    this.nextPrefix = Math.ceil(this.nextPrefix / size) * size;
    const start = this.base + this.nextPrefix;
    this.nextPrefix += size;
    return `${dotted(40, start)}/${length}`;
  }
}

function dotted(first: number, n: number): string {
  return `${first}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** The AKS node resource group name: `MC_<group>_<cluster>_<location>`. */
export const nodeResourceGroup = (rg: string, cluster: string, location: string): string => `MC_${rg}_${cluster}_${location}`;
