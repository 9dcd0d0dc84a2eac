import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, expect, test } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.ts';

const CLUSTERS = 2_500;
const WINDOWS_POOLS = 10;
const dir = tempDir('egress-large-');
const out = path.join(dir, 'reports');
let run: ReturnType<typeof runCli>;

/**
 * Writes CLUSTERS managed-NAT-gateway clusters, ten to a file, each with WINDOWS_POOLS Windows pools
 * that keep OutboundNAT: under the secure profile each fails EG001 (high) once and EG014 (medium)
 * once per Windows pool, 27,500 findings in all, past GitHub's 25,000 results per SARIF run.
 */
function writeInventory(into: string): void {
  mkdirSync(into);
  for (let f = 0; f < CLUSTERS / 10; f++) {
    const rows = Array.from({ length: 10 }, (_, k) => {
      const i = f * 10 + k;
      const sub = `00000000-0000-0000-0000-${String(i % 50).padStart(12, '0')}`;
      const rg = `rg-${i % 97}`;
      return {
        id: `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/aks-${i}`,
        name: `aks-${i}`,
        type: 'microsoft.containerservice/managedclusters',
        location: 'westeurope',
        resourceGroup: rg,
        subscriptionId: sub,
        properties: {
          kubernetesVersion: '1.33.2',
          apiServerAccessProfile: { enablePrivateCluster: true },
          networkProfile: { outboundType: 'managedNATGateway' },
          agentPoolProfiles: [
            { name: 'system', type: 'VirtualMachineScaleSets', mode: 'System', osType: 'Linux', count: 3 },
            ...Array.from({ length: WINDOWS_POOLS }, (_, w) => ({ name: `win${w}`, type: 'VirtualMachineScaleSets', mode: 'User', osType: 'Windows', count: 3 })),
          ],
        },
      };
    });
    writeFileSync(path.join(into, `clusters-${f}.json`), JSON.stringify(rows, null, 2));
  }
}

beforeAll(() => {
  writeInventory(path.join(dir, 'inventory'));
  run = runCli(['scan', '-i', path.join(dir, 'inventory'), '-f', 'json,sarif,junit,markdown', '--out-dir', out, '--profile', 'secure', '--fail-on', 'none', '--source-root', dir]);
}, 150_000);

const total = CLUSTERS * (1 + WINDOWS_POOLS);

test('every format is written from a large generated inventory', () => {
  expect(run.code).toBe(0);
  const json = JSON.parse(readFileSync(path.join(out, 'egress-audit.json'), 'utf8')) as { findings: unknown[] };
  expect(json.findings).toHaveLength(total);
  const junit = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(path.join(out, 'egress-audit.junit.xml'), 'utf8')) as { testsuites: Record<string, string> };
  const policies = readdirSync(path.join(ROOT, 'policies')).filter((f) => f.endsWith('.json')).length;
  expect(Number(junit.testsuites['@_tests'])).toBe(CLUSTERS * policies);
  expect(Number(junit.testsuites['@_failures'])).toBe(CLUSTERS * 2);
  expect(readFileSync(path.join(out, 'egress-audit.md'), 'utf8')).toContain(`## egress-audit: ${total} findings in ${CLUSTERS} of ${CLUSTERS} clusters`);
});

test('the SARIF report keeps the 25,000 most severe results, valid, and the console says what was cut', () => {
  const log = JSON.parse(readFileSync(path.join(out, 'egress-audit.sarif'), 'utf8')) as {
    runs: { results: { level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]; properties: object }[];
  };
  const results = log.runs[0]!.results;
  expect(results).toHaveLength(25_000);
  expect(results.filter((r) => r.level === 'error')).toHaveLength(CLUSTERS);
  expect(results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^inventory\/clusters-\d+\.json$/);
  const cut = total - 25_000;
  expect(log.runs[0]!.properties).toEqual({ truncated: true, resultLimit: 25_000, resultsLeftOut: cut, resultsLeftOutBySeverity: { high: 0, medium: cut, low: 0, info: 0 } });
  expect(run.stderr).toBe(
    `egress-audit: warning: GitHub accepts at most 25000 results per SARIF run: the SARIF report keeps the 25000 most severe and leaves out ${cut} (${cut} medium); the json, html and junit formats keep every finding\n`,
  );
  const ajv = new Ajv();
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas/sarif-schema-2.1.0.json'), 'utf8')) as object);
  expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
});
