// Generated from schemas/policy.schema.json by `npm run gen:types`; edit the schema, not this file.

/**
 * One policy: metadata, the subjects it applies to, and the JSON Schema a compliant subject satisfies.
 */
export interface EgressAuditPolicy {
  $schema?: string;
  /**
   * Stable ID, equal to the file name without .json.
   */
  id: string;
  /**
   * kebab-case rule name.
   */
  name: string;
  title: string;
  severity: "high" | "medium" | "low" | "info";
  /**
   * What the policy checks, in one or two sentences.
   */
  description: string;
  /**
   * Why it matters, with the Azure facts behind it.
   */
  rationale: string;
  helpUri: string;
  /**
   * Further Azure documentation the policy rests on.
   */
  docs?: string[];
  tags: string[];
  /**
   * What one evaluation looks at. The document evaluated is { params, cluster, <subject> } (for cluster: { params, cluster }).
   */
  subject: "cluster" | "pool" | "natGateway" | "egressIp" | "subnet" | "permission" | "firewall";
  /**
   * Profile parameters the policy reads under /params.
   */
  parameters?: (
    "allowedOutboundTypes" | "minNatGatewayIps" | "maxIdleTimeoutMinutes" | "minSnatPortsPerNode" | "firewallInstances"
  )[];
  /**
   * JSON Schema: the policy applies to subjects that satisfy it. Absent: every subject.
   */
  match?: {};
  /**
   * JSON Schema a compliant subject satisfies. Parameters are read with { "$data": "/params/NAME" }.
   */
  assert: {};
  /**
   * Handlebars template filled from the evaluated document; plain text.
   */
  message: string;
  /**
   * Which object of the document is the offending resource.
   */
  resource:
    | "cluster"
    | "pool"
    | "pool.subnet"
    | "pool.natGateway"
    | "natGateway"
    | "egressIp"
    | "subnet"
    | "permission"
    | "firewall";
  /**
   * ARM property path on the offending resource, e.g. properties.networkProfile.outboundType.
   */
  property: string;
  remediation: {
    /**
     * Handlebars template.
     */
    text: string;
    /**
     * Handlebars template of the az command, with real resource names.
     */
    command?: string;
  };
}
