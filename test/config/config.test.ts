import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { globMatch, profileAssignment } from '../../src/config/assign.ts';
import { readConfig, resolveProfiles } from '../../src/config/config.ts';
import { OUTBOUND_TYPES } from '../../src/inventory/facts/azure.ts';
import type { ClusterFacts } from '../../src/inventory/facts/types.ts';
import { DEFAULT_PARAMS } from '../../src/policy/types.ts';
import { ROOT, tempDir } from '../helpers/cli.ts';

const IDS = ['EG001', 'EG003', 'EG011', 'EG014', 'EG016', 'EG018', 'EG022'];

async function configFrom(value: unknown | string) {
  const dir = tempDir();
  const file = path.join(dir, 'egress-audit.config.json');
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return { dir, file, config: await readConfig(file) };
}

async function problemsOf(value: unknown | string): Promise<string[]> {
  try {
    const { config } = await configFrom(value);
    resolveProfiles(config, IDS);
  } catch (err) {
    return (err as Error).message.split('\n').slice(1).map((l) => l.trim());
  }
  return [];
}

const cluster = (over: Partial<ClusterFacts>): ClusterFacts =>
  ({ id: '/subscriptions/s/resourceGroups/rg/providers/x/managedClusters/c', name: 'c', subscriptionId: 'sub-a', resourceGroup: 'rg-app', tags: {}, ...over }) as ClusterFacts;

describe('reading the configuration file', () => {
  test('no --config and no ./egress-audit.config.json: no configuration', async () => {
    expect(await readConfig(undefined, tempDir())).toBeNull();
  });

  test('./egress-audit.config.json is found in the working directory', async () => {
    const { dir } = await configFrom({ defaultProfile: 'secure' });
    expect((await readConfig(undefined, dir))?.value.defaultProfile).toBe('secure');
  });

  test('a JSON syntax error names file, line and column; exit-2 InputError', async () => {
    await expect(configFrom('{\n  "defaultProfile": "secure",\n  "assign": [}\n')).rejects.toThrow(/egress-audit\.config\.json:3:\d+: invalid JSON/);
    await expect(configFrom('{}').then(() => readConfig('/nonexistent/x.json'))).rejects.toMatchObject({ name: 'InputError', message: expect.stringMatching(/x\.json: cannot read: ENOENT/) });
  });

  test('every schema violation is listed with its line and JSON path', async () => {
    const text = JSON.stringify(
      {
        defaultProfile: 'no spaces allowed',
        assign: [{ profile: 'secure', subscriptions: ['*'] }, { profile: 'secure' }, { profile: 'secure', tags: { env: 'prod' }, cluster: 'x' }],
        profiles: {
          baseline: { params: { minNatGatewayIps: 17, maxIdleTimeoutMinutes: 3, allowedOutboundTypes: ['loadbalancer'], minSnatPorts: 1 } },
          secure: { policies: { EG016: { severity: 'critical' }, eg1: { enabled: false }, EG022: {} } },
        },
        extra: true,
      },
      null,
      2,
    );
    const problems = await problemsOf(text);
    const lines = text.split('\n');
    const lineOf = (needle: string): number => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`:${lineOf('"defaultProfile"')}:\\d+: /defaultProfile: must match pattern`)),
        expect.stringMatching(/: \/assign\/1: must have at least one of: subscriptions, resourceGroups, tags$/),
        expect.stringMatching(new RegExp(`:${lineOf('"cluster"')}:\\d+: /assign/2/cluster: unknown property "cluster"`)),
        expect.stringMatching(/\/profiles\/baseline\/params\/minNatGatewayIps: must be <= 16/),
        expect.stringMatching(/\/profiles\/baseline\/params\/maxIdleTimeoutMinutes: must be >= 4/),
        expect.stringMatching(/\/profiles\/baseline\/params\/allowedOutboundTypes\/0: must be one of: loadBalancer, managedNATGateway/),
        expect.stringMatching(/\/profiles\/baseline\/params\/minSnatPorts: unknown property/),
        expect.stringMatching(/\/profiles\/secure\/policies\/EG016\/severity: must be one of: high, medium, low, info/),
        expect.stringMatching(new RegExp(`:${lineOf('"eg1"')}:\\d+: /profiles/secure/policies/eg1: invalid name "eg1"`)),
        expect.stringMatching(/\/profiles\/secure\/policies\/EG022: must NOT have fewer than 1 properties/),
        expect.stringMatching(/: \/extra: unknown property "extra"/),
      ]),
    );
    expect(problems).toHaveLength(11);
  });

  test('unknown profile names and policy IDs, extends cycles: all listed at once', async () => {
    const problems = await problemsOf({
      defaultProfile: 'strict',
      assign: [{ profile: 'secure', resourceGroups: ['rg-*'] }, { profile: 'secur', resourceGroups: ['x'] }],
      profiles: {
        a: { extends: 'b' },
        b: { extends: 'a' },
        c: { extends: 'nope' },
        secure: { extends: 'baseline', policies: { EG099: { enabled: false } } },
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/defaultProfile: unknown profile "strict"; known: baseline, secure, a, b, c/),
        expect.stringMatching(/\/assign\/1\/profile: unknown profile "secur"/),
        expect.stringMatching(/\/profiles\/[ab]\/extends: profiles extend each other in a cycle: (a → b → a|b → a → b)/),
        expect.stringMatching(/\/profiles\/c\/extends: unknown profile "nope"/),
        expect.stringMatching(/\/profiles\/secure\/extends: the built-in profile secure cannot extend another/),
        expect.stringMatching(/\/profiles\/secure\/policies\/EG099: unknown policy EG099; loaded policies: EG001/),
      ]),
    );
    expect(problems).toHaveLength(6);
  });
});

describe('profiles', () => {
  test('a configuration adjusts a built-in profile and defines new ones that extend others', async () => {
    const { config } = await configFrom({
      profiles: {
        baseline: { policies: { EG016: { enabled: false } }, params: { minSnatPortsPerNode: 2048 } },
        strict: { extends: 'secure', policies: { EG001: { severity: 'medium' }, EG016: { severity: 'medium' } }, params: { minNatGatewayIps: 2 } },
        plain: {},
      },
    });
    const profiles = resolveProfiles(config, IDS);
    expect([...profiles.keys()]).toEqual(['baseline', 'secure', 'strict', 'plain']);
    expect(profiles.get('baseline')?.params.minSnatPortsPerNode).toBe(2048);
    expect(profiles.get('baseline')?.policies.EG016).toEqual({ enabled: false });
    const strict = profiles.get('strict');
    expect(strict?.params).toMatchObject({ allowedOutboundTypes: ['block', 'none'], minNatGatewayIps: 2, minSnatPortsPerNode: 1024 });
    expect(strict?.policies).toMatchObject({ EG001: { severity: 'medium' }, EG016: { severity: 'medium' }, EG018: { enabled: false } });
    // A new profile extends baseline, as the configuration adjusts it.
    expect(profiles.get('plain')?.params.minSnatPortsPerNode).toBe(2048);
    expect(profiles.get('plain')?.policies.EG016).toEqual({ enabled: false });
  });
});

describe('assignment', () => {
  test('globs are whole-value and case-insensitive', () => {
    expect(globMatch('rg-pay*', 'RG-PAYMENTS')).toBe(true);
    expect(globMatch('rg-pay*', 'x-rg-payments')).toBe(false);
    expect(globMatch('rg-?', 'rg-1')).toBe(true);
    expect(globMatch('rg.1', 'rgx1')).toBe(false);
  });

  test('first matching rule wins, a rule needs every criterion it names, then the default', async () => {
    const { config } = await configFrom({
      defaultProfile: 'secure',
      assign: [
        { profile: 'baseline', subscriptions: ['sub-a'], tags: { Egress: 'open*' } },
        { profile: 'secure', resourceGroups: ['rg-pay*', 'rg-card'] },
        { profile: 'baseline', subscriptions: ['sub-*'] },
      ],
    });
    const a = profileAssignment(config, resolveProfiles(config, IDS));
    expect(a.profileFor(cluster({ tags: { egress: 'Open-internet' } }))).toMatchObject({
      profile: { name: 'baseline' },
      reason: 'config assign[0]: subscription sub-a, tag egress=Open-internet (open*) matched',
    });
    expect(a.profileFor(cluster({ resourceGroup: 'RG-PAYMENTS' }))).toMatchObject({ profile: { name: 'secure' }, reason: 'config assign[1]: resource group RG-PAYMENTS (rg-pay*) matched' });
    expect(a.profileFor(cluster({ subscriptionId: 'sub-b', resourceGroup: 'rg-card' })).reason).toBe('config assign[1]: resource group rg-card matched');
    expect(a.profileFor(cluster({ subscriptionId: 'sub-b' })).reason).toBe('config assign[2]: subscription sub-b (sub-*) matched');
    expect(a.profileFor(cluster({ subscriptionId: 'other' }))).toMatchObject({ profile: { name: 'secure' }, reason: expect.stringMatching(/^default profile \(.*egress-audit\.config\.json defaultProfile\)$/) });
  });

  test('--profile overrides every rule; no configuration means baseline', async () => {
    const { config } = await configFrom({ assign: [{ profile: 'secure', subscriptions: ['*'] }] });
    const profiles = resolveProfiles(config, IDS);
    expect(profileAssignment(config, profiles, 'baseline').profileFor(cluster({}))).toMatchObject({ profile: { name: 'baseline' }, reason: '--profile option' });
    expect(profileAssignment(config, profiles).profileFor(cluster({}))).toMatchObject({ profile: { name: 'secure' } });
    expect(profileAssignment(null, resolveProfiles(null, IDS)).profileFor(cluster({}))).toMatchObject({ profile: { name: 'baseline' }, reason: 'default profile' });
  });
});

test('the configuration, the facts and the test tables share the one definition of the parameters, which the policies and the defaults follow', () => {
  const read = (f: string) => JSON.parse(readFileSync(path.join(ROOT, 'schemas', f), 'utf8'));
  expect(read('config.schema.json').definitions.params.$ref).toBe('params.schema.json');
  expect(read('facts.schema.json').definitions.params.$ref).toBe('params.schema.json');
  expect(read('policy-tests.schema.json').definitions.case.properties.params.$ref).toBe('params.schema.json');
  const params = read('params.schema.json').properties as Record<string, Record<string, unknown>>;
  const declared = read('policy.schema.json').properties.parameters.items.enum as string[];
  expect(Object.keys(params).sort()).toEqual(Object.keys(DEFAULT_PARAMS).sort());
  expect(declared.slice().sort()).toEqual(Object.keys(DEFAULT_PARAMS).sort());
  expect((params.allowedOutboundTypes?.items as { enum: string[] }).enum).toEqual([...OUTBOUND_TYPES]);
});
