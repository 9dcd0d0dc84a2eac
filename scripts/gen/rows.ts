import type { AddressPool } from './ids.ts';

/** One subscription of the estate, with what every row of it shares. */
export interface Sub {
  index: number;
  id: string;
  tenantId: string;
  location: string;
  env: string;
  addresses: AddressPool;
}

export interface RowFields {
  id: string;
  name: string;
  type: string;
  resourceGroup: string;
  location?: string;
  kind?: string;
  managedBy?: string;
  sku?: object | null;
  properties: object;
  tags?: Record<string, string>;
  identity?: object | null;
  zones?: string[] | null;
}

/** A row in Azure Resource Graph's column order, with ARG's lower-cased type and resource group. */
export function argRow(sub: Sub, f: RowFields): object {
  return {
    id: f.id,
    name: f.name,
    type: f.type,
    tenantId: sub.tenantId,
    kind: f.kind ?? '',
    location: f.location ?? sub.location,
    resourceGroup: f.resourceGroup.toLowerCase(),
    subscriptionId: sub.id,
    managedBy: f.managedBy ?? '',
    sku: f.sku ?? null,
    plan: null,
    properties: f.properties,
    tags: f.tags ?? {},
    identity: f.identity ?? null,
    zones: f.zones && f.zones.length ? f.zones : null,
    extendedLocation: null,
  };
}
