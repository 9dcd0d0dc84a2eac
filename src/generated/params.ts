// Generated from schemas/params.schema.json by `npm run gen:types`; edit the schema, not this file.

/**
 * The parameters policies read (with { "$data": "/params/NAME" }), their defaults and limits: the one definition the configuration, the facts document and the policy test tables refer to.
 */
export interface PolicyParameters {
  /**
   * Outbound types clusters may use (EG001). Default: all seven known ones.
   *
   * @minItems 1
   */
  allowedOutboundTypes?: (
    | "loadBalancer"
    | "managedNATGateway"
    | "userAssignedNATGateway"
    | "userDefinedRouting"
    | "none"
    | "block"
    | "managedNATGatewayV2"
  )[];
  /**
   * Fewest public IP addresses a NAT gateway may have (EG009).
   */
  minNatGatewayIps?: number;
  /**
   * Longest NAT gateway TCP idle timeout allowed, in minutes (EG010).
   */
  maxIdleTimeoutMinutes?: number;
  /**
   * Fewest SNAT ports each node must get at max nodes (EG020, EG024).
   */
  minSnatPortsPerNode?: number;
  /**
   * Azure Firewall instances counted for SNAT: 2,496 ports per public IP per instance (EG024); 2 is the fewest a firewall runs.
   */
  firewallInstances?: number;
}
