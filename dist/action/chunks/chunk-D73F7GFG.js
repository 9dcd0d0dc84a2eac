import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url); globalThis.__egressAuditBundleDir ??= decodeURIComponent(new URL(import.meta.url.includes('/chunks/') ? '..' : '.', import.meta.url).pathname);

// src/inventory/sources/arg/clouds.ts
var CLOUDS = ["AzurePublicCloud", "AzureChinaCloud", "AzureUSGovernment"];
var CLOUD_ENDPOINTS = {
  AzurePublicCloud: {
    name: "AzurePublicCloud",
    armEndpoint: "https://management.azure.com",
    authorityHost: "https://login.microsoftonline.com",
    armScope: "https://management.azure.com/.default"
  },
  AzureChinaCloud: {
    name: "AzureChinaCloud",
    armEndpoint: "https://management.chinacloudapi.cn",
    authorityHost: "https://login.chinacloudapi.cn",
    armScope: "https://management.chinacloudapi.cn/.default"
  },
  AzureUSGovernment: {
    name: "AzureUSGovernment",
    armEndpoint: "https://management.usgovcloudapi.net",
    authorityHost: "https://login.microsoftonline.us",
    armScope: "https://management.usgovcloudapi.net/.default"
  }
};
function isWellKnownAuthority(authorityHost) {
  const host = hostOf(authorityHost);
  return Object.values(CLOUD_ENDPOINTS).some((c) => hostOf(c.authorityHost) === host);
}
function hostOf(url) {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}
var CREDENTIAL_KINDS = ["default", "environment", "workload-identity", "managed-identity", "azure-cli"];

export {
  CLOUDS,
  CLOUD_ENDPOINTS,
  isWellKnownAuthority,
  CREDENTIAL_KINDS
};
