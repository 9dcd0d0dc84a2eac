import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, tempDir } from '../../helpers/cli.ts';
import { cli, INVENTORY, writeFile } from '../../helpers/triage.ts';

const ID = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-dev/providers/Microsoft.ContainerService/managedClusters/aks-dev';

const entry = (over: Record<string, string>, indent = '    '): string =>
  Object.entries({ policy: 'EG001', resource: ID, justification: 'accepted', expires: '2999-01-01', ...over })
    .map(([k, v], i) => `${i === 0 ? '  - ' : indent}${k}: ${JSON.stringify(v)}`)
    .join('\n');

// Each case: file name, content, and the problems the CLI must report (regex on "file:line:column: message").
const CASES: { name: string; file: string; text: string; expect: RegExp[] }[] = [
  { name: 'YAML syntax error', file: 's.yaml', text: 'suppressions:\n  - policy: EG001\n   resource: x\n', expect: [/s\.yaml:3:\d+: invalid YAML/] },
  { name: 'bare * in YAML', file: 's.yaml', text: 'suppressions:\n  - policy: *\n', expect: [/s\.yaml:2:13: invalid YAML: .*quote it, "\*"/] },
  { name: 'JSON syntax error', file: 's.json', text: '{ "suppressions": [ { "policy": "EG001", } ] }', expect: [/s\.json:1:42: invalid JSON: expected a property name in double quotes, found "}"/] },
  { name: 'duplicate JSON key', file: 's.json', text: `{ "suppressions": [],\n  "suppressions": [] }`, expect: [/s\.json:2:3: duplicate key "suppressions"/] },
  { name: 'duplicate YAML key', file: 's.yaml', text: `suppressions:\n${entry({})}\n    expires: 2999-01-02\n`, expect: [/s\.yaml:6:5: invalid YAML: Map keys must be unique/] },
  { name: 'a list where the suppressions document is', file: 's.yaml', text: '- policy: EG001\n', expect: [/--suppressions .*s\.yaml: not a suppressions file \(expected a JSON or YAML document with a top-level "suppressions" list\); its content is not shown/] },
  { name: 'suppressions not at the top level', file: 's.json', text: '{ "x": { "suppressions": [] } }', expect: [/s\.json: not a suppressions file/] },
  {
    name: 'missing justification and expiry, unknown field',
    file: 's.yaml',
    text: `suppressions:\n  - policy: EG001\n    resource: ${ID}\n    tikcet: NET-1\n`,
    expect: [/s\.yaml:2:5: \/suppressions\/0: missing required property "justification"/, /s\.yaml:2:5: \/suppressions\/0: missing required property "expires"/, /s\.yaml:4:5: \/suppressions\/0\/tikcet: unknown property "tikcet"/],
  },
  {
    name: 'bad values',
    file: 's.yaml',
    text: `suppressions:\n${entry({ policy: 'eg1', justification: '  ', expires: '31.12.2099', ticket: 'NET-1', owner: '' })}\n`,
    expect: [/s\.yaml:2:13: \/suppressions\/0\/policy: must be a policy ID/, /s\.yaml:4:20: \/suppressions\/0\/justification: must not be empty/, /s\.yaml:5:14: \/suppressions\/0\/expires: must be a date written YYYY-MM-DD/, /s\.yaml:6:13: \/suppressions\/0\/ticket: must be an http\(s\) link/, /s\.yaml:7:12: \/suppressions\/0\/owner: must not be empty/],
  },
  { name: 'impossible date', file: 's.yaml', text: `suppressions:\n${entry({ expires: '2099-02-30' })}\n`, expect: [/s\.yaml:5:14: \/suppressions\/0\/expires: expires "2099-02-30" is not a calendar date/] },
  { name: 'unknown policy', file: 's.yaml', text: `suppressions:\n${entry({ policy: 'EG999' })}\n`, expect: [/s\.yaml:2:13: \/suppressions\/0\/policy: unknown policy EG999/] },
  { name: 'a bare name is neither ARM ID nor glob', file: 's.yaml', text: `suppressions:\n${entry({ resource: 'aks-dev' })}\n`, expect: [/s\.yaml:3:15: \/suppressions\/0\/resource: resource "aks-dev" is neither an ARM resource ID .* nor a glob/] },
  { name: 'a resource group is not a resource', file: 's.yaml', text: `suppressions:\n${entry({ resource: '/subscriptions/1/resourceGroups/rg-dev' })}\n`, expect: [/\/suppressions\/0\/resource: resource .* is a subscription or resource group, not a resource; .* write "\/subscriptions\/1\/resourceGroups\/rg-dev\/\*\*"/] },
  { name: 'a glob that cannot match an ARM ID', file: 's.yaml', text: `suppressions:\n${entry({ resource: '*aks-dev' })}\n`, expect: [/s\.yaml:3:15: \/suppressions\/0\/resource: resource glob "\*aks-dev" can never match/] },
  { name: 'everything suppressed', file: 's.yaml', text: `suppressions:\n${entry({ policy: '*', resource: '/**' })}\n`, expect: [/s\.yaml:3:15: \/suppressions\/0\/resource: policy "\*" with a resource glob that matches every resource/] },
  { name: 'everything suppressed by /subscriptions/**', file: 's.yaml', text: `suppressions:\n${entry({ policy: '*', resource: '/subscriptions/**' })}\n`, expect: [/s\.yaml:3:15: \/suppressions\/0\/resource: policy "\*" with a resource glob that matches every resource/] },
  { name: 'everything suppressed by /subscriptions/*/resource[gG]roups/**', file: 's.yaml', text: `suppressions:\n${entry({ policy: '*', resource: '/subscriptions/*/resource[gG]roups/**' })}\n`, expect: [/s\.yaml:3:15: \/suppressions\/0\/resource: policy "\*" with a resource glob that matches every resource/] },
  { name: 'everything suppressed by /**/providers/**', file: 's.yaml', text: `suppressions:\n${entry({ policy: '*', resource: '/**/providers/**' })}\n`, expect: [/s\.yaml:3:15: \/suppressions\/0\/resource: policy "\*" with a resource glob that matches every resource/] },
  { name: 'everything suppressed by **', file: 's.yaml', text: `suppressions:\n${entry({ policy: '*', resource: '**' })}\n`, expect: [/s\.yaml:3:15: \/suppressions\/0\/resource: policy "\*" with a resource glob that matches every resource/] },
  { name: 'a glob that would backtrack for minutes', file: 's.yaml', text: `suppressions:\n${entry({ resource: '/subscriptions/*/resourceGroups/*a*a*a*b/**' })}\n`, expect: [/s\.yaml:3:15: \/suppressions\/0\/resource: resource glob .*: the segment "\*a\*a\*a\*b" has more than 3 wildcards/] },
  {
    name: 'two entries for one policy and resource (IDs differ only in case)',
    file: 's.json',
    text: JSON.stringify({ suppressions: [{ policy: 'EG001', resource: ID, justification: 'a', expires: '2999-01-01' }, { policy: 'EG001', resource: ID.toUpperCase(), justification: 'b', expires: '2999-06-01' }] }, null, 2),
    expect: [/s\.json:10:17: \/suppressions\/1\/policy: duplicates the entry on line 3 \(same policy and resource\)/],
  },
];

describe('malformed and ambiguous suppressions are exit 2 with file and line', () => {
  test('a file that is not a suppressions file (a password file) is refused without quoting it', async () => {
    const dir = tempDir();
    const files: [string, string][] = [['shadow', 'root:$6$SECRETHASH:19000:0:99999:7:::\nsvc:!SECRETTOKEN:19000::::::\n'], ['keys.yaml', 'SECRETKEY: 1\nother: [\n'], ['config.json', '{"SECRETKEY": "v", "suppressions": 3}']];
    for (const [name, text] of files) {
      const r = await cli(['scan', '--input', INVENTORY, '--out', path.join(dir, 'out'), '--quiet', '--suppressions', writeFile(dir, name, text)]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`--suppressions .*${name.replace('.', '\\.')}: not a suppressions file`));
      expect(r.err).not.toMatch(/SECRET|root/);
    }
  });

  for (const c of CASES) {
    test(c.name, async () => {
      const dir = tempDir();
      const file = writeFile(dir, c.file, c.text);
      const out = path.join(dir, 'out');
      const r = await cli(['scan', '--input', INVENTORY, '--out', out, '--quiet', '--suppressions', file]);
      expect(r.code, r.err).toBe(2);
      for (const re of c.expect) expect(r.err).toMatch(re);
      expect(r.err.trim().split('\n'), r.err).toHaveLength(c.expect.length);
      expect(existsSync(out)).toBe(false);
    });
  }

  test('through the bin: the message, no stack trace, exit 2', () => {
    const dir = tempDir();
    const file = writeFile(dir, 'bad.yaml', `suppressions:\n${entry({ resource: 'aks-dev' })}\n`);
    const r = runCli(['scan', '--input', INVENTORY, '--out', path.join(dir, 'out'), '--suppressions', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`egress-audit: ${file}:3:15: /suppressions/0/resource: resource "aks-dev" is neither an ARM resource ID (/subscriptions/…/providers/…) nor a glob\n`);
  });
});
