/** Bad input or usage: the CLI prints the message (no stack) and exits with code 2. */
export class InputError extends Error {
  override name = 'InputError';
}

/** A problem found while reading one row or joining the inventory; the scan goes on. */
export interface ScanError {
  code: string;
  message: string;
  file?: string;
  path?: string;
  resourceId?: string;
  expected?: string;
  found?: string;
  /** Cluster IDs this problem leaves incomplete. */
  clusters?: string[];
}

/**
 * An enum-like value the scanner does not know (Azure extends these): read as itself and judged,
 * never a refused row. One warning per property and value, naming the first place it was seen.
 */
export interface ScanWarning {
  code: 'unknown-value';
  message: string;
  value: string;
  /** The property as ARM writes it, array indices left out: `properties.agentPoolProfiles[].osType`. */
  property: string;
  resourceType: string;
  /** The first place the value was seen. */
  where: { file: string; path: string; resourceId?: string };
  /** How many times the value was seen in that property. */
  occurrences: number;
}
