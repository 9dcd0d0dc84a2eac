import { key, type Inventory } from '../model.ts';
import { prefixSize } from './cidr.ts';

/**
 * The public addresses behind a list of public IPs and prefixes (a prefix counts by its size), and
 * how many of them are IPv4; `lack` hears of each one the inventory does not have.
 */
export function countAddresses(inv: Inventory, ipIds: readonly string[], prefixIds: readonly string[], lack: (id: string, what: string) => void): { total: number; ipv4: number } {
  let total = 0;
  let ipv4 = 0;
  for (const id of ipIds) {
    const ip = inv.publicIps.get(key(id));
    if (!ip) lack(id, 'public IP');
    total++;
    if ((ip?.version ?? (ip?.ipAddress?.includes(':') ? 'IPv6' : 'IPv4')) === 'IPv4') ipv4++;
  }
  for (const id of prefixIds) {
    const pre = inv.publicIpPrefixes.get(key(id));
    if (!pre) lack(id, 'public IP prefix');
    const size = prefixSize(pre?.ipPrefix ?? null, pre?.prefixLength ?? null, pre?.version ?? null);
    total += size;
    if ((pre?.version ?? (pre?.ipPrefix?.includes(':') ? 'IPv6' : 'IPv4')) === 'IPv4') ipv4 += size;
  }
  return { total, ipv4 };
}
