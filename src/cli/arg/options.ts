import type { Argv } from 'yargs';
import { InputError } from '../../errors.ts';
import { CLOUD_ENDPOINTS, CLOUDS, CREDENTIAL_KINDS, type CloudName, type CredentialKind } from '../../inventory/sources/arg/clouds.ts';
import type { ArgScope, ArgSourceOptions } from '../../inventory/sources/arg/index.ts';
import { TOOL } from '../../tool.ts';

/** The options shared by `export` and `scan --source arg`. */
export interface ArgArgs {
  subscription?: string[];
  'management-group'?: string[];
  tenant?: string;
  cloud?: CloudName;
  credential?: CredentialKind;
  'arm-endpoint'?: string;
  'arg-timeout'?: number;
}

export const ARG_OPTION_NAMES = ['subscription', 'management-group', 'tenant', 'cloud', 'credential', 'arm-endpoint', 'arg-timeout'] as const;

export function argOptions<T>(y: Argv<T>, group: string): Argv<T & ArgArgs> {
  return y
    .option('subscription', { type: 'string', array: true, group, describe: 'Subscription ID to scan (repeatable)' })
    .option('management-group', { type: 'string', array: true, group, describe: 'Management group ID to scan (repeatable)' })
    .option('tenant', { type: 'string', group, describe: 'Tenant ID to sign in to (default: the credential\'s)' })
    .option('cloud', { choices: CLOUDS, group, describe: 'Azure cloud: ARG endpoint and authority (default: AzurePublicCloud)' })
    .option('credential', { choices: CREDENTIAL_KINDS, group, describe: 'How to authenticate, with @azure/identity (default: default, its credential chain)' })
    .option('arm-endpoint', { type: 'string', group, describe: 'ARM endpoint URL, for air-gapped and custom clouds' })
    .option('arg-timeout', { type: 'number', group, describe: 'Seconds one request may take, headers and body, before it is retried (default: 120)' }) as unknown as Argv<T & ArgArgs>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MANAGEMENT_GROUP = /^[A-Za-z0-9._()-]{1,90}$/;
const TENANT = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

/** Checks the scope and endpoint options (every problem is an InputError naming the option) and sets up the credential. */
export async function argSource(args: ArgArgs): Promise<Omit<ArgSourceOptions, 'onEvent'>> {
  const subscriptions = (args.subscription ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  for (const s of subscriptions) if (!GUID.test(s)) throw new InputError(`--subscription: "${s}" is not a subscription ID (a GUID)`);
  const managementGroups = (args['management-group'] ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  for (const m of managementGroups) if (!MANAGEMENT_GROUP.test(m)) throw new InputError(`--management-group: "${m}" is not a management group ID`);
  const tenant = args.tenant?.trim();
  if (tenant !== undefined && !TENANT.test(tenant)) throw new InputError(`--tenant: "${tenant}" is not a tenant ID or domain`);
  let armEndpoint: string | undefined;
  if (args['arm-endpoint'] !== undefined) {
    let url: URL;
    try {
      url = new URL(args['arm-endpoint']);
    } catch {
      throw new InputError(`--arm-endpoint: "${args['arm-endpoint']}" is not a URL`);
    }
    if (url.protocol !== 'https:') throw new InputError(`--arm-endpoint: ${url.origin} must use https (tokens are never sent in clear)`);
    armEndpoint = url.href.replace(/\/+$/, '');
  }
  const timeout = args['arg-timeout'];
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0 && timeout <= 3600)) throw new InputError(`--arg-timeout: ${String(timeout)} is not a number of seconds between 0 and 3600`);
  const scope: ArgScope = { subscriptions, managementGroups, ...(tenant ? { tenantId: tenant } : {}) };
  const cloud = args.cloud ?? 'AzurePublicCloud';
  // @azure/identity takes about a second to load: only live scans pay for it.
  const { createCredential } = await import('../../inventory/sources/arg/credential.ts');
  let credential;
  try {
    credential = createCredential(args.credential ?? 'default', { cloud: CLOUD_ENDPOINTS[cloud], ...(tenant ? { tenantId: tenant } : {}) });
  } catch (err) {
    // For example an AZURE_TOKEN_CREDENTIALS value @azure/identity does not know.
    if (err instanceof InputError) throw err;
    throw new InputError(`--credential ${args.credential ?? 'default'}: ${(err as Error).message}`);
  }
  return { scope, cloud, credential, ...(armEndpoint ? { armEndpoint } : {}), ...(timeout ? { timeoutMs: Math.round(timeout * 1000) } : {}), tool: { name: TOOL.name, version: TOOL.version } };
}
