import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILTIN_POLICY_DIR } from '../../src/policy/load.ts';
import { tempDir } from '../helpers/cli.ts';

type Json = Record<string, any>;

/** A built-in policy's JSON, to derive custom policies from in tests. */
export function builtin(id: string): Json {
  return JSON.parse(readFileSync(path.join(BUILTIN_POLICY_DIR, `${id}.json`), 'utf8')) as Json;
}

/** Writes a policy folder: files by name (objects as JSON, strings as is) and test tables under tests/. */
export function policyDir(files: Record<string, Json | string>, tables: Record<string, Json> = {}): string {
  const dir = tempDir('egress-audit-policies-');
  mkdirSync(path.join(dir, 'tests'));
  for (const [name, v] of Object.entries(files)) writeFileSync(path.join(dir, name), typeof v === 'string' ? v : JSON.stringify(v, null, 2));
  for (const [name, v] of Object.entries(tables)) writeFileSync(path.join(dir, 'tests', name), JSON.stringify(v, null, 2));
  return dir;
}

/** A custom policy: Windows pools must not have node public IPs. */
export function customPolicy(id = 'ACME001'): Json {
  return {
    ...builtin('EG014'),
    id,
    name: 'windows-no-node-public-ip',
    title: 'Windows pools have no node public IPs',
    match: { properties: { pool: { properties: { osType: { const: 'Windows' } } } } },
    assert: { properties: { pool: { properties: { enableNodePublicIp: { const: false } } } } },
    message: 'Windows pool {{pool.name}} of cluster {{cluster.name}} has node public IPs.',
    property: 'properties.enableNodePublicIP',
  };
}

const windowsPool = (publicIp: boolean) => ({
  properties: {
    agentPoolProfiles: [
      { name: 'system', type: 'VirtualMachineScaleSets', mode: 'System', osType: 'Linux', count: 3 },
      { name: 'win1', type: 'VirtualMachineScaleSets', mode: 'User', osType: 'Windows', count: 2, enableNodePublicIP: publicIp },
    ],
  },
});

/** A table for customPolicy with one case that is wrong on purpose when `broken`. */
export function customTable(id = 'ACME001', broken = false): Json {
  return {
    policy: id,
    valid: [{ name: 'windows pool without public IPs', cluster: windowsPool(false) }, { name: 'linux only' }],
    invalid: [
      { name: 'windows pool with public IPs', cluster: windowsPool(true), findings: [{ resource: 'agentPools/win1', message: 'has node public IPs' }] },
      ...(broken ? [{ name: 'expects a finding that never comes', cluster: windowsPool(false), findings: [{ resource: 'agentPools/win1' }] }] : []),
    ],
  };
}
