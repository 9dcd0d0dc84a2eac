import { armId, ref } from './ids.ts';
import type { Rng } from './prng.ts';
import { argRow, type Sub } from './rows.ts';

/** A jump box or build agent and its OS disk: rows the scanner counts and ignores. */
export function vmAndDisk(sub: Sub, rg: string, name: string, rng: Rng, tags: Record<string, string>): object[] {
  const vmId = armId(sub.id, rg, 'Microsoft.Compute', 'virtualMachines', name);
  const diskName = `${name}_OsDisk_1_${rng.hex(32)}`;
  const diskId = armId(sub.id, rg.toUpperCase(), 'Microsoft.Compute', 'disks', diskName);
  const zone = String(rng.int(1, 3));
  const created = `2024-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}T${String(rng.int(0, 23)).padStart(2, '0')}:14:07.1234567+00:00`;
  const vm = argRow(sub, {
    id: vmId,
    name,
    type: 'microsoft.compute/virtualmachines',
    resourceGroup: rg,
    zones: [zone],
    tags,
    identity: { type: 'SystemAssigned', principalId: rng.guid(), tenantId: sub.tenantId },
    properties: {
      vmId: rng.guid(),
      hardwareProfile: { vmSize: rng.pick(['Standard_B2ms', 'Standard_D2s_v5', 'Standard_D4s_v5']) },
      storageProfile: {
        imageReference: { publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest', exactVersion: '24.04.202507150' },
        osDisk: {
          osType: 'Linux',
          name: diskName,
          createOption: 'FromImage',
          caching: 'ReadWrite',
          managedDisk: { storageAccountType: 'Premium_LRS', id: diskId },
          deleteOption: 'Delete',
          diskSizeGB: 30,
        },
        dataDisks: [],
        diskControllerType: 'SCSI',
      },
      osProfile: {
        computerName: name,
        adminUsername: 'azureuser',
        linuxConfiguration: {
          disablePasswordAuthentication: true,
          ssh: { publicKeys: [{ path: '/home/azureuser/.ssh/authorized_keys', keyData: `ssh-rsa ${rng.base64(544)} azureuser@${name}\n` }] },
          provisionVMAgent: true,
          patchSettings: { patchMode: 'ImageDefault', assessmentMode: 'ImageDefault' },
        },
        secrets: [],
        allowExtensionOperations: true,
        requireGuestProvisionSignal: true,
      },
      securityProfile: { uefiSettings: { secureBootEnabled: true, vTpmEnabled: true }, securityType: 'TrustedLaunch' },
      networkProfile: { networkInterfaces: [{ id: armId(sub.id, rg, 'Microsoft.Network', 'networkInterfaces', `${name}-nic`), properties: { deleteOption: 'Delete' } }] },
      diagnosticsProfile: { bootDiagnostics: { enabled: true } },
      provisioningState: 'Succeeded',
      timeCreated: created,
      extended: { instanceView: { computerName: name, osName: 'ubuntu', osVersion: '24.04', powerState: { code: 'PowerState/running', level: 'Info', displayStatus: 'VM running' } } },
    },
  });
  const disk = argRow(sub, {
    id: diskId,
    name: diskName,
    type: 'microsoft.compute/disks',
    resourceGroup: rg,
    managedBy: vmId,
    sku: { name: 'Premium_LRS', tier: 'Premium' },
    zones: [zone],
    tags,
    properties: {
      osType: 'Linux',
      hyperVGeneration: 'V2',
      supportsHibernation: true,
      supportedCapabilities: { diskControllerTypes: 'SCSI, NVMe', acceleratedNetwork: true, architecture: 'x64' },
      creationData: { createOption: 'FromImage', imageReference: ref(`/Subscriptions/${sub.id}/Providers/Microsoft.Compute/Locations/${sub.location}/Publishers/canonical/ArtifactTypes/VMImage/Offers/ubuntu-24_04-lts/Skus/server/Versions/24.04.202507150`) },
      diskSizeGB: 30,
      diskIOPSReadWrite: 120,
      diskMBpsReadWrite: 25,
      encryption: { type: 'EncryptionAtRestWithPlatformKey' },
      networkAccessPolicy: 'AllowAll',
      securityProfile: { securityType: 'TrustedLaunch' },
      publicNetworkAccess: 'Enabled',
      timeCreated: created,
      provisioningState: 'Succeeded',
      diskState: 'Attached',
      diskSizeBytes: 32213303296,
      uniqueId: rng.guid(),
      tier: 'P4',
    },
  });
  return [vm, disk];
}
