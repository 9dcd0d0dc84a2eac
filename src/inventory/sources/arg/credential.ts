import {
  AzureCliCredential,
  DefaultAzureCredential,
  EnvironmentCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import { InputError } from '../../../errors.ts';
import { isWellKnownAuthority, type CloudEndpoints, type CredentialKind } from './clouds.ts';

export interface CredentialOptions {
  cloud: CloudEndpoints;
  tenantId?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The @azure/identity credential the user picked. The authority is the cloud's unless
 * AZURE_AUTHORITY_HOST says otherwise (air-gapped and custom clouds); an authority Entra does not
 * list is used without instance discovery, which would otherwise ask login.microsoftonline.com.
 * Tokens stay inside the SDK: nothing here reads, prints or stores one.
 */
export function createCredential(kind: CredentialKind, opts: CredentialOptions): TokenCredential {
  const env = opts.env ?? process.env;
  const authorityHost = env['AZURE_AUTHORITY_HOST'] || opts.cloud.authorityHost;
  const common = { authorityHost, disableInstanceDiscovery: !isWellKnownAuthority(authorityHost) };
  const tenantId = opts.tenantId;
  switch (kind) {
    case 'default':
      return new DefaultAzureCredential({ ...common, ...(tenantId ? { tenantId } : {}) });
    case 'environment': {
      const envTenant = env['AZURE_TENANT_ID'];
      if (tenantId && envTenant && envTenant.toLowerCase() !== tenantId.toLowerCase()) {
        throw new InputError(`--tenant ${tenantId} differs from AZURE_TENANT_ID (${envTenant}), which the environment credential signs in to`);
      }
      return new EnvironmentCredential(common);
    }
    case 'workload-identity':
      return new WorkloadIdentityCredential({ ...common, ...(tenantId ? { tenantId } : {}) });
    case 'managed-identity': {
      const clientId = env['AZURE_CLIENT_ID'];
      return clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
    }
    case 'azure-cli':
      return new AzureCliCredential(tenantId ? { tenantId } : {});
  }
}
