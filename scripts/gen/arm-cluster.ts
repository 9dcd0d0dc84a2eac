import { armId, ref } from './ids.ts';
import type { Rng } from './prng.ts';
import { argRow, type Sub } from './rows.ts';

export interface PoolSpec {
  name: string;
  os: 'Linux' | 'Windows';
  mode: 'System' | 'User';
  /** Absent means VirtualMachineScaleSets; AvailabilitySet marks a legacy pool. */
  type?: 'AvailabilitySet';
  count: number;
  autoscale: { min: number; max: number } | null;
  zones: string[];
  vmSize: string;
  subnetId: string | null;
  disableOutboundNat?: boolean;
  nodePublicIp: boolean;
}

export interface ClusterSpec {
  sub: Sub;
  rg: string;
  name: string;
  nodeRg: string;
  version: string;
  outboundType: string;
  loadBalancerSku: 'standard' | 'basic';
  networkPlugin: 'azure' | 'kubenet';
  pools: PoolSpec[];
  lb?: { managedCount?: number; effectiveIps: string[]; outboundIps?: string[]; outboundPrefixes?: string[]; ports?: number };
  nat?: { count: number; effectiveIps: string[]; idle: number };
  api: { private: boolean; vnetIntegration: boolean; ranges: string[] | null };
  tags: Record<string, string>;
}

/** A managed cluster ARG row, with the bulk real ones carry (identities, add-ons, SSH key, profiles). */
export function clusterRow(s: ClusterSpec, rng: Rng): object {
  const id = armId(s.sub.id, s.rg, 'Microsoft.ContainerService', 'managedClusters', s.name);
  const identityRg = `rg-identity-${s.sub.env}`;
  const identity = (name: string): object => ({
    resourceId: armId(s.sub.id, s.nodeRg, 'Microsoft.ManagedIdentity', 'userAssignedIdentities', name),
    clientId: rng.guid(),
    objectId: rng.guid(),
  });
  const workspace = armId(s.sub.id, `rg-monitoring-${s.sub.env}`, 'Microsoft.OperationalInsights', 'workspaces', `log-${s.sub.env}-${s.sub.location}`);
  const dnsPrefix = `${s.name}-dns`;
  const fqdnHash = rng.hex(8);
  const userAssigned = rng.chance(0.4);
  const properties: Record<string, unknown> = {
    provisioningState: 'Succeeded',
    powerState: { code: 'Running' },
    kubernetesVersion: s.version,
    currentKubernetesVersion: s.version,
    dnsPrefix,
    ...(s.api.private
      ? { privateFQDN: `${dnsPrefix}-${fqdnHash}.${rng.guid()}.privatelink.${s.sub.location}.azmk8s.io` }
      : { fqdn: `${dnsPrefix}-${fqdnHash}.hcp.${s.sub.location}.azmk8s.io` }),
    azurePortalFQDN: `${dnsPrefix}-${fqdnHash}.portal.hcp.${s.sub.location}.azmk8s.io`,
    agentPoolProfiles: s.pools.map((p) => poolProfile(p, s, rng)),
    linuxProfile: { adminUsername: 'azureuser', ssh: { publicKeys: [{ keyData: `ssh-rsa ${rng.base64(544)} azureuser@${s.name}\n` }] } },
    windowsProfile: s.pools.some((p) => p.os === 'Windows') ? { adminUsername: 'azureuser', enableCSIProxy: true } : undefined,
    servicePrincipalProfile: { clientId: 'msi' },
    addonProfiles: {
      azureKeyvaultSecretsProvider: {
        enabled: true,
        config: { enableSecretRotation: 'true', rotationPollInterval: '2m' },
        identity: identity(`azurekeyvaultsecretsprovider-${s.name}`),
      },
      azurepolicy: { enabled: true, config: null, identity: identity(`azurepolicy-${s.name}`) },
      omsagent: {
        enabled: true,
        config: { logAnalyticsWorkspaceResourceID: workspace, useAADAuth: 'true' },
        identity: identity(`omsagent-${s.name}`),
      },
    },
    nodeResourceGroup: s.nodeRg,
    enableRBAC: true,
    supportPlan: 'KubernetesOfficial',
    networkProfile: networkProfile(s),
    aadProfile: { managed: true, adminGroupObjectIDs: [rng.guid()], enableAzureRBAC: true, tenantID: s.sub.tenantId },
    maxAgentPools: 100,
    apiServerAccessProfile: {
      ...(s.api.ranges ? { authorizedIPRanges: s.api.ranges } : {}),
      enablePrivateCluster: s.api.private,
      ...(s.api.private ? { privateDNSZone: 'system', enablePrivateClusterPublicFQDN: false } : {}),
      ...(s.api.vnetIntegration ? { enableVnetIntegration: true } : {}),
    },
    identityProfile: { kubeletidentity: identity(`${s.name}-agentpool`) },
    autoUpgradeProfile: { upgradeChannel: rng.pick(['patch', 'stable', 'none']), nodeOSUpgradeChannel: 'NodeImage' },
    disableLocalAccounts: true,
    securityProfile: {
      defender: { logAnalyticsWorkspaceResourceId: workspace, securityMonitoring: { enabled: true } },
      imageCleaner: { enabled: true, intervalHours: 168 },
      workloadIdentity: { enabled: true },
    },
    storageProfile: { diskCSIDriver: { enabled: true }, fileCSIDriver: { enabled: true }, snapshotController: { enabled: true } },
    oidcIssuerProfile: { enabled: true, issuerURL: `https://${s.sub.location}.oic.prod-aks.azure.com/${s.sub.tenantId}/${rng.guid()}/` },
    workloadAutoScalerProfile: {},
    azureMonitorProfile: { metrics: { enabled: true, kubeStateMetrics: { metricLabelsAllowlist: '', metricAnnotationsAllowList: '' } } },
    autoScalerProfile: AUTOSCALER_PROFILE,
    resourceUID: rng.hex(24),
    metricsProfile: { costAnalysis: { enabled: false } },
    nodeProvisioningProfile: { mode: 'Manual', defaultNodePools: 'Auto' },
    bootstrapProfile: { artifactSource: 'Direct' },
  };
  return argRow(s.sub, {
    id,
    name: s.name,
    type: 'microsoft.containerservice/managedclusters',
    resourceGroup: s.rg,
    sku: { name: 'Base', tier: rng.pick(['Standard', 'Standard', 'Free']) },
    properties,
    tags: s.tags,
    identity: userAssigned
      ? { type: 'UserAssigned', userAssignedIdentities: { [armId(s.sub.id, identityRg, 'Microsoft.ManagedIdentity', 'userAssignedIdentities', `id-${s.name}`)]: { clientId: rng.guid(), principalId: rng.guid() } } }
      : { type: 'SystemAssigned', principalId: rng.guid(), tenantId: s.sub.tenantId },
  });
}

function networkProfile(s: ClusterSpec): object {
  const overlay = s.networkPlugin === 'azure';
  return {
    networkPlugin: s.networkPlugin,
    ...(overlay ? { networkPluginMode: 'overlay', networkPolicy: 'cilium', networkDataplane: 'cilium' } : { networkPolicy: 'calico' }),
    loadBalancerSku: s.loadBalancerSku,
    ...(s.lb
      ? {
          loadBalancerProfile: {
            ...(s.lb.managedCount ? { managedOutboundIPs: { count: s.lb.managedCount } } : {}),
            ...(s.lb.outboundIps ? { outboundIPs: { publicIPs: s.lb.outboundIps.map(ref) } } : {}),
            ...(s.lb.outboundPrefixes ? { outboundIPPrefixes: { publicIPPrefixes: s.lb.outboundPrefixes.map(ref) } } : {}),
            effectiveOutboundIPs: s.lb.effectiveIps.map(ref),
            allocatedOutboundPorts: s.lb.ports ?? 0,
            idleTimeoutInMinutes: 30,
            backendPoolType: 'nodeIPConfiguration',
          },
        }
      : {}),
    ...(s.nat
      ? {
          natGatewayProfile: {
            managedOutboundIPProfile: { count: s.nat.count },
            effectiveOutboundIPs: s.nat.effectiveIps.map(ref),
            idleTimeoutInMinutes: s.nat.idle,
          },
        }
      : {}),
    podCidr: '10.244.0.0/16',
    serviceCidr: '10.0.0.0/16',
    dnsServiceIP: '10.0.0.10',
    outboundType: s.outboundType,
    podCidrs: ['10.244.0.0/16'],
    serviceCidrs: ['10.0.0.0/16'],
    ipFamilies: ['IPv4'],
  };
}

const LINUX_IMAGE = 'AKSUbuntu-2204gen2containerd-202507.21.0';
const WINDOWS_IMAGE = 'AKSWindows-2022-containerd-20348.3932.250715';

function poolProfile(p: PoolSpec, s: ClusterSpec, rng: Rng): object {
  const windows = p.os === 'Windows';
  return {
    name: p.name,
    count: p.count,
    vmSize: p.vmSize,
    osDiskSizeGB: windows ? 256 : 128,
    osDiskType: rng.pick(['Managed', 'Ephemeral']),
    kubeletDiskType: 'OS',
    workloadRuntime: 'OCIContainer',
    ...(p.subnetId ? { vnetSubnetID: p.subnetId } : {}),
    maxPods: windows ? 30 : 110,
    type: p.type ?? 'VirtualMachineScaleSets',
    ...(p.zones.length ? { availabilityZones: p.zones } : {}),
    ...(p.autoscale ? { maxCount: p.autoscale.max, minCount: p.autoscale.min } : {}),
    enableAutoScaling: p.autoscale !== null,
    scaleDownMode: 'Delete',
    provisioningState: 'Succeeded',
    powerState: { code: 'Running' },
    orchestratorVersion: s.version,
    currentOrchestratorVersion: s.version,
    enableNodePublicIP: p.nodePublicIp,
    nodeLabels: p.mode === 'System' ? {} : { workload: p.name, 'kubernetes.azure.com/scalesetpriority': 'regular' },
    ...(p.mode === 'System' ? { nodeTaints: ['CriticalAddonsOnly=true:NoSchedule'] } : {}),
    mode: p.mode,
    osType: p.os,
    osSKU: windows ? 'Windows2022' : 'Ubuntu',
    nodeImageVersion: windows ? WINDOWS_IMAGE : LINUX_IMAGE,
    upgradeSettings: { maxSurge: '33%', maxUnavailable: '0' },
    enableFIPS: false,
    enableEncryptionAtHost: true,
    securityProfile: { enableVTPM: false, enableSecureBoot: false, sshAccess: 'LocalUser' },
    ...(windows && p.disableOutboundNat !== undefined ? { windowsProfile: { disableOutboundNat: p.disableOutboundNat } } : {}),
    eTag: rng.guid(),
  };
}

/** AKS returns every cluster-autoscaler setting, defaults included. */
const AUTOSCALER_PROFILE = {
  'balance-similar-node-groups': 'false',
  'daemonset-eviction-for-empty-nodes': false,
  'daemonset-eviction-for-occupied-nodes': true,
  expander: 'random',
  'ignore-daemonsets-utilization': false,
  'max-empty-bulk-delete': '10',
  'max-graceful-termination-sec': '600',
  'max-node-provision-time': '15m',
  'max-total-unready-percentage': '45',
  'new-pod-scale-up-delay': '0s',
  'ok-total-unready-count': '3',
  'scale-down-delay-after-add': '10m',
  'scale-down-delay-after-delete': '10s',
  'scale-down-delay-after-failure': '3m',
  'scale-down-unneeded-time': '10m',
  'scale-down-unready-time': '20m',
  'scale-down-utilization-threshold': '0.5',
  'scan-interval': '10s',
  'skip-nodes-with-local-storage': 'false',
  'skip-nodes-with-system-pods': 'true',
};
