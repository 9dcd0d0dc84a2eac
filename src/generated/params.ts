// Generated from schemas/params.schema.json by `npm run gen:types`; edit the schema, not this file.

/**
 * The parameters policies read (with { "$data": "/params/NAME" }), their defaults and limits: the one definition the configuration, the facts document and the policy test tables refer to.
 */
export interface PolicyParameters {
  /**
   * Outbound types clusters may use (EG001).
   *
   * @minItems 1
   */
  allowedOutboundTypes?: (
    "loadBalancer" | "managedNATGateway" | "userAssignedNATGateway" | "userDefinedRouting" | "none" | "block"
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
   * Fewest SNAT ports each node must get at max nodes (EG020).
   */
  minSnatPortsPerNode?: number;
}
