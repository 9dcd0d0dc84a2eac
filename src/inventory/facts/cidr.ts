import ipaddr from 'ipaddr.js';

/** Addresses in a public IP prefix: 2^(bits − length), capped at 2^30 so that an IPv6 /64 stays a number. */
export function prefixSize(prefix: string | null, length: number | null, version: string | null): number {
  let len = length;
  if (len === null && prefix?.includes('/')) len = Number(prefix.split('/')[1]);
  if (len === null || !Number.isFinite(len)) return 1;
  const bits = (version ?? (prefix?.includes(':') ? 'IPv6' : 'IPv4')) === 'IPv6' ? 128 : 32;
  return 2 ** Math.min(Math.max(bits - len, 0), 30);
}

type Parsed = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * ipaddr.parseCIDR tries IPv6 first and throws for every IPv4 text; only IPv6 has colons, so the
 * family is known up front (same result, no exception per call on the scan's hot path).
 */
function parseCidr(text: string): Parsed {
  return text.includes(':') ? ipaddr.IPv6.parseCIDR(text) : ipaddr.IPv4.parseCIDR(text);
}

/** Authorized ranges repeat across clusters (corporate ranges): each text is parsed once. */
const rangeCache = new Map<string, Parsed | null>();
const MAX_CACHED = 10_000;

function parsedRange(r: string): Parsed | null {
  let v = rangeCache.get(r);
  if (v !== undefined) return v;
  try {
    v = r.includes('/') ? parseCidr(r) : [ipaddr.parse(r), r.includes(':') ? 128 : 32];
  } catch {
    v = null;
  }
  if (rangeCache.size >= MAX_CACHED) rangeCache.clear();
  rangeCache.set(r, v);
  return v;
}

/**
 * Whether an address or CIDR lies wholly inside any of the ranges (IPv4 and IPv6, with ipaddr.js).
 * A prefix counts as inside only when the range contains all of it; families never match each other.
 */
export function insideAny(address: string, ranges: readonly string[]): boolean {
  try {
    const [addr, len] = address.includes('/') ? parseCidr(address) : [ipaddr.parse(address), null];
    const bits = addr.kind() === 'ipv4' ? 32 : 128;
    const ownLen = len ?? bits;
    return ranges.some((r) => {
      const parsed = parsedRange(r);
      if (!parsed) return false;
      const [net, netLen] = parsed;
      if (net.kind() !== addr.kind()) return false;
      return ownLen >= netLen && addr.match(net, netLen);
    });
  } catch {
    return false;
  }
}
