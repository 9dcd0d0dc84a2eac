import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, test } from 'vitest';
import { formatContext } from '../../src/report/formats.ts';
import { junit } from '../../src/report/junit.ts';
import { oneLine } from '../../src/report/text.ts';
import { ROOT, runCli, tempDir } from '../helpers/cli.ts';
import { cluster, finding, HOSTILE, largeResult, policy, POLICIES, result } from './build.ts';

interface Case {
  '@_name': string;
  '@_classname': string;
  '@_time': string;
  '@_file'?: string;
  '@_line'?: string;
  failure?: { '@_message': string; '@_type': string; '#text': string };
  error?: { '@_message': string; '@_type': string; '#text': string };
  skipped?: { '@_message': string };
}
interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  testcase?: Case[];
}
interface Doc {
  testsuites: { '@_name': string; '@_tests': string; '@_failures': string; '@_errors': string; '@_skipped': string; testsuite: Suite[] };
}

/** Parses with a real XML parser after checking well-formedness; values are kept as written. */
function parse(xml: string): Doc {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  });
  return parser.parse(xml) as Doc;
}

/** The counts a CI test tab shows must agree with the elements. */
function expectConsistent(doc: Doc): void {
  const root = doc.testsuites;
  const sum = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const s of root.testsuite) {
    const cases = s.testcase ?? [];
    const counts = { tests: cases.length, failures: cases.filter((c) => c.failure).length, errors: cases.filter((c) => c.error).length, skipped: cases.filter((c) => c.skipped).length };
    expect([s['@_tests'], s['@_failures'], s['@_errors'], s['@_skipped']].map(Number), s['@_name']).toEqual([counts.tests, counts.failures, counts.errors, counts.skipped]);
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += counts[k];
    for (const c of cases) expect(c['@_time']).toBe('0');
  }
  expect([root['@_tests'], root['@_failures'], root['@_errors'], root['@_skipped']].map(Number)).toEqual([sum.tests, sum.failures, sum.errors, sum.skipped]);
}

describe('the JUnit report of the fixture inventory', () => {
  let doc: Doc;
  beforeAll(() => {
    const out = tempDir('egress-junit-');
    const r = runCli(['scan', '-i', 'test/report/fixtures', '-f', 'junit', '--out-dir', out, '--profile', 'secure', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    doc = parse(readFileSync(path.join(out, 'egress-audit.junit.xml'), 'utf8'));
  });

  test('has one testsuite per policy and one testcase per cluster in each', () => {
    const suites = doc.testsuites.testsuite;
    const policyIds = readdirSync(path.join(ROOT, 'policies')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
    expect(suites.map((s) => s['@_name'].split(' ')[0])).toEqual(policyIds);
    for (const s of suites) expect((s.testcase ?? []).map((c) => c['@_name']).sort()).toEqual(['aks-ok (rg-apps)', 'aks-prod (rg-prod)', 'aks-win (rg-apps)']);
    expect(doc.testsuites['@_name']).toBe('egress-audit');
    expectConsistent(doc);
  });

  test('failures carry the message, the remediation and the command, and point at the file', () => {
    const failed = doc.testsuites.testsuite.flatMap((s) => (s.testcase ?? []).filter((c) => c.failure).map((c) => `${c['@_classname']} ${c['@_name']}`));
    expect(failed.sort()).toEqual([
      'EG001.outbound-type-allowed aks-ok (rg-apps)',
      'EG001.outbound-type-allowed aks-prod (rg-prod)',
      'EG001.outbound-type-allowed aks-win (rg-apps)',
      'EG003.outbound-type-prerequisites aks-prod (rg-prod)',
      'EG014.windows-outbound-nat-disabled aks-win (rg-apps)',
    ]);
    const eg003 = doc.testsuites.testsuite.find((s) => s['@_name'].startsWith('EG003 '))!.testcase!.find((c) => c.failure)!;
    expect(eg003.failure!['@_type']).toBe('high');
    expect(eg003.failure!['@_message']).toMatch(/^Cluster aks-prod does not meet the outbound-type prerequisites/);
    expect(eg003.failure!['#text']).toContain("Remediation: Upgrade the cluster's load balancer from basic to standard");
    expect(eg003.failure!['#text']).toContain('Command: az aks update --subscription 00000000-0000-0000-0000-0000000000a1 --resource-group rg-prod --name aks-prod --load-balancer-sku standard');
    expect(eg003['@_file']).toBe('test/report/fixtures/clusters.json');
    const line = readFileSync(path.join(ROOT, 'test/report/fixtures/clusters.json'), 'utf8').split('\n')[Number(eg003['@_line']) - 1];
    expect(line).toContain('"loadBalancerSku"');
  });

  test('the clusters of a profile that turns a policy off are skipped in its suite', () => {
    const eg018 = doc.testsuites.testsuite.find((s) => s['@_name'].startsWith('EG018 '))!;
    expect(eg018.testcase!.map((c) => c.skipped?.['@_message'])).toEqual(Array(3).fill('EG018 is off in profile secure'));
  });
});

describe('JUnit outcomes', () => {
  const [high, medium] = POLICIES as [ReturnType<typeof policy>, ReturnType<typeof policy>];

  test('a policy the profile turns off is skipped; an incomplete cluster errors; a suppressed finding is skipped with its justification', () => {
    const off = policy('EG905', 'info', { disabledIn: ['secure'] });
    const ok = cluster(1, { status: 'pass' });
    const secure = cluster(2, { profile: 'secure', status: 'pass' });
    const partial = cluster(3, { status: 'incomplete', incompleteReasons: ['subnet /s1 is not in the inventory'] });
    const waived = cluster(4);
    const r = result([ok, secure, partial, waived], [finding(waived, high, 0, { suppression: { policy: high.id, resource: '**', justification: 'accepted risk', expires: '2030-01-31', owner: 'net-team', file: 's.yaml', line: 2 } }), finding(partial, medium)], { policies: [high, medium, off] });
    const doc = parse(junit(r, formatContext()));
    expectConsistent(doc);
    const outcome = (s: Suite): string[] => (s.testcase ?? []).map((c) => (c.failure ? 'failure' : c.error ? 'error' : c.skipped ? 'skipped' : 'pass'));
    const [sHigh, sMedium, sOff] = doc.testsuites.testsuite as [Suite, Suite, Suite];
    expect(outcome(sHigh)).toEqual(['pass', 'pass', 'error', 'skipped']);
    expect(sHigh.testcase![3]!.skipped!['@_message']).toBe('suppressed until 2030-01-31 (net-team): accepted risk');
    expect(outcome(sMedium)).toEqual(['pass', 'pass', 'failure', 'pass']);
    expect(outcome(sOff)).toEqual(['pass', 'skipped', 'error', 'pass']);
    expect(sHigh.testcase![2]!.error!['#text']).toBe('subnet /s1 is not in the inventory');
    expect(sOff.testcase![1]!.skipped!['@_message']).toBe('EG905 is off in profile secure');
  });

  test('several findings of one policy on one cluster make one failure that lists them all', () => {
    const c = cluster(1);
    const doc = parse(junit(result([c], [finding(c, medium, 1), finding(c, medium, 2)]), formatContext()));
    const f = doc.testsuites.testsuite[1]!.testcase![0]!.failure!;
    expect(f['@_message']).toBe('Cluster aks-1 fails EG902. (and 1 more)');
    expect(f['#text'].match(/Resource: .*agentPools\/pool\d/g)).toHaveLength(2);
  });

  test('clusters of the same name and group in two subscriptions get distinct testcase names', () => {
    const a = cluster(1, { name: 'aks', resourceGroup: 'rg', subscriptionId: 'sub-a' });
    const b = cluster(2, { name: 'aks', resourceGroup: 'rg', subscriptionId: 'sub-b' });
    const doc = parse(junit(result([a, b], []), formatContext()));
    expect(doc.testsuites.testsuite[0]!.testcase!.map((c) => c['@_name'])).toEqual(['aks (rg, subscription sub-a)', 'aks (rg, subscription sub-b)']);
  });

  test('hostile names are escaped, characters XML 1.0 forbids are dropped, and the text survives', () => {
    const clusters = HOSTILE.map((name, i) => cluster(i, { name, resourceGroup: 'rg' }));
    const xml = junit(result(clusters, clusters.map((c) => finding(c, high, 0, { message: `bad ${c.name}` }))), formatContext());
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(xml).not.toContain('<img');
    const cases = parse(xml).testsuites.testsuite[0]!.testcase!;
    HOSTILE.forEach((name, i) => {
      expect(cases[i]!['@_name']).toBe(`${oneLine(name)} (rg)`);
      expect(cases[i]!.failure!['@_message']).toBe(`bad ${oneLine(name)}`);
    });
    // XML parsers read CR LF as LF.
    expect(cases[5]!.failure!['#text']).toContain('bad line1\nline2\nline3');
  });

  test('a large scan gives one testcase per policy and cluster', () => {
    const doc = parse(junit(largeResult(2_000), formatContext()));
    expect(doc.testsuites.testsuite.map((s) => s.testcase?.length)).toEqual([2_000, 2_000, 2_000, 2_000]);
    expect(Number(doc.testsuites['@_failures'])).toBe(6_000);
    expectConsistent(doc);
  });
});
