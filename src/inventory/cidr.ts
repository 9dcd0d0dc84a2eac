import ipaddr from 'ipaddr.js';

/** Addresses in a public IP prefix: 2^(bits − length), capped at 2^30 so that an IPv6 /64 stays a number. */
export function prefixSize(prefix: string | null, length: number | null, version: string | null): number {
  let len = length;
  if (len === null && prefix?.includes('/')) len = Number(prefix.split('/')[1]);
  if (len === null || !Number.isFinite(len)) return 1;
  const bits = (version ?? (prefix?.includes(':') ? 'IPv6' : 'IPv4')) === 'IPv6' ? 128 : 32;
  return 2 ** Math.min(Math.max(bits - len, 0), 30);
}

/**
 * Whether an address or CIDR lies wholly inside any of the ranges (IPv4 and IPv6, with ipaddr.js).
 * A prefix counts as inside only when the range contains all of it; families never match each other.
 */
export function insideAny(address: string, ranges: readonly string[]): boolean {
  try {
    const [addr, len] = address.includes('/') ? ipaddr.parseCIDR(address) : [ipaddr.parse(address), null];
    const bits = addr.kind() === 'ipv4' ? 32 : 128;
    const ownLen = len ?? bits;
    return ranges.some((r) => {
      try {
        const [net, netLen] = r.includes('/') ? ipaddr.parseCIDR(r) : [ipaddr.parse(r), r.includes(':') ? 128 : 32];
        if (net.kind() !== addr.kind()) return false;
        return ownLen >= netLen && addr.match(net, netLen);
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}
