import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, test } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import { readDocument } from '../../../src/json/read.ts';
import { exitCode } from '../../../src/scan/result.ts';
import { tempDir } from '../../helpers/cli.ts';
import { corpus } from '../hostile/helpers.ts';
import { runPipeline, type PipelineRun } from './pipeline.ts';

type Seg = string | number;

const dir = tempDir('egress-property-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One valid row of every kind the scan reads: the base each case mutates. */
const BASE = JSON.parse(readFileSync(corpus('accepted', 'every-kind.json'), 'utf8')) as unknown[];
const IDS = BASE.map((r) => (r as { id: string }).id);

function pathsOf(v: unknown, at: Seg[] = [], out: Seg[][] = []): Seg[][] {
  if (at.length) out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}
const PATHS = pathsOf(BASE).filter((p) => p.length > 1);
const CONTAINERS = [...BASE.map((_, i) => [i]), ...PATHS].filter((p) => {
  const v = valueAt(BASE, p);
  return typeof v === 'object' && v !== null && !Array.isArray(v);
});

/** Keys the reader looks for, and the keys that must stay plain data. */
const KEYS = [
  'id', 'type', 'name', 'properties', 'tags', 'zones', 'sku', 'location', 'resourceGroup', 'subscriptionId', 'agentPoolProfiles', 'networkProfile',
  'loadBalancerProfile', 'natGatewayProfile', 'apiServerAccessProfile', 'authorizedIPRanges', 'outboundType', 'loadBalancerSku', 'allocatedOutboundPorts',
  'managedOutboundIPs', 'count', 'effectiveOutboundIPs', 'outboundIPs', 'publicIPs', 'outboundIPPrefixes', 'publicIPPrefixes', 'managedOutboundIPProfile',
  'idleTimeoutInMinutes', 'enablePrivateCluster', 'enableVnetIntegration', 'kubernetesVersion', 'currentKubernetesVersion', 'mode', 'osType', 'minCount',
  'maxCount', 'enableAutoScaling', 'availabilityZones', 'enableNodePublicIP', 'windowsProfile', 'disableOutboundNat', 'vnetSubnetID', 'subnets',
  'addressPrefix', 'natGateway', 'routeTable', 'networkSecurityGroup', 'defaultOutboundAccess', 'publicIpAddresses', 'publicIpPrefixes', 'ipAddress',
  'publicIPAddressVersion', 'ipPrefix', 'prefixLength', 'routes', 'nextHopType', 'nextHopIpAddress', 'securityRules', '__proto__', 'constructor', 'prototype',
];

const special = fc.constantFrom<unknown>(
  null, -1, -0, 0, 1.5, 1e308, 2 ** 53, '', '0.0.0.0/0', '10.0.0.0/33', '2001:db8::/129', 'Windows', 'StandardV2', 'userAssignedNATGateway',
  'managedNATGateway', 'userDefinedRouting', 'none', 'block', '__proto__', 'x'.repeat(5000), '\u001b[31m', [], {}, [{ id: 'x' }], [null], { id: null },
);
const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), special, fc.constantFrom(...IDS), fc.constantFrom(...IDS).map((id) => [{ id }]));

type Injection = { kind: 'replace'; path: Seg[]; value: unknown } | { kind: 'add'; at: Seg[]; key: string; value: unknown } | { kind: 'row'; index: number; value: unknown };
const injection: fc.Arbitrary<Injection> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), path: fc.constantFrom(...PATHS), value }),
  fc.record({ kind: fc.constant('add' as const), at: fc.constantFrom(...CONTAINERS), key: fc.constantFrom(...KEYS), value }),
  fc.record({ kind: fc.constant('row' as const), index: fc.nat(BASE.length), value }),
);

function valueAt(root: unknown, path: readonly Seg[]): unknown {
  let node = root;
  for (const seg of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<Seg, unknown>)[seg];
  }
  return node;
}

/** Sets a value in place; defineProperty, so a "__proto__" key is an own property as JSON.parse makes it. */
function setAt(root: unknown, path: readonly Seg[], v: unknown): void {
  const parent = valueAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (last === undefined || typeof parent !== 'object' || parent === null || Array.isArray(parent) !== (typeof last === 'number')) return;
  Object.defineProperty(parent, last, { value: v, enumerable: true, writable: true, configurable: true });
}

function mutate(injections: Injection[]): unknown[] {
  const rows = structuredClone(BASE);
  for (const i of injections) {
    if (i.kind === 'replace') setAt(rows, i.path, i.value);
    else if (i.kind === 'add') setAt(rows, [...i.at, i.key], i.value);
    else rows.splice(i.index, 0, i.value);
  }
  return rows;
}

/** Every formatter output must parse as its format; formats added later get a parser here. */
const PARSERS: Record<string, (s: string) => void> = {
  json: (s) => JSON.parse(s),
  sarif: (s) => JSON.parse(s),
  junit: (s) => expect(XMLValidator.validate(s)).toBe(true),
};

let n = 0;
async function scanText(text: string, profile: 'baseline' | 'secure'): Promise<PipelineRun> {
  const file = path.join(dir, `case-${n++}.json`);
  writeFileSync(file, text);
  return runPipeline(await readDocument(file), profile);
}

function checkRun({ result, outputs }: PipelineRun): void {
  for (const [format, out] of Object.entries(outputs)) {
    expect(typeof out).toBe('string');
    PARSERS[format]?.(out);
  }
  expect(JSON.parse(outputs.json)).toEqual(JSON.parse(JSON.stringify(result)));
  // An incomplete scan is never green, and a passing cluster has nothing missing.
  const incomplete = result.errors.length > 0 || result.summary.notEvaluated > 0;
  expect(exitCode(result, false) === 2).toBe(incomplete);
  for (const c of result.clusters) expect(c.status === 'incomplete').toBe(c.incompleteReasons.length > 0);
  for (const e of result.errors) {
    expect(e.message.length).toBeLessThan(1200);
    if (e.code === 'invalid-field') expect([typeof e.file, typeof e.path, typeof e.expected, typeof e.found]).toEqual(['string', 'string', 'string', 'string']);
  }
}

describe('arbitrary JSON anywhere in a row never crashes the reader, facts, evaluator or formatters', () => {
  test('values injected into valid rows, new keys, whole rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(injection, { minLength: 1, maxLength: 4 }), fc.boolean(), async (injections, secure) => {
        checkRun(await scanText(JSON.stringify(mutate(injections), null, 1), secure ? 'secure' : 'baseline'));
      }),
      { numRuns: 150 },
    );
  });

  test('any JSON document is rows, or an InputError naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (doc) => {
        try {
          checkRun(await scanText(JSON.stringify(doc), 'secure'));
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as Error).message).toMatch(/^\S+case-\d+\.json:\d+:\d+: /);
        }
      }),
      { numRuns: 100 },
    );
  });
});
