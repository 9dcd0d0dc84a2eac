import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { expect, test } from 'vitest';
import { insideAny } from '../../../src/inventory/facts/cidr.ts';
import { isCidrOrAddress } from '../../../src/inventory/normalize/fields.ts';

/** ipaddr.js's generic parsers, as insideAny used them before it skipped the IPv6 attempt for IPv4 text. */
function reference(address: string, ranges: readonly string[]): boolean {
  try {
    const [addr, len] = address.includes('/') ? ipaddr.parseCIDR(address) : [ipaddr.parse(address), null];
    const ownLen = len ?? (addr.kind() === 'ipv4' ? 32 : 128);
    return ranges.some((r) => {
      try {
        const [net, netLen] = r.includes('/') ? ipaddr.parseCIDR(r) : [ipaddr.parse(r), r.includes(':') ? 128 : 32];
        return net.kind() === addr.kind() && ownLen >= netLen && addr.match(net, netLen);
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

const v4 = fc.tuple(fc.constantFrom(10, 20, 40, 198, 203), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
const v6 = fc.constantFrom('2001:db8::', '2001:db8:1::', 'fd00::', '::ffff:20.1.2.3', '2001:db8::1');
const text = fc.oneof(
  fc.tuple(fc.oneof(v4, v6), fc.option(fc.integer({ min: 0, max: 130 }), { nil: undefined })).map(([a, l]) => (l === undefined ? a : `${a}/${l}`)),
  fc.constantFrom('', 'not-an-ip', '1.2.3', '300.1.1.1/8', '::/0', '0.0.0.0/0', '20.0.0.0/8', '1.2.3.4/'),
);

test('insideAny answers as ipaddr.js generic parsers do, for IPv4, IPv6, prefixes and junk', () => {
  fc.assert(
    fc.property(text, fc.array(text, { maxLength: 5 }), (address, ranges) => {
      expect(insideAny(address, ranges)).toBe(reference(address, ranges));
      // Twice: the second answer comes from parsed ranges kept from the first.
      expect(insideAny(address, ranges)).toBe(reference(address, ranges));
    }),
    { numRuns: 2000 },
  );
});

test('isCidrOrAddress accepts exactly what ipaddr.js generic parsers accept', () => {
  const generic = (v: string): boolean => {
    try {
      if (v.includes('/')) ipaddr.parseCIDR(v);
      else ipaddr.parse(v);
      return true;
    } catch {
      return false;
    }
  };
  fc.assert(
    fc.property(fc.oneof(text, fc.string(), fc.stringMatching(/^[0-9a-fx:.\/%]{0,24}$/)), (v) => {
      expect(isCidrOrAddress(v)).toBe(generic(v));
    }),
    { numRuns: 5000 },
  );
});
