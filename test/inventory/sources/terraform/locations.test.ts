import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { blockHeaders, ConfigurationBlocks } from '../../../../src/inventory/sources/terraform/blocks.ts';
import type { ScanResult } from '../../../../src/scan/result.ts';
import { runCli, tempDir } from '../../../helpers/cli.ts';
import { validateSarif, type Problem } from '../../../report/multitool.ts';

const PROJECT = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures/modules');

interface SarifResult {
  ruleId: string;
  properties: { terraformAddress?: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number; endColumn: number } } }[];
}

/** Scans `plan` with `root` as the source root; the SARIF file and its results. */
function sarifOf(plan: string, root: string): { file: string; results: SarifResult[] } {
  const out = tempDir('egress-audit-tf-sarif-');
  const r = runCli(['scan', '--input', plan, '--format', 'sarif', '--out', out, '--source-root', root]);
  expect(r.stderr).toBe('');
  const file = path.join(out, 'egress-audit.sarif');
  return { file, results: (JSON.parse(readFileSync(file, 'utf8')) as { runs: { results: SarifResult[] }[] }).runs[0]!.results };
}

/** Each finding as `address -> uri:line`, with the text of that line when the uri is a .tf file under `root`. */
function places(results: readonly SarifResult[], root: string): string[] {
  const seen = new Set<string>();
  for (const r of results) {
    const { artifactLocation, region } = r.locations[0]!.physicalLocation;
    const line = region && artifactLocation.uri.endsWith('.tf') ? readFileSync(path.join(root, artifactLocation.uri), 'utf8').split('\n')[region.startLine - 1] : '';
    seen.add(`${r.properties.terraformAddress} -> ${artifactLocation.uri}${line ? ` ${line.slice(region!.startColumn - 1, region!.endColumn - 1)}` : ''}`);
  }
  return [...seen].sort();
}

const CLUSTER = 'resource "azurerm_kubernetes_cluster" "this"';
const WINDOWS = 'resource "azurerm_kubernetes_cluster_node_pool" "windows"';
const IP = 'resource "azurerm_public_ip" "nat"';
const BLUE = 'module.aks["blue"].azurerm_kubernetes_cluster.this';

let beside: { file: string; results: SarifResult[] };
let chdir: { file: string; results: SarifResult[]; root: string };
let remote: { file: string; results: SarifResult[]; root: string };
let planOnly: { file: string; results: SarifResult[] };
let problems: Map<string, Problem[]>;

beforeAll(() => {
  beside = sarifOf(path.join(PROJECT, 'plan.json'), PROJECT);

  // `terraform -chdir=infra show -json tfplan > plan.json`: the plan at the repository root, the configuration below it.
  const repo = tempDir('egress-audit-tf-repo-');
  cpSync(PROJECT, path.join(repo, 'infra'), { recursive: true });
  cpSync(path.join(PROJECT, 'plan.json'), path.join(repo, 'plan.json'));
  chdir = { ...sarifOf(path.join(repo, 'plan.json'), repo), root: repo };

  // The same configuration calling the AKS module from the registry: its blocks are not in the repository.
  const fromRegistry = tempDir('egress-audit-tf-registry-');
  cpSync(PROJECT, fromRegistry, { recursive: true });
  const plan = JSON.parse(readFileSync(path.join(PROJECT, 'plan.json'), 'utf8')) as { configuration: { root_module: { module_calls: { aks: { source: string } } } } };
  plan.configuration.root_module.module_calls.aks.source = 'Azure/aks/azurerm';
  writeFileSync(path.join(fromRegistry, 'plan.json'), JSON.stringify(plan, null, 2));
  remote = { ...sarifOf(path.join(fromRegistry, 'plan.json'), fromRegistry), root: fromRegistry };

  const bare = tempDir('egress-audit-tf-bare-');
  mkdirSync(path.join(bare, 'plans'));
  cpSync(path.join(PROJECT, 'plan.json'), path.join(bare, 'plans/plan.json'));
  planOnly = sarifOf(path.join(bare, 'plans/plan.json'), bare);

  problems = validateSarif([beside.file, chdir.file, remote.file, planOnly.file], tempDir('egress-audit-tf-multitool-'));
}, 180_000);

describe('SARIF locations of a Terraform plan', () => {
  test('with the .tf files beside the plan: each finding at its resource block, through module source paths', () => {
    expect(places(beside.results, PROJECT)).toEqual([
      `module.aks["blue"].azurerm_kubernetes_cluster.this -> modules/aks/main.tf ${CLUSTER}`,
      `module.aks["blue"].azurerm_kubernetes_cluster_node_pool.windows[0] -> modules/aks/main.tf ${WINDOWS}`,
      `module.aks["green"].azurerm_kubernetes_cluster.this -> modules/aks/main.tf ${CLUSTER}`,
      `module.network.azurerm_public_ip.nat -> modules/network/main.tf ${IP}`,
    ]);
  });

  test('the block, not a commented-out draft of it', () => {
    const text = readFileSync(path.join(PROJECT, 'modules/aks/main.tf'), 'utf8');
    const drafts = text.split('\n').flatMap((l, i) => (l.includes(CLUSTER) || l.includes(WINDOWS) ? [i + 1] : []));
    expect(drafts).toHaveLength(4);
    const lines = new Set(beside.results.filter((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'modules/aks/main.tf').map((r) => r.locations[0]!.physicalLocation.region!.startLine));
    expect([...lines].sort((a, b) => a - b)).toEqual([drafts[1], drafts[3]]);
  });

  test('with the plan written away from its configuration (terraform -chdir): the folder that declares the root module', () => {
    expect(places(chdir.results, chdir.root)).toEqual(places(beside.results, PROJECT).map((p) => p.replace(' -> modules/', ' -> infra/modules/')));
  });

  test('a module from outside the repository: its findings stay at the plan file', () => {
    const uris = new Set(remote.results.map((r) => `${r.properties.terraformAddress?.replace(/\.azurerm_.*$/, '')} ${r.locations[0]!.physicalLocation.artifactLocation.uri}`));
    expect([...uris].sort()).toEqual(['module.aks["blue"] plan.json', 'module.aks["green"] plan.json', 'module.network modules/network/main.tf']);
  });

  test('with no configuration under the source root: at the resource in the plan file', () => {
    const uris = new Set(planOnly.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    expect([...uris]).toEqual(['plans/plan.json']);
    expect(planOnly.results.every((r) => (r.locations[0]!.physicalLocation.region?.startLine ?? 0) > 1)).toBe(true);
  });

  test('two plans with the same addresses: each finding at the block of its own configuration', () => {
    const repo = tempDir('egress-audit-tf-two-');
    for (const env of ['prod', 'stage']) {
      cpSync(PROJECT, path.join(repo, env), { recursive: true });
      const plan = path.join(repo, env, 'plan.json');
      writeFileSync(plan, readFileSync(plan, 'utf8').replaceAll('rg-aks-prod', `rg-aks-${env}`));
    }
    // The stage copy's blocks sit three lines lower.
    const stageAks = path.join(repo, 'stage/modules/aks/main.tf');
    writeFileSync(stageAks, `# stage\n\n\n${readFileSync(stageAks, 'utf8')}`);
    const out = tempDir('egress-audit-tf-two-out-');
    const r = runCli(['scan', '--input', path.join(repo, 'prod/plan.json'), '--input', path.join(repo, 'stage/plan.json'), '--format', 'json', '--out', out, '--source-root', repo]);
    expect(r.stderr).toBe('');
    const result = JSON.parse(readFileSync(path.join(out, 'egress-audit.json'), 'utf8')) as ScanResult;
    const where = new Set(result.findings.filter((f) => f.terraformAddress === BLUE).map((f) => `${f.resourceId.split('/')[4]} ${f.location!.file.split('/').slice(-4).join('/')}:${f.location!.line}`));
    const line = readFileSync(path.join(PROJECT, 'modules/aks/main.tf'), 'utf8').split('\n').lastIndexOf(`${CLUSTER} {`) + 1;
    expect([...where].sort()).toEqual([`rg-aks-prod prod/modules/aks/main.tf:${line}`, `rg-aks-stage stage/modules/aks/main.tf:${line + 3}`]);
  });

  test('every log passes the SARIF Multitool (SARIF and GitHub rules)', () => {
    for (const file of [beside.file, chdir.file, remote.file, planOnly.file]) {
      expect((problems.get(path.resolve(file)) ?? []).filter((p) => p.level !== 'note').map((p) => `${p.ruleId}: ${p.text}`)).toEqual([]);
    }
  });
});

describe('block headers', () => {
  test('quoted and bare labels, data and module blocks; comments skipped', () => {
    const text = ['# resource "a" "commented" {', 'resource "azurerm_subnet" "x" {', '  resource "indented" "y" {', '/* resource "b" "c" {', '*/', 'module net {', '// data "d" "e" {', 'data "azurerm_subnet" "existing" { }'].join('\n');
    expect(blockHeaders(text).map(([k, r]) => `${k} @${r.line}:${r.column}-${r.endColumn}`)).toEqual([
      'resource azurerm_subnet x @2:1-30',
      'resource indented y @3:3-26',
      'module net @6:1-11',
      'data azurerm_subnet existing @8:1-33',
    ]);
  });
});

test('a block an override file changes is found where it is declared', () => {
  const root = tempDir('egress-audit-tf-override-');
  writeFileSync(path.join(root, 'a_override.tf'), 'resource "azurerm_kubernetes_cluster" "this" {\n  sku_tier = "Standard"\n}\n');
  writeFileSync(path.join(root, 'main.tf'), '\nresource "azurerm_kubernetes_cluster" "this" {\n}\n');
  writeFileSync(path.join(root, 'override.tf'), 'resource "azurerm_kubernetes_cluster" "this" {}\n');
  const configuration = { root_module: { resources: [{ address: 'azurerm_kubernetes_cluster.this', mode: 'managed', type: 'azurerm_kubernetes_cluster', name: 'this' }] } };
  const found = new ConfigurationBlocks(root).locate({ absPath: path.join(root, 'plan.json'), configuration }, 'azurerm_kubernetes_cluster.this');
  expect(found && { file: path.basename(found.file), line: found.line }).toEqual({ file: 'main.tf', line: 2 });
});
