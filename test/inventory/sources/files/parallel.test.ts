import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeEstate } from '../../../../scripts/gen/estate.ts';
import { runCli, SAMPLE, tempDir } from '../../../helpers/cli.ts';

// The parallel load (a worker thread and the main thread claiming files as they go) must yield the reports a
// sequential load yields, byte for byte: duplicates across threads, the error cap, first-seen
// warnings and input errors included.
const dir = tempDir('egress-parallel-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Row = { id: string; type: string; properties: Record<string, unknown> };

function scan(input: string, mode: 'sequential' | 'parallel'): { code: number; stderr: string; reports: string[] } {
  const out = path.join(dir, `out-${path.basename(input)}-${mode}`);
  const run = runCli(['scan', '--input', input, '--format', 'json,sarif', '--out', out, '--fail-on', 'none', '--allow-partial', '--quiet'], {
    env: { EGRESS_LOAD: mode },
  });
  const reports = run.code === 2 ? [] : ['egress-audit.json', 'egress-audit.sarif'].map((f) => readFileSync(path.join(out, f), 'utf8'));
  // Only the clock and the output folder may differ between the two runs.
  const same = (text: string): string => text.replaceAll(out, 'OUT').replace(/"(startTimeUtc|endTimeUtc|startedAt|finishedAt)": "[^"]*"/g, '"$1": ""').replace(/"durationMs": \d+/g, '"durationMs": 0');
  return { code: run.code, stderr: run.stderr.replaceAll(dir, 'DIR'), reports: reports.map(same) };
}

describe('loading inventory files on a worker thread', () => {
  const estate = path.join(dir, 'estate');

  beforeAll(async () => {
    const summary = await writeEstate(200, 'parallel-test', estate);
    for (const f of readdirSync(SAMPLE).filter((n) => n.endsWith('.json'))) copyFileSync(path.join(SAMPLE, f), path.join(estate, `s-${f}`));
    // Files that sort last (odd and even places): a row repeated with other content (a duplicate
    // across files read by different threads), an unknown enum value, a wrong shape.
    const first = JSON.parse(readFileSync(summary.files[0] as string, 'utf8')) as { data: Row[] };
    const cluster = first.data.find((r) => r.type === 'microsoft.containerservice/managedclusters') as Row;
    const changed = structuredClone(cluster);
    changed.properties['kubernetesVersion'] = '1.19.0';
    (changed.properties['networkProfile'] as Record<string, unknown>)['outboundType'] = 'somethingNew';
    const broken = structuredClone(cluster);
    broken.id = `${cluster.id}-broken`;
    broken.properties['agentPoolProfiles'] = 5;
    writeFileSync(path.join(estate, 'x-duplicate.json'), JSON.stringify([changed, broken]));
    writeFileSync(path.join(estate, 'w-invalid.json'), JSON.stringify({ data: [broken] }));
    writeFileSync(path.join(estate, 'z-duplicate-again.json'), JSON.stringify([changed, cluster]));
  }, 60_000);

  test('gives byte-identical JSON and SARIF reports to the sequential load', () => {
    const seq = scan(estate, 'sequential');
    const par = scan(estate, 'parallel');
    expect(seq.code).toBe(0);
    expect(par.code).toBe(seq.code);
    // The estate exercises what the threads must merge in order.
    const errors = (JSON.parse(seq.reports[0] as string) as { errors: { code: string }[] }).errors.map((e) => e.code);
    expect(errors).toContain('duplicate-id');
    expect(errors).toContain('invalid-field');
    expect(seq.reports[0]).toContain('somethingNew');
    expect(par.reports[0]).toBe(seq.reports[0]);
    expect(par.reports[1]).toBe(seq.reports[1]);
  });

  test('stops on the first bad file in file order, with the sequential message', () => {
    const bad = path.join(dir, 'bad');
    mkdirSync(bad);
    const names = readdirSync(estate).sort().slice(0, 4);
    for (const n of names) copyFileSync(path.join(estate, n), path.join(bad, n));
    // Whichever thread reads them, the second file's error wins.
    writeFileSync(path.join(bad, names[1] as string), '{ "data": [ { "id": 1 ');
    writeFileSync(path.join(bad, names[3] as string), '{ "data": 5 }');
    const seq = scan(bad, 'sequential');
    const par = scan(bad, 'parallel');
    expect(seq.code).toBe(2);
    expect(seq.stderr).toContain(`${names[1]}:1:`);
    expect(par.code).toBe(2);
    expect(par.stderr).toBe(seq.stderr);
  });
});
