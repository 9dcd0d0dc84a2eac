/** The Azure clouds a live scan can target: where ARM (and so ARG) answers, and where tokens come from. */
export const CLOUDS = ['AzurePublicCloud', 'AzureChinaCloud', 'AzureUSGovernment'] as const;
export type CloudName = (typeof CLOUDS)[number];

export interface CloudEndpoints {
  name: CloudName;
  /** Azure Resource Manager; ARG is served under it at /providers/Microsoft.ResourceGraph. */
  armEndpoint: string;
  /** Microsoft Entra authority host for this cloud. */
  authorityHost: string;
  /** The token scope ARM accepts. */
  armScope: string;
}

export const CLOUD_ENDPOINTS: Readonly<Record<CloudName, CloudEndpoints>> = {
  AzurePublicCloud: {
    name: 'AzurePublicCloud',
    armEndpoint: 'https://management.azure.com',
    authorityHost: 'https://login.microsoftonline.com',
    armScope: 'https://management.azure.com/.default',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    armEndpoint: 'https://management.chinacloudapi.cn',
    authorityHost: 'https://login.chinacloudapi.cn',
    armScope: 'https://management.chinacloudapi.cn/.default',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    armEndpoint: 'https://management.usgovcloudapi.net',
    authorityHost: 'https://login.microsoftonline.us',
    armScope: 'https://management.usgovcloudapi.net/.default',
  },
};

/** Entra hosts MSAL knows without asking: any other authority (air-gapped, Azure Stack, tests) skips instance discovery. */
export function isWellKnownAuthority(authorityHost: string): boolean {
  const host = hostOf(authorityHost);
  return Object.values(CLOUD_ENDPOINTS).some((c) => hostOf(c.authorityHost) === host);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

/** The @azure/identity credentials a user can pick (`--credential`); `default` is DefaultAzureCredential's chain. */
export const CREDENTIAL_KINDS = ['default', 'environment', 'workload-identity', 'managed-identity', 'azure-cli'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];
