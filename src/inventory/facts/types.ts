/**
 * The per-cluster facts document that policies evaluate. The types are generated from
 * `schemas/facts.schema.json` (`npm run gen:types`), so a fact is defined once, in the schema; these
 * are the names the code uses for them.
 */
import type { ApiServer, Cluster, DefaultRoute, EgressIp, Firewall, Identity, LoadBalancer, NatGateway, Permission, Pool, Subnet } from '../../generated/facts.ts';

export type ClusterFacts = Cluster;
export type PoolFacts = Pool;
export type SubnetFacts = Subnet;
export type DefaultRouteFacts = DefaultRoute;
export type NatGatewayFacts = NatGateway;
export type EgressIpFacts = EgressIp;
export type LoadBalancerFacts = LoadBalancer;
export type ApiServerFacts = ApiServer;
export type IdentityFacts = Identity;
export type PermissionFacts = Permission;
/** As the facts hold it: the SNAT figures that depend on the profile's firewallInstances are added at evaluation. */
export type FirewallFacts = Omit<Firewall, 'firewallInstances' | 'snatPorts' | 'snatPortsPerNode'>;
