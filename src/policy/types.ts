export const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const zeroBySeverity = (): Record<Severity, number> => ({ high: 0, medium: 0, low: 0, info: 0 });

export const SUBJECTS = ['cluster', 'pool', 'natGateway', 'egressIp', 'subnet', 'permission', 'firewall'] as const;
export type SubjectKind = (typeof SUBJECTS)[number];

export type ResourceRef = 'cluster' | 'pool' | 'pool.subnet' | 'pool.natGateway' | 'natGateway' | 'egressIp' | 'subnet' | 'permission' | 'firewall';

/** A policy file as written (validated against schemas/policy.schema.json). */
export interface PolicyFile {
  id: string;
  name: string;
  title: string;
  severity: Severity;
  description: string;
  rationale: string;
  helpUri: string;
  docs?: string[];
  tags: string[];
  subject: SubjectKind;
  parameters?: string[];
  match?: object;
  assert: object;
  message: string;
  resource: ResourceRef;
  property: string;
  remediation: { text: string; command?: string };
}

export interface Params {
  allowedOutboundTypes: string[];
  minNatGatewayIps: number;
  maxIdleTimeoutMinutes: number;
  minSnatPortsPerNode: number;
  firewallInstances: number;
}

export const DEFAULT_PARAMS: Params = {
  allowedOutboundTypes: ['loadBalancer', 'managedNATGateway', 'userAssignedNATGateway', 'userDefinedRouting', 'none', 'block'],
  minNatGatewayIps: 1,
  maxIdleTimeoutMinutes: 120,
  minSnatPortsPerNode: 1024,
  firewallInstances: 2,
};

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}
