import { spawn } from 'node:child_process';
import path from 'node:path';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { startArgEmulator, type ArgEmulator, type EmulatorOptions } from '../../../arg-emulator/server.ts';
import { BIN, ROOT, tempDir, type CliRun } from '../../../helpers/cli.ts';
import { singleProfile } from '../../../../src/config/assign.ts';
import type { LoadedInventory } from '../../../../src/inventory/sources/source.ts';
import { BUILTIN_POLICY_DIR, loadPoliciesOrThrow } from '../../../../src/policy/load.ts';
import { BUILTIN_PROFILES } from '../../../../src/policy/profiles.ts';
import { evaluate } from '../../../../src/scan/scan.ts';
import type { ScanResult } from '../../../../src/scan/result.ts';

export const FIXTURES = path.join(ROOT, 'test/fixtures/arg/basic');
export const SUB_A = '11111111-1111-4111-8111-111111111111';
export const SUB_B = '22222222-2222-4222-8222-222222222222';
export const SUB_HUB = '33333333-3333-4333-8333-333333333333';
export const SUB_DEV = '44444444-4444-4444-8444-444444444444';
export const TEST_TOKEN = 'static-test-token';
export const TEST_CLIENT = { tenantId: '72f988bf-0000-4000-8000-00000000aaaa', clientId: '0f0f0f0f-0000-4000-8000-000000000001', clientSecret: 'not-a-real-secret' };
export const GUARD = path.join(ROOT, 'test/arg-emulator/loopback-guard.mjs');

/** A TokenCredential for tests only: hands the SDK a fixed token the emulator accepts; never a real one. */
export function staticCredential(token = TEST_TOKEN): TokenCredential & { scopes: string[] } {
  const cred = {
    scopes: [] as string[],
    getToken: async (scopes: string | string[]): Promise<AccessToken> => {
      cred.scopes.push(...(Array.isArray(scopes) ? scopes : [scopes]));
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
  return cred;
}

export async function emulator(opts: Partial<EmulatorOptions> = {}): Promise<ArgEmulator> {
  return startArgEmulator({ dir: tempDir('arg-emu-'), fixtures: [FIXTURES], tokens: [TEST_TOKEN], clients: [TEST_CLIENT], ...opts });
}

/**
 * The environment a CLI run against the emulator gets: the test CA through NODE_EXTRA_CA_CERTS
 * (TLS verification stays on), a service principal for the environment credential whose
 * authority is the emulator's loopback token endpoint, and the loopback guard preloaded. Proxy and
 * Azure variables of the machine running the tests are dropped.
 */
export function cliEnv(emu: ArgEmulator, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(AZURE_|MSI_|IDENTITY_|HTTPS?_PROXY$|ALL_PROXY$|NO_PROXY$|NODE_TLS_|NODE_OPTIONS$)/i.test(k)) continue;
    env[k] = v;
  }
  return {
    ...env,
    NODE_EXTRA_CA_CERTS: emu.caFile,
    NODE_OPTIONS: `--import=${GUARD}`,
    NO_PROXY: '127.0.0.1,localhost',
    AZURE_AUTHORITY_HOST: emu.url,
    AZURE_TENANT_ID: TEST_CLIENT.tenantId,
    AZURE_CLIENT_ID: TEST_CLIENT.clientId,
    AZURE_CLIENT_SECRET: TEST_CLIENT.clientSecret,
    NO_COLOR: '1',
    ...extra,
  };
}

/** Runs the real CLI without blocking this process's event loop (the emulator lives in it). */
export function runCliAsync(args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** The built-in policies under the baseline profile, as a live scan judges what it loaded (compared with the offline scan of the same rows). */
export function judge(loaded: LoadedInventory): ScanResult {
  return evaluate(loaded, {
    source: 'arg',
    policies: loadPoliciesOrThrow([BUILTIN_POLICY_DIR]),
    profiles: singleProfile(BUILTIN_PROFILES['baseline']!, '--profile'),
    failOn: 'high',
    startedAt: new Date(0),
  });
}
