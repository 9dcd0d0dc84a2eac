import { expect, test } from 'vitest';
import { defaultLbPortsPerNode, lbCapacity } from '../../../src/inventory/facts/azure.ts';
import { insideAny, prefixSize } from '../../../src/inventory/facts/cidr.ts';

test('CIDR containment covers IPv4 and IPv6, and a prefix must lie wholly inside a range', () => {
  expect(insideAny('20.10.9.1', ['20.10.9.0/24'])).toBe(true);
  expect(insideAny('20.10.9.1', ['20.10.9.1'])).toBe(true);
  expect(insideAny('20.10.1.0/30', ['20.10.1.0/31'])).toBe(false);
  expect(insideAny('20.10.1.0/30', ['20.10.0.0/16'])).toBe(true);
  expect(insideAny('2603:1020:203::/127', ['2603:1020:203::/48'])).toBe(true);
  expect(insideAny('2603:1020:203::/127', ['20.0.0.0/8'])).toBe(false);
  expect(insideAny('20.10.9.1', ['::/0'])).toBe(false);
  expect(insideAny('not-an-ip', ['0.0.0.0/0'])).toBe(false);
});

test('prefixes count by size; IPv6 sizes stay finite', () => {
  expect(prefixSize('20.10.2.0/28', null, 'IPv4')).toBe(16);
  expect(prefixSize('2603:1020:203::/124', 124, 'IPv6')).toBe(16);
  expect(prefixSize('2603:1020:203::/64', null, null)).toBe(2 ** 30);
});

test('load balancer capacity: explicit allocation against 64,000 ports per frontend', () => {
  expect(lbCapacity(4000, 1, 40)).toEqual({
    portsRequiredAtMaxNodes: 160_000,
    portsAvailable: 64_000,
    portsShortfallAtMaxNodes: 96_000,
    maxNodesSupported: 16,
    frontendIpv4Needed: 3,
    portsPerNodeThatFit: 1600,
    snatPortsPerNode: 4000,
  });
  const dflt = lbCapacity(0, 2, 120);
  expect([dflt.portsShortfallAtMaxNodes, dflt.maxNodesSupported, dflt.frontendIpv4Needed, dflt.snatPortsPerNode]).toEqual([0, null, null, 256]);
  expect(lbCapacity(1024, 1, 0).portsPerNodeThatFit).toBeNull();
  // Never above a single frontend's ports, and always a multiple of 8.
  expect(lbCapacity(0, 4, 3).portsPerNodeThatFit).toBe(64_000);
  expect(lbCapacity(0, 1, 70).portsPerNodeThatFit).toBe(912);
});

test("Azure's default per-node allocation table, with its last row above 1,000 nodes", () => {
  expect([1, 50, 51, 100, 101, 200, 201, 400, 401, 800, 801, 1000, 5000].map(defaultLbPortsPerNode)).toEqual([
    1024, 1024, 512, 512, 256, 256, 128, 128, 64, 64, 32, 32, 32,
  ]);
});
